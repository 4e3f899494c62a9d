//! The unanswered inbox and the hand-over records.
//!
//! | tree         | key                    | value |
//! |--------------|------------------------|-------|
//! | `inbox`      | 16 hex digits (hash of language + normalized text) | [`InboxEntry`], versioned JSON |
//! | `handoffs`   | user chat id           | open case number (u64 BE) |
//! | `staff_msgs` | staff-chat message id (i64 BE) | user chat id: where a staff reply goes |
//! | `inbox_users` | user chat id + inbox id | how often this user asked it (for `/forget`) |
//! | `user_staff_msgs` | user chat id + staff-chat message id | the same links, by user (for `/forget`) |

use super::{chat_key, key_chat, Result, Store, StoreError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxEntry {
    pub v: u32,
    pub lang: String,
    /// The first wording seen, masked.
    pub text: String,
    #[serde(default)]
    pub topic: Option<String>,
    /// How many times this (or the same words) was asked.
    pub count: u64,
    pub first_seen: i64,
    pub last_seen: i64,
    #[serde(default)]
    pub handled: bool,
}

/// FNV-1a, stable across versions and platforms: the inbox key.
pub fn inbox_id(lang: &str, normalized: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in lang.bytes().chain([0]).chain(normalized.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Store {
    /// Counts one more unanswered question; similar ones (same normalized words in
    /// the same language) share an entry. A handled entry asked again reopens.
    pub fn record_unanswered(
        &self,
        user: i64,
        lang: &str,
        text: &str,
        normalized: &str,
        topic: Option<String>,
        now: i64,
    ) -> Result<String> {
        let id = inbox_id(lang, normalized);
        let tree = &self.inbox;
        let mut error = None;
        tree.fetch_and_update(id.as_bytes(), |old| {
            let mut e = old
                .and_then(|b| serde_json::from_slice::<InboxEntry>(b).ok())
                .unwrap_or_else(|| InboxEntry {
                    v: 1,
                    lang: lang.into(),
                    text: text.into(),
                    topic: topic.clone(),
                    count: 0,
                    first_seen: now,
                    last_seen: now,
                    handled: false,
                });
            e.count += 1;
            e.last_seen = now;
            e.handled = false;
            match serde_json::to_vec(&e) {
                Ok(v) => Some(v),
                Err(source) => {
                    error = Some(StoreError::Encode {
                        what: "inbox entry",
                        source,
                    });
                    old.map(|o| o.to_vec())
                }
            }
        })?;
        if let Some(e) = error {
            return Err(e);
        }
        // Who asked, so that /forget can take their share back out; not shown.
        let mut key = chat_key(user).to_vec();
        key.extend_from_slice(id.as_bytes());
        self.inbox_users.update_and_fetch(key, |old| {
            let n = old
                .and_then(|b| b.try_into().ok())
                .map(u32::from_be_bytes)
                .unwrap_or(0);
            Some((n + 1).to_be_bytes().to_vec())
        })?;
        Ok(id)
    }

    /// Erases a user: profile, session, open case, staff-message links, their
    /// share of the inbox (an entry only they asked disappears), pending mark and
    /// their rows in every broadcast job's recipients.
    pub fn forget_user(&self, user: i64) -> Result<()> {
        // The profile first: a broadcast sender checks it right before each send.
        self.profiles.remove(chat_key(user))?;
        self.forget_recipients(user)?;
        self.handoffs.remove(chat_key(user))?;
        self.sessions.remove(chat_key(user))?;
        self.pending.remove(chat_key(user))?;
        // The user's own index of links: no scan of every staff message.
        for kv in self.user_staff_msgs.scan_prefix(chat_key(user)) {
            let (k, _) = kv?;
            self.staff_msgs.remove(&k[8..])?;
            self.user_staff_msgs.remove(k)?;
        }
        for kv in self.inbox_users.scan_prefix(chat_key(user)) {
            let (k, v) = kv?;
            let asked = v.as_ref().try_into().map(u32::from_be_bytes).unwrap_or(1);
            let id = String::from_utf8_lossy(&k[8..]).into_owned();
            if let Some(bytes) = self.inbox.get(id.as_bytes())? {
                if let Ok(mut e) = serde_json::from_slice::<InboxEntry>(&bytes) {
                    e.count = e.count.saturating_sub(u64::from(asked));
                    if e.count == 0 {
                        self.inbox.remove(id.as_bytes())?;
                    } else {
                        let b = serde_json::to_vec(&e).map_err(|source| StoreError::Encode {
                            what: "inbox entry",
                            source,
                        })?;
                        self.inbox.insert(id.as_bytes(), b)?;
                    }
                }
            }
            self.inbox_users.remove(k)?;
        }
        Ok(())
    }

    /// Open entries, most asked first, at most `per_lang` for each language.
    pub fn open_unanswered(&self, per_lang: usize) -> Result<Vec<(String, InboxEntry)>> {
        let mut all = Vec::new();
        for kv in self.inbox.iter() {
            let (k, v) = kv?;
            if let Ok(e) = serde_json::from_slice::<InboxEntry>(&v) {
                if !e.handled {
                    all.push((String::from_utf8_lossy(&k).into_owned(), e));
                }
            }
        }
        all.sort_by(|a, b| {
            a.1.lang
                .cmp(&b.1.lang)
                .then(b.1.count.cmp(&a.1.count))
                .then(a.0.cmp(&b.0))
        });
        let mut out: Vec<(String, InboxEntry)> = Vec::new();
        for item in all {
            if out.iter().filter(|(_, e)| e.lang == item.1.lang).count() < per_lang {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Marks an entry handled; false when there is no such entry.
    pub fn mark_handled(&self, id: &str) -> Result<bool> {
        let Some(v) = self.inbox.get(id.as_bytes())? else {
            return Ok(false);
        };
        let Ok(mut e) = serde_json::from_slice::<InboxEntry>(&v) else {
            return Ok(false);
        };
        e.handled = true;
        let bytes = serde_json::to_vec(&e).map_err(|source| StoreError::Encode {
            what: "inbox entry",
            source,
        })?;
        self.inbox.insert(id.as_bytes(), bytes)?;
        Ok(true)
    }

    /// The user's open case, opening one (with a new number) if there is none.
    pub fn open_case(&self, user: i64) -> Result<u64> {
        if let Some(v) = self.handoffs.get(chat_key(user))? {
            if let Some(n) = key_chat(&v) {
                return Ok(n as u64);
            }
        }
        let n = self.db.generate_id()? + 1;
        self.handoffs.insert(chat_key(user), &n.to_be_bytes())?;
        Ok(n)
    }

    pub fn open_cases(&self) -> usize {
        self.handoffs.len()
    }

    pub fn case_of(&self, user: i64) -> Result<Option<u64>> {
        Ok(self
            .handoffs
            .get(chat_key(user))?
            .and_then(|v| key_chat(&v))
            .map(|n| n as u64))
    }

    pub fn close_case(&self, user: i64) -> Result<Option<u64>> {
        Ok(self
            .handoffs
            .remove(chat_key(user))?
            .and_then(|v| key_chat(&v))
            .map(|n| n as u64))
    }

    /// Remembers which user a message in the staff chat speaks for.
    pub fn link_staff_message(&self, staff_message: i64, user: i64) -> Result<()> {
        self.staff_msgs
            .insert(chat_key(staff_message), &chat_key(user))?;
        let mut key = chat_key(user).to_vec();
        key.extend_from_slice(&chat_key(staff_message));
        self.user_staff_msgs.insert(key, &[])?;
        Ok(())
    }

    pub fn user_of_staff_message(&self, staff_message: i64) -> Result<Option<i64>> {
        Ok(self
            .staff_msgs
            .get(chat_key(staff_message))?
            .and_then(|v| key_chat(&v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_questions_share_an_entry_and_reopen() {
        let s = Store::temporary().unwrap();
        let a = s
            .record_unanswered(9, "bo", "Q one", "q one", None, 10)
            .unwrap();
        let b = s
            .record_unanswered(9, "bo", "q  ONE!", "q one", None, 20)
            .unwrap();
        s.record_unanswered(9, "ug", "other", "other", Some("fees".into()), 30)
            .unwrap();
        assert_eq!(a, b);
        let open = s.open_unanswered(5).unwrap();
        assert_eq!(open.len(), 2);
        let bo = open.iter().find(|(_, e)| e.lang == "bo").unwrap();
        assert_eq!(
            (bo.1.count, bo.1.text.as_str(), bo.1.last_seen),
            (2, "Q one", 20)
        );
        assert!(s.mark_handled(&a).unwrap());
        assert!(!s.mark_handled("ffffffffffffffff").unwrap());
        assert_eq!(s.open_unanswered(5).unwrap().len(), 1);
        s.record_unanswered(9, "bo", "q one", "q one", None, 40)
            .unwrap();
        assert_eq!(s.open_unanswered(5).unwrap().len(), 2);
    }

    #[test]
    fn cases_open_once_and_close() {
        let s = Store::temporary().unwrap();
        let c = s.open_case(5).unwrap();
        assert_eq!(s.open_case(5).unwrap(), c);
        assert_ne!(s.open_case(6).unwrap(), c);
        assert_eq!(s.close_case(5).unwrap(), Some(c));
        assert_eq!(s.case_of(5).unwrap(), None);
        s.link_staff_message(77, 5).unwrap();
        assert_eq!(s.user_of_staff_message(77).unwrap(), Some(5));
        assert_eq!(s.user_of_staff_message(78).unwrap(), None);
    }
}
