//! Per chat, the conversation in hand: the engine state, the last update applied
//! (so a replayed update changes nothing twice) and the replies committed but not
//! yet confirmed sent (so a crash re-sends instead of losing them).
//!
//! | tree       | key              | value |
//! |------------|------------------|-------|
//! | `sessions` | chat id (i64 BE) | [`Session`] as JSON: `{"v":1,"state":…,"last_update":…,"outbox":[…]}` |
//!
//! The JSON is a compatibility boundary: every session written since version 1
//! must keep decoding (`tests/data/session-v1.json`). One that does not decode is
//! reported as [`StoreError::Undecodable`], apart from real store failures, so
//! the caller can reset that user politely instead of leaving them stuck.
//!
//! [`Store::save_update`] writes what one update changed (profile, session and
//! the `pending` mark of its outbox) in one sled transaction; forgetting a user
//! ([`Store::forget_user`]) removes the session with the rest.

use super::{chat_key, encode_profile, Result, Store, StoreError};
use crate::engine::{Profile, State};
use serde::{Deserialize, Serialize};
use sled::transaction::{TransactionError, Transactional};

pub const SESSION_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// `v`: the format version, the first key of every persisted envelope.
    pub v: u32,
    pub state: State,
    /// Highest Telegram update id applied to this chat.
    pub last_update: i64,
    /// Replies committed with the state, in order, until Telegram confirms them.
    #[serde(default)]
    pub outbox: Vec<Outgoing>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            v: SESSION_VERSION,
            state: State::New,
            last_update: -1,
            outbox: Vec::new(),
        }
    }
}

/// Persisted in the session's outbox; `k` ("kind") is the variant tag, kept
/// unchanged because stored sessions must keep decoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "kebab-case")]
pub enum Outgoing {
    /// Plain text (no parse mode, so no character can break it) with inline
    /// buttons (label, callback data).
    Text {
        text: String,
        buttons: Vec<Vec<(String, String)>>,
        /// Another chat (the staff chat) instead of this one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<i64>,
        /// Remember that the sent message speaks for this user, so that a staff
        /// reply to it reaches them.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link: Option<i64>,
    },
    /// A voice message or photo handed to the staff chat, by Telegram file id.
    Media {
        voice: bool,
        file_id: String,
        caption: String,
        to: i64,
        link: Option<i64>,
    },
    /// Stops the spinner on a pressed button.
    Answer { id: String },
}

impl Outgoing {
    /// A reply to the chat itself.
    pub fn reply(text: String, buttons: Vec<Vec<(String, String)>>) -> Outgoing {
        Outgoing::Text {
            text,
            buttons,
            to: None,
            link: None,
        }
    }
}

fn encode_session(s: &Session) -> Result<Vec<u8>> {
    serde_json::to_vec(s).map_err(|source| StoreError::Encode {
        what: "session",
        source,
    })
}

impl Store {
    /// The chat's session, `None` if it has none; [`StoreError::Undecodable`]
    /// if what is stored no longer decodes.
    pub fn session(&self, chat: i64) -> Result<Option<Session>> {
        match self.sessions.get(chat_key(chat))? {
            None => Ok(None),
            Some(bytes) => {
                serde_json::from_slice(&bytes)
                    .map(Some)
                    .map_err(|source| StoreError::Undecodable {
                        what: "session",
                        source,
                    })
            }
        }
    }

    /// Replaces the chat's session, and nothing else.
    pub fn put_session(&self, chat: i64, session: &Session) -> Result<()> {
        self.sessions
            .insert(chat_key(chat), encode_session(session)?)?;
        Ok(())
    }

    pub fn remove_session(&self, chat: i64) -> Result<()> {
        self.sessions.remove(chat_key(chat))?;
        Ok(())
    }

    /// Conversations stored (for `/metrics`).
    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// What one update changed, all or nothing: the profile (if given), the
    /// session (state, `last_update`, outbox) and, when the outbox holds
    /// anything, the chat's `pending` mark, so its replies go out after a
    /// restart. One sled transaction over the three trees.
    pub fn save_update(
        &self,
        chat: i64,
        profile: Option<&Profile>,
        session: &Session,
    ) -> Result<()> {
        let key = chat_key(chat);
        let profile = profile.map(encode_profile).transpose()?;
        let session_bytes = encode_session(session)?;
        let pending = !session.outbox.is_empty();
        (&self.sessions, &self.profiles, &self.pending)
            .transaction(|(sessions, profiles, marks)| {
                if let Some(p) = &profile {
                    profiles.insert(&key, p.as_slice())?;
                }
                if pending {
                    marks.insert(&key, &[])?;
                }
                sessions.insert(&key, session_bytes.as_slice())?;
                Ok(())
            })
            .map_err(|e: TransactionError<std::convert::Infallible>| match e {
                TransactionError::Storage(e) => StoreError::Sled(e),
                TransactionError::Abort(never) => match never {},
            })
    }

    /// Writes `bytes` as the chat's session, as another version of the bot
    /// might have: for tests of what does not decode.
    #[doc(hidden)]
    pub fn put_session_bytes(&self, chat: i64, bytes: &[u8]) -> Result<()> {
        self.sessions.insert(chat_key(chat), bytes)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Loaded;

    #[test]
    fn version_1_session_still_decodes() {
        let v1 = include_str!("../../tests/data/session-v1.json");
        let s: Session = serde_json::from_str(v1).expect("v1 session decodes");
        assert_eq!(s.v, 1);
        assert_eq!(s.last_update, 41);
        assert_eq!(
            s.state,
            State::Quiz {
                answers: vec![
                    ("household".into(), "dibao".into()),
                    ("disability".into(), "no".into())
                ],
                only: None,
            }
        );
        assert_eq!(s.outbox.len(), 2);
        // Written back byte for byte: the format did not move.
        assert_eq!(serde_json::to_string(&s).unwrap(), v1.trim_end());
    }

    #[test]
    fn unknown_states_fail_to_decode_rather_than_guess() {
        let bad = r#"{"v":1,"state":{"at":"removed-screen"},"last_update":3}"#;
        assert!(serde_json::from_str::<Session>(bad).is_err());
    }

    #[test]
    fn stores_reads_removes_and_reports_undecodable() {
        let s = Store::temporary().unwrap();
        assert!(s.session(1).unwrap().is_none());
        let one = Session {
            last_update: 5,
            ..Session::default()
        };
        s.put_session(1, &one).unwrap();
        assert_eq!(s.session(1).unwrap(), Some(one));
        assert_eq!(s.session_count(), 1);
        s.remove_session(1).unwrap();
        assert!(s.session(1).unwrap().is_none());
        s.put_session_bytes(2, b"{not json").unwrap();
        assert!(matches!(
            s.session(2),
            Err(StoreError::Undecodable {
                what: "session",
                ..
            })
        ));
        // Stored as before: the session tree holds the JSON itself.
        let v1 = include_bytes!("../../tests/data/session-v1.json");
        s.put_session_bytes(3, v1).unwrap();
        assert_eq!(s.session(3).unwrap().map(|s| s.last_update), Some(41));
    }

    #[test]
    fn an_update_saves_profile_session_and_pending_mark_together() {
        let s = Store::temporary().unwrap();
        let profile = Profile {
            lang: Some("ug".into()),
            ..Profile::default()
        };
        let quiet = Session {
            last_update: 1,
            ..Session::default()
        };
        s.save_update(7, Some(&profile), &quiet).unwrap();
        assert_eq!(s.profile(7).unwrap(), Loaded::Found(profile.clone()));
        assert_eq!(s.session(7).unwrap(), Some(quiet));
        assert!(!s.is_pending(7).unwrap(), "nothing to send, no mark");
        let replying = Session {
            last_update: 2,
            outbox: vec![Outgoing::reply("hi".into(), Vec::new())],
            ..Session::default()
        };
        s.save_update(7, None, &replying).unwrap();
        assert_eq!(s.session(7).unwrap(), Some(replying));
        assert!(s.is_pending(7).unwrap());
        assert_eq!(s.profile(7).unwrap(), Loaded::Found(profile));
        // Forgetting takes session, profile and mark in one call.
        s.forget_user(7).unwrap();
        assert!(s.session(7).unwrap().is_none());
        assert_eq!(s.profile(7).unwrap(), Loaded::Missing);
        assert!(!s.is_pending(7).unwrap());
    }
}
