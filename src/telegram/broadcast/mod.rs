//! Broadcasts at the edge (issue 3): carrying out the engine's broadcast effects
//! inside the update loop (`effects`: what is learned goes back
//! to the engine as `Input::Learned`), and the sender task that delivers jobs
//! (`runner`: jobs one at a time; `sender`: the feeder and the senders;
//! `progress`: messages to staff). Who receives a job is `crate::broadcast`'s
//! decision; the store only scans and keeps.
//!
//! The sender runs beside the update loop, not inside it: user replies never wait
//! behind a broadcast. Jobs run one at a time, oldest due first (so a chat gets at
//! most one message per job, and jobs are at least a second apart). Per recipient,
//! a sender (one of [`Settings::senders`] concurrent ones):
//!
//! 1. checks the user still wants announcements and is reachable (else `Skipped`);
//!    a user without a profile was forgotten (`/forget`, the retention sweep): their
//!    recipient row is erased, not kept as `Skipped`;
//! 2. stores `InFlight` and flushes: `Store::flush`, the store's one group commit
//!    (fsynced; concurrent senders and the update loop share flushes);
//! 3. waits, in turn with the other senders, for the job's [`RateLimiter`] (and for
//!    any 429 pause), which admits a send only a second after the answer to the
//!    send `n` places back, so Telegram never counts more than `n` in a second;
//! 4. checks step 1 again, right before the send (the wait in step 3 can be long:
//!    whoever opted out, blocked the bot or was forgotten meanwhile gets nothing);
//!    sends `sendMessage` as plain text (no parse mode: no character of the staff's
//!    text can break it) with the announcement's "stop" button;
//! 5. stores `Sent` (with the message id), `Blocked` (403, and the profile becomes
//!    unreachable) or `Failed` (after retries with backoff for network errors and
//!    5xx). A 429 pauses the whole job for `retry_after` and retries the same user.
//!
//! The outcome in step 5 becomes durable with the same sender's next flush. So
//! after a kill -9, a recipient is either `Pending` (never sent: sent now),
//! finished, or `InFlight`: sent again, since it may or may not have arrived. At
//! most one recipient per sender is in that state: a crash duplicates at most
//! [`Settings::senders`] messages, and skips none.
//!
//! Staff see the confirm notice first (the sender waits, a few seconds at most,
//! until the staff chat's replies are delivered), then one progress message that
//! is edited only when its text changes, then the report; a 429 or a transient
//! failure on these is retried, not dropped. A stop (by staff, or SIGTERM) halts
//! the senders and the feeder at once: a stopped job gets its exact counts and
//! report, and the next job starts; at shutdown the job stays running and resumes
//! at the next start.

use super::markup;
use crate::app::{unix_now, World};
use crate::broadcast::rate::Ticket;
use crate::broadcast::{
    self, decide, per_language, Counter, Decision, Draft, JobStatus, JobSummary, Pick,
    ProgressView, RState, RateLimiter, Recipient, Selection, SendResult, StopOutcome, Tally,
    Ticker,
};
use crate::config::Config;
use crate::engine::staff::{self, Learned};
use crate::engine::{Ctx, Effect, Input, Outcome, Profile, Reply};
use crate::store::jobs::{Job, Jobs};
use crate::store::{Loaded, Store, StoreError};
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{watch, Notify};
use tokio::time::Instant;

/// glibc gives each thread that allocates its own malloc arena (up to 8 per core),
/// and memory freed in one is not reused by another: a broadcast's sled writes
/// and HTTP calls, spread over tokio's threads, then cost tens of MB more RSS,
/// varying from run to run. Two arenas (as `MALLOC_ARENA_MAX=2`) keep it steady.
/// Call before any thread starts; does nothing elsewhere than glibc.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(
                param: std::os::raw::c_int,
                value: std::os::raw::c_int,
            ) -> std::os::raw::c_int;
        }
        const M_ARENA_MAX: std::os::raw::c_int = -8;
        // SAFETY: mallopt only sets a glibc allocator parameter; called once at
        // start, before other threads exist.
        unsafe {
            mallopt(M_ARENA_MAX, 2);
        }
    }
}

/// How broadcasts are sent.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Messages per second, already within Telegram's ceiling.
    pub rate: u32,
    /// Send with `allow_paid_broadcast`.
    pub paid: bool,
    /// Staff user ids (private chat id = user id).
    pub staff: Vec<i64>,
    /// Concurrent sends: enough to keep the rate with Telegram's latency, and the
    /// bound on messages a crash can duplicate.
    pub senders: usize,
    /// The progress message is edited at most this often.
    pub progress_every: Duration,
}

impl Settings {
    pub fn from_config(cfg: &Config) -> Settings {
        let rate = cfg.broadcast_limit();
        Settings {
            rate,
            paid: cfg.paid_broadcast,
            staff: cfg.staff.clone(),
            senders: (rate as usize / 4).clamp(4, 128),
            progress_every: Duration::from_secs(3),
        }
    }
}

/// Attempts for a message to staff (progress, report) before it is given up.
const STAFF_ATTEMPTS: u32 = 5;

/// The longest the first progress message waits for the confirm notice.
const NOTICE_WAIT: Duration = Duration::from_secs(10);

/// Whether a recipient takes announcements at this moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Willing {
    Yes,
    /// Opted out, blocked the bot, or a profile this version cannot read.
    No,
    /// No profile: `/forget` or the retention sweep erased them.
    Forgotten,
}

/// A request that did not get a Bot API `ok` answer.
type ApiResult = Result<Value, SendResult>;

/// sendMessage and editMessageText through the one Bot API client: the status
/// code, `retry_after` and `allow_paid_broadcast` are ours, no library sleeps
/// 10 s after a 5xx, and what an answer means is `super::api::classify`'s.
struct Api(super::api::Client);

impl Api {
    async fn call(&self, method: &'static str, body: &Value) -> ApiResult {
        self.0.call(method, body).await.map_err(SendResult::from)
    }
}

fn message_id(v: &Value) -> i64 {
    v.get("message_id").and_then(Value::as_i64).unwrap_or(0)
}

fn keyboard(buttons: &[Vec<(String, String)>]) -> Option<Value> {
    if buttons.is_empty() {
        return None;
    }
    serde_json::to_value(markup(buttons)).ok()
}

/// Per text language: the rendered text and its keyboard.
type Texts = HashMap<String, (String, Option<Value>)>;

/// The job being sent, shared by its senders.
struct Run {
    id: u64,
    /// Per text language: the text and its keyboard, rendered once.
    texts: Texts,
    /// Per recipient language: which text language it gets.
    text_of: HashMap<String, String>,
    limiter: Mutex<RateLimiter>,
    tally: Mutex<Tally>,
    /// 429: seconds Telegram asked to wait, for the progress message.
    paused: Mutex<Option<(Instant, u64)>>,
    start: Instant,
    /// Messages sent by this run (for the ETA).
    sent_here: AtomicU64,
    /// One sender at a time waits for the rate limiter, in turn.
    admit: tokio::sync::Mutex<()>,
    /// Stop sending: staff stopped the job, or the process is shutting down.
    halt: watch::Receiver<bool>,
}

struct Running {
    id: u64,
    halt: Arc<watch::Sender<bool>>,
    run: Arc<Run>,
}

#[derive(Debug, thiserror::Error)]
enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0} recipients still to send")]
    Unfinished(u64),
}

/// Broadcast effects and the sender: one per process.
pub struct Broadcasts {
    settings: Settings,
    store: Store,
    jobs: Jobs,
    /// Swapped by `Runner::reload`.
    world: std::sync::RwLock<Arc<World>>,
    api: Api,
    wake: Notify,
    running: Mutex<Option<Running>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere must not stop broadcasts: the data is plain counters.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sleeps, unless `cancel` turns true first; false when cancelled.
async fn sleep_or_cancel(d: Duration, cancel: &mut watch::Receiver<bool>) -> bool {
    if *cancel.borrow() {
        return false;
    }
    let deadline = Instant::now() + d;
    loop {
        tokio::select! {
            _ = tokio::time::sleep_until(deadline) => return !*cancel.borrow(),
            r = cancel.changed() => {
                if r.is_err() {
                    // Nobody can cancel any more: just sleep.
                    tokio::time::sleep_until(deadline).await;
                    return true;
                }
                if *cancel.borrow() {
                    return false;
                }
            }
        }
    }
}

impl Broadcasts {
    pub fn new(
        api: &super::api::Client,
        store: Store,
        world: Arc<World>,
        settings: Settings,
    ) -> Result<Arc<Broadcasts>, StoreError> {
        Ok(Arc::new(Broadcasts {
            jobs: store.jobs()?,
            store,
            world: std::sync::RwLock::new(world),
            api: Api(api.clone()),
            settings,
            wake: Notify::new(),
            running: Mutex::new(None),
        }))
    }

    pub(super) fn world(&self) -> Arc<World> {
        Arc::clone(&self.world.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Content and locales were reloaded.
    pub fn set_world(&self, world: Arc<World>) {
        *self.world.write().unwrap_or_else(|p| p.into_inner()) = world;
    }

    pub fn is_staff(&self, chat: i64) -> bool {
        self.settings.staff.contains(&chat)
    }
}

mod effects;
mod progress;
mod runner;
mod sender;
