//! The dialogue value kept per chat through teloxide's `Storage`: the engine state,
//! the last update applied (so a replayed update changes nothing twice) and the
//! replies committed but not yet confirmed sent (so a crash re-sends instead of
//! losing them). Versioned: see `decode_compat` and tests/data/session-v1.json.

use crate::engine::State;
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
                ]
            }
        );
        assert_eq!(s.outbox.len(), 2);
    }

    #[test]
    fn unknown_states_fail_to_decode_rather_than_guess() {
        let bad = r#"{"v":1,"state":{"at":"removed-screen"},"last_update":3}"#;
        assert!(serde_json::from_str::<Session>(bad).is_err());
    }
}
