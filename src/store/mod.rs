//! Everything netplus keeps on disk, in one sled database (one `Db` per process):
//!
//! | tree       | key            | value                                   |
//! |------------|----------------|-----------------------------------------|
//! | `sessions` | chat id (i64 BE) | [`Session`]: state, last update applied, outbox (see [`sessions`]) |
//! | `profiles` | chat id        | [`Profile`] in a versioned JSON envelope |
//! | `pending`  | chat id        | empty: this chat has replies not yet confirmed sent |
//! | `meta`     | name           | `offset`: the next Telegram update id to fetch |
//! | `inbox`, `handoffs`, `staff_msgs` | see [`inbox`] | unanswered questions and hand-overs |
//! | `jobs`, `recipients` | see [`jobs`] | broadcast jobs and their recipients |
//!
//! Durability (see [`durable`]): a write is durable once a [`Store::flush`] that
//! started after it has returned: sled's log is flushed and then `fdatasync`ed,
//! with any new blob files and the folder. The bot confirms an update to Telegram
//! (the next `getUpdates` offset, or the webhook's 200) only after such a flush,
//! because Telegram never delivers a confirmed update again. What a power cut can
//! cost: writes not yet covered by a finished flush, i.e. updates not yet
//! confirmed (Telegram delivers them again and they are applied then), replies
//! marked sent lazily (the latest few per chat are sent once more),
//! and broadcast outcomes of the messages in flight (sent once more, at most one
//! per concurrent sender). Nothing that was confirmed to Telegram is lost.

pub mod backup;
mod durable;
mod inbox;

pub use inbox::{inbox_id, InboxEntry};
pub mod jobs; // broadcast jobs and recipients (issue 3)
pub mod sessions;

pub use sessions::{Outgoing, Session, SESSION_VERSION};

use crate::engine::Profile;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the data store failed: {0}")]
    Sled(#[from] sled::Error),
    #[error("cannot open the data store at {path}: {source}")]
    Open { path: String, source: sled::Error },
    /// A group commit failed: nothing it covered may be confirmed to Telegram.
    #[error("the data store could not commit to disk: {0}")]
    Flush(String),
    #[error("cannot make the data store durable (fsync of {path}): {source}")]
    Sync {
        path: String,
        source: std::io::Error,
    },
    #[error("stored {what} could not be encoded: {source}")]
    Encode {
        what: &'static str,
        source: serde_json::Error,
    },
    /// What is stored no longer decodes (another version wrote it, or it is
    /// damaged): not a failure of the store; the caller starts that user afresh.
    #[error("stored {what} does not decode: {source}")]
    Undecodable {
        what: &'static str,
        source: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// sled's page cache (its default is 1 GiB): keeps a 100,000-user broadcast under
/// 100 MB of RSS; the OS page cache still holds the file.
const CACHE_BYTES: u64 = 8 << 20;

/// Current version of the profile envelope.
pub const PROFILE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct ProfileEnvelope {
    v: u32,
    profile: Profile,
}

/// A profile as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded<T> {
    Missing,
    Found(T),
    /// Written by an incompatible version: start afresh and tell the user.
    Incompatible,
}

pub fn chat_key(chat: i64) -> [u8; 8] {
    chat.to_be_bytes()
}

pub fn key_chat(key: &[u8]) -> Option<i64> {
    Some(i64::from_be_bytes(key.try_into().ok()?))
}

/// Decodes a stored profile, migrating older versions.
pub fn decode_profile(bytes: &[u8]) -> Option<Profile> {
    let env: ProfileEnvelope = serde_json::from_slice(bytes).ok()?;
    (env.v <= PROFILE_VERSION).then_some(env.profile)
}

pub fn encode_profile(p: &Profile) -> Result<Vec<u8>> {
    serde_json::to_vec(&ProfileEnvelope {
        v: PROFILE_VERSION,
        profile: p.clone(),
    })
    .map_err(|source| StoreError::Encode {
        what: "profile",
        source,
    })
}

#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    profiles: sled::Tree,
    pending: sled::Tree,
    meta: sled::Tree,
    sessions: sled::Tree,
    inbox: sled::Tree,
    handoffs: sled::Tree,
    staff_msgs: sled::Tree,
    inbox_users: sled::Tree,
    user_staff_msgs: sled::Tree,
    /// Broadcast recipients, and their index by user (`store::jobs`).
    recipients: sled::Tree,
    flusher: std::sync::Arc<Flusher>,
    /// The files to fsync after each flush; none for a temporary store.
    files: Option<std::sync::Arc<durable::Files>>,
}

/// sled's settings for every store. No background flush: the bot flushes
/// exactly when durability matters (group commits), and sled's periodic flush
/// stalled writers for hundreds of milliseconds under load.
fn settings() -> sled::Config {
    sled::Config::new()
        .flush_every_ms(None)
        .cache_capacity(CACHE_BYTES)
}

impl Store {
    pub fn open(dir: &Path) -> Result<Store> {
        let db = settings()
            .path(dir)
            .open()
            .map_err(|source| StoreError::Open {
                path: dir.display().to_string(),
                source,
            })?;
        let files = durable::Files::open(dir).map_err(|source| StoreError::Sync {
            path: dir.display().to_string(),
            source,
        })?;
        let mut store = Store::from_db(db)?;
        store.files = Some(std::sync::Arc::new(files));
        Ok(store)
    }

    /// The in-memory store: the same settings as [`Store::open`], in a
    /// temporary folder (shared memory, `/dev/shm`, on Linux) that is gone when
    /// the store is dropped; a flush syncs no file. For tests and the in-memory
    /// baseline of the end-to-end benchmark.
    pub fn temporary() -> Result<Store> {
        Store::from_db(settings().temporary(true).open()?)
    }

    fn from_db(db: sled::Db) -> Result<Store> {
        let store = Store {
            profiles: db.open_tree("profiles")?,
            pending: db.open_tree("pending")?,
            meta: db.open_tree("meta")?,
            sessions: db.open_tree("sessions")?,
            inbox: db.open_tree("inbox")?,
            handoffs: db.open_tree("handoffs")?,
            staff_msgs: db.open_tree("staff_msgs")?,
            inbox_users: db.open_tree("inbox_users")?,
            user_staff_msgs: db.open_tree("user_staff_msgs")?,
            recipients: db.open_tree("recipients")?,
            flusher: std::sync::Arc::new(Flusher::default()),
            files: None,
            db,
        };
        Ok(store)
    }

    pub fn profile(&self, chat: i64) -> Result<Loaded<Profile>> {
        Ok(match self.profiles.get(chat_key(chat))? {
            None => Loaded::Missing,
            Some(bytes) => match decode_profile(&bytes) {
                Some(p) => Loaded::Found(p),
                None => Loaded::Incompatible,
            },
        })
    }

    pub fn put_profile(&self, chat: i64, p: &Profile) -> Result<()> {
        self.profiles.insert(chat_key(chat), encode_profile(p)?)?;
        Ok(())
    }

    pub fn profile_count(&self) -> usize {
        self.profiles.len()
    }

    /// Users last seen before `before` (unix seconds), for the retention sweep.
    pub fn stale_users(&self, before: i64) -> Result<Vec<i64>> {
        let mut out = Vec::new();
        for kv in self.profiles.iter() {
            let (k, v) = kv?;
            if let (Some(chat), Some(p)) = (key_chat(&k), decode_profile(&v)) {
                // 0: never recorded (imported or seeded data): age unknown, kept.
                if p.last_seen > 0 && p.last_seen < before {
                    out.push(chat);
                }
            }
        }
        Ok(out)
    }

    pub fn offset(&self) -> Result<Option<i64>> {
        Ok(self.meta.get("offset")?.and_then(|v| key_chat(&v)))
    }

    pub fn set_offset(&self, offset: i64) -> Result<()> {
        self.meta.insert("offset", &offset.to_be_bytes())?;
        Ok(())
    }

    pub fn mark_pending(&self, chat: i64) -> Result<()> {
        self.pending.insert(chat_key(chat), &[])?;
        Ok(())
    }

    pub fn clear_pending(&self, chat: i64) -> Result<()> {
        self.pending.remove(chat_key(chat))?;
        Ok(())
    }

    /// This chat has replies not yet confirmed sent.
    pub fn is_pending(&self, chat: i64) -> Result<bool> {
        Ok(self.pending.contains_key(chat_key(chat))?)
    }

    pub fn pending_chats(&self) -> Result<Vec<i64>> {
        let mut out = Vec::new();
        for kv in self.pending.iter() {
            let (k, _) = kv?;
            out.extend(key_chat(&k));
        }
        Ok(out)
    }

    /// Makes everything written so far survive a crash of the process.
    ///
    /// Once a flush has failed, every later one fails too (see inside).
    ///
    /// Group commit: concurrent callers share one sled flush (each waits for a
    /// flush that started after its call), so a thousand deliveries a second do
    /// not cost a thousand flushes. sled's own `flush_async` was seen to hang
    /// under many concurrent callers; its blocking `flush` runs on tokio's
    /// blocking pool instead.
    pub async fn flush(&self) -> Result<()> {
        let ticket = {
            let mut st = self.flusher.state.lock().unwrap_or_else(|p| p.into_inner());
            st.requested += 1;
            st.requested
        };
        loop {
            let notified = self.flusher.done.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let target = {
                let mut st = self.flusher.state.lock().unwrap_or_else(|p| p.into_inner());
                // Sticky: after a failed fsync the kernel may have dropped the
                // dirty pages and a later fsync can succeed without them, so no
                // flush of this process is trusted again (restart, and sled
                // recovers what is really on disk).
                if let Some(e) = &st.failed {
                    return Err(StoreError::Flush(e.clone()));
                }
                if st.flushed >= ticket {
                    return Ok(());
                }
                if st.running {
                    None
                } else {
                    st.running = true;
                    Some(st.requested)
                }
            };
            let Some(target) = target else {
                notified.await;
                continue;
            };
            let db = self.db.clone();
            let files = self.files.clone();
            let result = tokio::task::spawn_blocking(move || {
                db.flush().map_err(|e| e.to_string())?;
                match files {
                    Some(files) => files.sync().map_err(|e| format!("fsync failed: {e}")),
                    None => Ok(()),
                }
            })
            .await;
            let mut st = self.flusher.state.lock().unwrap_or_else(|p| p.into_inner());
            st.running = false;
            match result {
                Ok(Ok(_)) => st.flushed = st.flushed.max(target),
                Ok(Err(e)) => st.failed = Some(e),
                Err(e) => st.failed = Some(format!("flush task failed: {e}")),
            }
            drop(st);
            self.flusher.done.notify_waiters();
        }
    }
}

impl Store {
    /// Asks for a flush within [`LAZY_FLUSH_MS`] without waiting for it: the
    /// next group commit, or a flush of its own if none comes by then.
    pub fn flush_soon(&self) {
        let ticket = {
            let st = self.flusher.state.lock().unwrap_or_else(|p| p.into_inner());
            st.requested
        };
        let store = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(LAZY_FLUSH_MS)).await;
            // A flush asked for after this call (ticket + 1 or later) covers what
            // was written before it; otherwise flush now.
            let done = store
                .flusher
                .state
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .flushed;
            if done <= ticket {
                if let Err(e) = store.flush().await {
                    tracing::error!("lazy flush failed: {e}");
                }
            }
        });
    }
}

/// How late a [`Store::flush_soon`] may be.
pub const LAZY_FLUSH_MS: u64 = 20;

#[derive(Default)]
struct FlushState {
    requested: u64,
    flushed: u64,
    running: bool,
    failed: Option<String>,
}

/// Shared by the clones of a `Store`.
#[derive(Default)]
struct Flusher {
    state: std::sync::Mutex<FlushState>,
    done: tokio::sync::Notify,
}

/// Opens a store again in the same process, as tests do. sled's background I/O
/// threads can hold the old `Db`'s file lock for a moment after it is dropped (a
/// new process never meets this), and sled offers nothing to wait on: retry,
/// bounded.
#[cfg(test)]
pub(crate) fn reopen(dir: &Path) -> Store {
    for _ in 0..200 {
        match Store::open(dir) {
            Ok(s) => return s,
            Err(StoreError::Open { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            Err(e) => panic!("reopen: {e}"),
        }
    }
    panic!("the store at {} stayed locked for 2 s", dir.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_round_trips_and_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            let p = Profile {
                lang: Some("bo".into()),
                county: Some("540121".into()),
                ..Profile::default()
            };
            s.put_profile(7, &p).unwrap();
            s.set_offset(42).unwrap();
            s.mark_pending(7).unwrap();
            s.mark_pending(-100).unwrap();
            s.clear_pending(-100).unwrap();
            s.db.flush().unwrap();
        }
        let s = reopen(dir.path());
        match s.profile(7).unwrap() {
            Loaded::Found(p) => assert_eq!(p.lang.as_deref(), Some("bo")),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.profile(8).unwrap(), Loaded::Missing);
        assert_eq!(s.offset().unwrap(), Some(42));
        assert_eq!(s.pending_chats().unwrap(), vec![7]);
    }

    /// The first shipped profile format must keep decoding.
    #[test]
    fn version_1_profile_decodes() {
        let v1 = include_bytes!("../../tests/data/profile-v1.json");
        let p = decode_profile(v1).expect("v1 profile decodes");
        assert_eq!(p.lang.as_deref(), Some("ug"));
        assert_eq!(p.county.as_deref(), Some("653121"));
        assert!(p.announcements);
        assert_eq!(p.answers.len(), 6);
    }

    #[test]
    fn future_or_garbage_profiles_are_incompatible_not_errors() {
        let s = Store::temporary().unwrap();
        s.profiles
            .insert(chat_key(1), br#"{"v":99,"profile":{}}"#.to_vec())
            .unwrap();
        s.profiles
            .insert(chat_key(2), b"\xff\x00garbage".to_vec())
            .unwrap();
        assert_eq!(s.profile(1).unwrap(), Loaded::Incompatible);
        assert_eq!(s.profile(2).unwrap(), Loaded::Incompatible);
    }
}

#[cfg(test)]
mod flush_tests {
    use super::*;

    #[tokio::test]
    async fn after_a_failed_sync_no_flush_is_trusted_again() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        s.put_profile(1, &Profile::default()).unwrap();
        // A file where sled's blobs folder goes makes the sync fail (ENOTDIR).
        let blobs = dir.path().join("blobs");
        let _ = std::fs::remove_dir_all(&blobs);
        std::fs::write(&blobs, b"not a folder").unwrap();
        assert!(matches!(s.flush().await, Err(StoreError::Flush(_))));
        // The cause is gone, but what the failed sync held may be lost:
        // this process never reports a commit durable again.
        std::fs::remove_file(&blobs).unwrap();
        s.put_profile(2, &Profile::default()).unwrap();
        assert!(matches!(s.flush().await, Err(StoreError::Flush(_))));
    }

    #[tokio::test]
    async fn flushed_writes_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            s.put_profile(
                7,
                &Profile {
                    lang: Some("bo".into()),
                    ..Profile::default()
                },
            )
            .unwrap();
            s.flush().await.unwrap();
        }
        let s = reopen(dir.path());
        assert!(
            matches!(s.profile(7).unwrap(), Loaded::Found(p) if p.lang.as_deref() == Some("bo"))
        );
    }
}
