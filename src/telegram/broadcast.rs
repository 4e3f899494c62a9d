//! Broadcasts at the edge (issue 3): carrying out the engine's broadcast effects
//! inside the update loop, and the sender task that delivers jobs.
//!
//! The sender runs beside the update loop, not inside it: user replies never wait
//! behind a broadcast. Jobs run one at a time, oldest due first (so a chat gets at
//! most one message per job, and jobs are at least a second apart). Per recipient,
//! a sender (one of [`Settings::senders`] concurrent ones):
//!
//! 1. checks the user still wants announcements and is reachable (else `Skipped`);
//!    a user without a profile was forgotten (`/forget`, the retention sweep): their
//!    recipient row is erased, not kept as `Skipped`;
//! 2. stores `InFlight` and flushes (group commit: concurrent senders share flushes);
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
    self, decide, per_language, Decision, RState, RateLimiter, Recipient, SendResult, Tally, Ticker,
};
use crate::config::Config;
use crate::engine::staff::{self, JobStatus, JobSummary, ProgressView, StopOutcome};
use crate::engine::{Ctx, Effect, Outcome, Profile, Reply};
use crate::store::jobs::{Job, Jobs};
use crate::store::{Loaded, Store, StoreError};
use serde_json::{json, Value};
use std::collections::HashMap;
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

/// Flushes the store for many concurrent writers at once: a caller returns once a
/// flush that started after its write has finished.
struct GroupFlush {
    store: Store,
    written: AtomicU64,
    flushed: tokio::sync::Mutex<u64>,
}

impl GroupFlush {
    async fn after_write(&self) -> Result<(), StoreError> {
        let ticket = self.written.fetch_add(1, Ordering::SeqCst) + 1;
        let mut done = self.flushed.lock().await;
        if *done >= ticket {
            return Ok(());
        }
        let upto = self.written.load(Ordering::SeqCst);
        self.store.flush().await?;
        *done = upto;
        Ok(())
    }
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
    flush: GroupFlush,
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

    fn world(&self) -> Arc<World> {
        Arc::clone(&self.world.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Content and locales were reloaded.
    pub fn set_world(&self, world: Arc<World>) {
        *self.world.write().unwrap_or_else(|p| p.into_inner()) = world;
    }

    pub fn is_staff(&self, chat: i64) -> bool {
        self.settings.staff.contains(&chat)
    }

    // -----------------------------------------------------------------------
    // Effects, inside the update loop (before the session is committed).

    /// Carries out the engine's broadcast effects for one update; returns the final
    /// state and replies, and the other effects for `Runner::carry_out`. Creating a job is idempotent per update, so a
    /// replayed update changes nothing twice. `actor` is the user who acted
    /// (`message.from`, `callback_query.from`), never the chat: only a staff
    /// actor's broadcast effects are carried out.
    #[allow(clippy::too_many_arguments)]
    pub fn perform(
        &self,
        ctx: &Ctx<'_>,
        chat: i64,
        actor: i64,
        update_id: i64,
        profile: &Profile,
        out: Outcome,
    ) -> Result<Outcome, StoreError> {
        let Outcome {
            mut state,
            mut replies,
            effects,
        } = out;
        let mut rest = Vec::new();
        for effect in effects {
            let ours = matches!(
                effect,
                Effect::PreviewBroadcast(_)
                    | Effect::Broadcast(_)
                    | Effect::CancelBroadcast(_)
                    | Effect::ListBroadcasts
            );
            if ours && (!self.is_staff(actor) || actor != chat) {
                tracing::warn!(
                    chat,
                    actor,
                    "broadcast effect from a non-staff user ignored"
                );
                continue;
            }
            match effect {
                Effect::PreviewBroadcast(draft) => {
                    let counts = self
                        .jobs
                        .count_audience(&draft, ctx.content, ctx.languages)?;
                    let (s, r) = staff::counted(ctx, profile, state, counts);
                    state = s;
                    replies.extend(r);
                }
                Effect::Broadcast(draft) => {
                    // The gate again, with today's audience.
                    let counts = self
                        .jobs
                        .count_audience(&draft, ctx.content, ctx.languages)?;
                    let missing = staff::missing_languages(&draft, &counts);
                    let total: u64 = counts.iter().map(|(_, n)| n).sum();
                    if total == 0 || !missing.is_empty() {
                        replies.push(staff::refused_reply(&missing));
                        continue;
                    }
                    let id = u64::try_from(update_id).unwrap_or(0);
                    let lang = profile
                        .lang
                        .clone()
                        .or_else(|| ctx.languages.first().cloned())
                        .unwrap_or_default();
                    let at = draft.at;
                    let job = Job::new(id, chat, lang, draft, unix_now());
                    // The notice below goes out before the progress message: the
                    // sender waits while the staff chat has replies pending.
                    self.store.mark_pending(chat)?;
                    if self.jobs.create(&job)? {
                        tracing::info!(job = id, recipients = total, "broadcast confirmed");
                    }
                    self.wake.notify_one();
                    replies.push(staff::queued_reply(id, at));
                }
                Effect::CancelBroadcast(id) => {
                    let outcome = self.stop_job(id)?;
                    replies.push(staff::stop_reply(id, outcome));
                }
                Effect::ListBroadcasts => {
                    let live = lock(&self.running)
                        .as_ref()
                        .map(|r| (r.id, *lock(&r.run.tally)));
                    let list: Vec<JobSummary> = self
                        .jobs
                        .recent(10)?
                        .into_iter()
                        .map(|j| JobSummary {
                            id: j.id,
                            status: j.status,
                            at: j.draft.at,
                            tally: match live {
                                Some((id, t)) if id == j.id => t,
                                _ => j.tally,
                            },
                        })
                        .collect();
                    replies.push(staff::list_reply(&list));
                }
                other => rest.push(other),
            }
        }
        Ok(Outcome {
            state,
            replies,
            effects: rest,
        })
    }

    fn stop_job(&self, id: u64) -> Result<StopOutcome, StoreError> {
        let Some(before) = self.jobs.get(id)? else {
            return Ok(StopOutcome::Unknown);
        };
        if !before.status.is_active() {
            return Ok(StopOutcome::AlreadyFinished);
        }
        self.jobs.update(id, |j| {
            if j.status.is_active() {
                j.status = JobStatus::Cancelled;
            }
        })?;
        if let Some(r) = lock(&self.running).as_ref().filter(|r| r.id == id) {
            let _ = r.halt.send(true);
        }
        tracing::info!(job = id, "broadcast stopped by staff");
        self.wake.notify_one();
        Ok(StopOutcome::Stopped)
    }

    // -----------------------------------------------------------------------
    // The sender task.

    /// Runs jobs until `stop` turns true; resumes whatever a previous process left.
    pub async fn run(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        match self.jobs.active() {
            Ok(a) if !a.is_empty() => {
                tracing::info!(jobs = a.len(), "broadcasts to resume or start")
            }
            Ok(_) => {}
            Err(e) => tracing::error!("cannot read broadcast jobs: {e}"),
        }
        // Jobs stopped while a previous process was sending them: exact counts
        // and their report now.
        match self.jobs.unsettled() {
            Ok(ids) => {
                for id in ids {
                    if let Err(e) = self.finish(id, &stop).await {
                        tracing::error!(job = id, "cannot settle a stopped broadcast: {e}");
                    }
                }
            }
            Err(e) => tracing::error!("cannot read broadcast jobs: {e}"),
        }
        let mut last_end: Option<Instant> = None;
        while !*stop.borrow() {
            let next = match self.jobs.active() {
                Ok(v) => v.into_iter().next(),
                Err(e) => {
                    tracing::error!("cannot read broadcast jobs: {e}");
                    if !sleep_or_cancel(Duration::from_secs(5), &mut stop).await {
                        break;
                    }
                    continue;
                }
            };
            let wait = match next {
                Some(job) if job.due() <= unix_now() => {
                    // Jobs at least a second apart: never two messages to one chat in a second.
                    if let Some(t) = last_end {
                        tokio::time::sleep_until(t + Duration::from_secs(1)).await;
                    }
                    if let Err(e) = self.run_job(job, &stop).await {
                        tracing::error!("broadcast interrupted, will resume: {e}");
                        if !sleep_or_cancel(Duration::from_secs(5), &mut stop).await {
                            break;
                        }
                    }
                    last_end = Some(Instant::now());
                    continue;
                }
                Some(job) => Duration::from_secs(
                    u64::try_from(job.due() - unix_now())
                        .unwrap_or(1)
                        .clamp(1, 3600),
                ),
                None => Duration::from_secs(3600),
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.wake.notified() => {}
                _ = stop.changed() => {}
            }
        }
    }

    fn render_texts(&self, job: &Job) -> (Texts, HashMap<String, String>) {
        let mut texts = HashMap::new();
        for (lang, text) in &job.draft.texts {
            let reply = Reply {
                lines: vec![crate::engine::Line::verbatim(text.clone())],
                buttons: staff::announcement_buttons(lang),
            };
            let r = self.world().l10n.render(lang, &reply);
            texts.insert(lang.clone(), (r.text, keyboard(&r.buttons)));
        }
        let mut text_of = HashMap::new();
        for lang in self.world().l10n.languages() {
            if let Some((tl, _)) = job.draft.text_for(lang) {
                text_of.insert(lang.clone(), tl.to_string());
            }
        }
        (texts, text_of)
    }

    async fn run_job(
        self: &Arc<Self>,
        job: Job,
        stop: &watch::Receiver<bool>,
    ) -> Result<(), JobError> {
        let id = job.id;
        if !job.enqueued {
            let t0 = Instant::now();
            let (n, no_text) =
                self.jobs
                    .enqueue(&job, &self.world().content, self.world().l10n.languages())?;
            self.jobs.update(id, |j| {
                if j.status == JobStatus::Scheduled {
                    j.status = JobStatus::Running;
                }
                j.started.get_or_insert(unix_now());
            })?;
            self.store.flush().await?;
            tracing::info!(
                job = id,
                recipients = n,
                left_out_without_text = no_text,
                "broadcast enqueued in {} ms",
                t0.elapsed().as_millis()
            );
        } else {
            self.jobs.update(id, |j| {
                if j.status == JobStatus::Scheduled {
                    j.status = JobStatus::Running;
                }
            })?;
        }
        let Some(job) = self.jobs.get(id)? else {
            return Ok(());
        };
        let mut tally = Tally::default();
        for t in self.jobs.tally(id)?.values() {
            tally.add(t);
        }
        let (halt_tx, halt_rx) = watch::channel(job.status == JobStatus::Cancelled);
        let halt_tx = Arc::new(halt_tx);
        // Shutting down halts the sending too (the job resumes at the next start).
        let forward = {
            let (mut stop, halt) = (stop.clone(), Arc::clone(&halt_tx));
            tokio::spawn(async move {
                if stop.wait_for(|s| *s).await.is_ok() {
                    let _ = halt.send(true);
                }
            })
        };
        let (texts, text_of) = self.render_texts(&job);
        let run = Arc::new(Run {
            id,
            texts,
            text_of,
            limiter: Mutex::new(RateLimiter::new(
                self.settings.rate,
                (self.settings.rate / 50).max(2),
            )),
            tally: Mutex::new(tally),
            paused: Mutex::new(None),
            start: Instant::now(),
            sent_here: AtomicU64::new(0),
            flush: GroupFlush {
                store: self.store.clone(),
                written: AtomicU64::new(0),
                flushed: tokio::sync::Mutex::new(0),
            },
            admit: tokio::sync::Mutex::new(()),
            halt: halt_rx,
        });
        *lock(&self.running) = Some(Running {
            id,
            halt: halt_tx,
            run: Arc::clone(&run),
        });
        if job.status == JobStatus::Running {
            tracing::info!(
                job = id,
                pending = tally.pending,
                sent = tally.sent,
                "broadcast sending"
            );
            let progress = match job.progress_msg {
                Some(m) => Some((m, None)),
                None => self
                    .send_progress(&job, &run)
                    .await
                    .map(|(m, v)| (m, Some(v))),
            };
            self.send_all(&run, &job, progress).await;
            run.flush.after_write().await?;
        }
        forward.abort();
        *lock(&self.running) = None;
        if *stop.borrow() {
            // Shutting down: the job stays running and resumes at the next start.
            return Ok(());
        }
        self.finish(id, stop).await
    }

    /// A message to staff (progress, report): a 429 (the staff chat's own limit)
    /// or a transient failure is retried after its wait, a few times, unless
    /// `cancel` turns true first.
    async fn call_retrying(
        &self,
        method: &'static str,
        body: &Value,
        cancel: &watch::Receiver<bool>,
    ) -> ApiResult {
        let mut cancel = cancel.clone();
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let wait = match self.api.call(method, body).await {
                Err(SendResult::RetryAfter(s)) if attempt < STAFF_ATTEMPTS => {
                    Duration::from_secs(s)
                }
                Err(SendResult::Transient(_)) if attempt < STAFF_ATTEMPTS => {
                    super::api::backoff(attempt, super::api::jitter())
                }
                other => return other,
            };
            if !sleep_or_cancel(wait, &mut cancel).await {
                return Err(SendResult::Transient(
                    "stopped while waiting to retry".into(),
                ));
            }
        }
    }

    /// Waits (at most [`NOTICE_WAIT`]) until the staff chat's replies, the confirm
    /// notice among them, have been delivered.
    async fn after_notice(&self, chat: i64, halt: &watch::Receiver<bool>) {
        let mut halt = halt.clone();
        let t0 = Instant::now();
        while t0.elapsed() < NOTICE_WAIT {
            match self.store.is_pending(chat) {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => {
                    tracing::warn!(chat, "cannot read pending replies: {e}");
                    return;
                }
            }
            if !sleep_or_cancel(Duration::from_millis(20), &mut halt).await {
                return;
            }
        }
    }

    /// Sends the first progress message (after the notice that points to it) and
    /// remembers it; returns it with the view it shows, `None` if it failed.
    async fn send_progress(&self, job: &Job, run: &Run) -> Option<(i64, ProgressView)> {
        self.after_notice(job.staff_chat, &run.halt).await;
        let view = self.progress(run);
        let rendered = self
            .world()
            .l10n
            .render(&job.staff_lang, &staff::progress_reply(&view));
        let mut body = json!({"chat_id": job.staff_chat, "text": rendered.text});
        if let Some(k) = keyboard(&rendered.buttons) {
            body["reply_markup"] = k;
        }
        match self.call_retrying("sendMessage", &body, &run.halt).await {
            Ok(v) => {
                let m = message_id(&v);
                if let Err(e) = self.jobs.update(job.id, |j| j.progress_msg = Some(m)) {
                    tracing::error!(job = job.id, "cannot store the progress message: {e}");
                }
                Some((m, view))
            }
            Err(e) => {
                tracing::warn!(job = job.id, "cannot send the progress message: {e:?}");
                None
            }
        }
    }

    fn progress(&self, run: &Run) -> ProgressView {
        let tally = *lock(&run.tally);
        let paused = lock(&run.paused).and_then(|(until, _)| {
            let now = Instant::now();
            (until > now).then(|| (until - now).as_secs().max(1))
        });
        ProgressView {
            id: run.id,
            tally,
            eta: Some(broadcast::eta_secs(
                tally.pending,
                run.sent_here.load(Ordering::Relaxed),
                run.start.elapsed(),
                self.settings.rate,
            )),
            paused,
        }
    }

    async fn edit_progress(
        &self,
        chat: i64,
        msg: i64,
        reply: &Reply,
        lang: &str,
        cancel: &watch::Receiver<bool>,
    ) {
        let rendered = self.world().l10n.render(lang, reply);
        let mut body = json!({"chat_id": chat, "message_id": msg, "text": rendered.text});
        body["reply_markup"] =
            keyboard(&rendered.buttons).unwrap_or_else(|| json!({"inline_keyboard": []}));
        match self.call_retrying("editMessageText", &body, cancel).await {
            Ok(_) => {}
            Err(SendResult::Refused(e)) if e.contains("not modified") => {}
            Err(e) => tracing::warn!(chat, "cannot edit the progress message: {e:?}"),
        }
    }

    /// Feeds open recipients to the senders, and edits the progress message (given
    /// with the view it shows now, if known) when its text changes, until every
    /// recipient was handled or the run is halted.
    async fn send_all(
        self: &Arc<Self>,
        run: &Arc<Run>,
        job: &Job,
        progress: Option<(i64, Option<ProgressView>)>,
    ) {
        let k = self.settings.senders;
        let (tx, rx) = tokio::sync::mpsc::channel::<(i64, Recipient)>(k * 2);
        let rx = Arc::new(tokio::sync::Mutex::new(rx));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..k {
            let me = Arc::clone(self);
            let run = Arc::clone(run);
            let rx = Arc::clone(&rx);
            workers.spawn(async move {
                loop {
                    let next = rx.lock().await.recv().await;
                    let Some((chat, r)) = next else { break };
                    if *run.halt.borrow() {
                        break;
                    }
                    if let Err(e) = me.deliver(&run, chat, r).await {
                        tracing::error!(job = run.id, chat, "broadcast store failure: {e}");
                        break;
                    }
                }
            });
        }
        // Only the senders hold the receiver: once they all stopped (halted),
        // the feeder's next send fails instead of waiting forever.
        drop(rx);
        let (progress_msg, shown) = match progress {
            Some((m, v)) => (Some(m), v),
            None => (None, None),
        };
        // The progress message, at most every few seconds.
        let ticker = {
            let me = Arc::clone(self);
            let run = Arc::clone(run);
            let (chat, lang) = (job.staff_chat, job.staff_lang.clone());
            let every = self.settings.progress_every;
            tokio::spawn(async move {
                let mut ticker = Ticker::new(every);
                // What the message shows already: an edit to the same text is refused.
                let mut last = shown;
                let mut halt = run.halt.clone();
                let t0 = Instant::now();
                loop {
                    if ticker.due(t0.elapsed()) {
                        let view = me.progress(&run);
                        if last.as_ref() != Some(&view) {
                            if let Some(m) = progress_msg {
                                me.edit_progress(
                                    chat,
                                    m,
                                    &staff::progress_reply(&view),
                                    &lang,
                                    &run.halt,
                                )
                                .await;
                            }
                            let t = view.tally;
                            if let Err(e) = me.jobs.update(run.id, |j| j.tally = t) {
                                tracing::warn!(job = run.id, "cannot store progress: {e}");
                            }
                            last = Some(view);
                        }
                    }
                    if !sleep_or_cancel(Duration::from_millis(250), &mut halt).await {
                        break;
                    }
                }
            })
        };
        let mut after = None;
        'pages: while !*run.halt.borrow() {
            let page = match self.jobs.recipients_after(run.id, after, 512) {
                Ok(p) => p,
                Err(e) => {
                    tracing::error!(job = run.id, "cannot read recipients: {e}");
                    break;
                }
            };
            let Some(last) = page.last() else { break };
            after = Some(last.0);
            for (chat, r) in page {
                if !r.state.is_open() {
                    continue;
                }
                if r.state == RState::InFlight {
                    tracing::info!(
                        job = run.id,
                        chat,
                        "in flight at the last stop: sent again (may arrive twice)"
                    );
                }
                let mut halt = run.halt.clone();
                let sent = tokio::select! {
                    r = tx.send((chat, r)) => r.is_ok(),
                    _ = halt.wait_for(|h| *h) => false,
                };
                if !sent {
                    break 'pages;
                }
            }
        }
        drop(tx);
        while workers.join_next().await.is_some() {}
        ticker.abort();
    }

    /// Waits for the rate limiter (senders queue for it in turn); `None` if halted.
    async fn admit(&self, run: &Run) -> Option<Ticket> {
        let mut halt = run.halt.clone();
        let _turn = tokio::select! {
            g = run.admit.lock() => g,
            _ = halt.wait_for(|h| *h) => return None,
        };
        loop {
            let now = run.start.elapsed();
            let at = match lock(&run.limiter).acquire(now) {
                Ok(ticket) if *halt.borrow() => {
                    lock(&run.limiter).answered(ticket, now);
                    return None;
                }
                Ok(ticket) => return Some(ticket),
                Err(at) => at,
            };
            if !sleep_or_cancel(at.saturating_sub(now), &mut halt).await {
                return None;
            }
        }
    }

    /// One recipient, to a final state (or until the run is halted).
    async fn deliver(&self, run: &Run, chat: i64, mut r: Recipient) -> Result<(), StoreError> {
        let text = run.text_of.get(&r.l).and_then(|tl| run.texts.get(tl));
        let willing = self.willing(chat)?;
        if willing == Willing::Forgotten {
            return self.forgotten(run, chat, &r.state);
        }
        let Some((text, keyboard)) = text.filter(|_| willing == Willing::Yes) else {
            let old = std::mem::replace(&mut r.state, RState::Skipped);
            return self.record(run, chat, &r, &old);
        };
        let mut body = json!({"chat_id": chat, "text": text});
        if let Some(k) = keyboard {
            body["reply_markup"] = k.clone();
        }
        if self.settings.paid {
            body["allow_paid_broadcast"] = Value::Bool(true);
        }
        // In flight, durably, before anything is sent. The group flush also makes
        // this sender's previous outcome durable.
        if r.state != RState::InFlight {
            let old = std::mem::replace(&mut r.state, RState::InFlight);
            if !self.jobs.set_recipient(run.id, chat, &r)? {
                return self.forgotten(run, chat, &old);
            }
        }
        run.flush.after_write().await?;
        let mut halt = run.halt.clone();
        let mut attempt = 0;
        loop {
            // A rate slot, with no 429 pause in force.
            let Some(ticket) = self.admit(run).await else {
                return Ok(());
            };
            // Again right before the send: the wait for a slot can be long.
            match self.willing(chat)? {
                Willing::Yes => {}
                Willing::Forgotten => {
                    lock(&run.limiter).answered(ticket, run.start.elapsed());
                    return self.forgotten(run, chat, &r.state);
                }
                Willing::No => {
                    lock(&run.limiter).answered(ticket, run.start.elapsed());
                    let old = std::mem::replace(&mut r.state, RState::Skipped);
                    return self.record(run, chat, &r, &old);
                }
            }
            attempt += 1;
            let answer = self.api.call("sendMessage", &body).await;
            lock(&run.limiter).answered(ticket, run.start.elapsed());
            let result = match answer {
                Ok(v) => SendResult::Sent {
                    message_id: message_id(&v),
                },
                Err(e) => e,
            };
            match decide(attempt, result.clone()) {
                Decision::Done(state) => {
                    if state == RState::Blocked {
                        self.mark_unreachable(chat)?;
                    }
                    if let RState::Failed { e } = &state {
                        tracing::warn!(job = run.id, chat, "broadcast message failed: {e}");
                    }
                    let old = std::mem::replace(&mut r.state, state);
                    return self.record(run, chat, &r, &old);
                }
                Decision::PauseAll(d) => {
                    lock(&run.limiter).pause_until(run.start.elapsed() + d);
                    *lock(&run.paused) = Some((Instant::now() + d, d.as_secs()));
                    tracing::warn!(
                        job = run.id,
                        "Telegram asked to wait {} s: the whole broadcast pauses",
                        d.as_secs()
                    );
                    attempt -= 1;
                }
                // The delay is the one backoff's (`api::backoff`).
                Decision::Retry => {
                    let d = super::api::backoff(attempt, super::api::jitter());
                    tracing::info!(
                        job = run.id,
                        chat,
                        attempt,
                        "broadcast send failed, will retry: {result:?}"
                    );
                    if !sleep_or_cancel(d, &mut halt).await {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// Whether the user takes announcements now: no profile means forgotten (and
    /// a profile of a newer version is not read as consent).
    fn willing(&self, chat: i64) -> Result<Willing, StoreError> {
        Ok(match self.store.profile(chat)? {
            Loaded::Found(p) if p.announcements && p.reachable => Willing::Yes,
            Loaded::Found(_) | Loaded::Incompatible => Willing::No,
            Loaded::Missing => Willing::Forgotten,
        })
    }

    /// A recipient who was forgotten: their row goes, and they leave the counts.
    fn forgotten(&self, run: &Run, chat: i64, old: &RState) -> Result<(), StoreError> {
        self.jobs.remove_recipient(run.id, chat)?;
        if old.is_open() {
            let mut t = lock(&run.tally);
            t.pending = t.pending.saturating_sub(1);
        }
        Ok(())
    }

    fn record(&self, run: &Run, chat: i64, r: &Recipient, old: &RState) -> Result<(), StoreError> {
        let present = self.jobs.set_recipient(run.id, chat, r)?;
        let mut t = lock(&run.tally);
        if old.is_open() {
            t.pending = t.pending.saturating_sub(1);
        }
        if !present {
            // Forgotten while being sent to: no row to keep, nothing to count.
            return Ok(());
        }
        r.state.count(&mut t);
        if matches!(r.state, RState::Sent { .. }) {
            run.sent_here.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    fn mark_unreachable(&self, chat: i64) -> Result<(), StoreError> {
        if let Loaded::Found(mut p) = self.store.profile(chat)? {
            p.reachable = false;
            self.store.put_profile(chat, &p)?;
        }
        Ok(())
    }

    /// The end of a job: exact counts, final status, the last edit and the report
    /// (retried after a 429 unless the process is stopping).
    async fn finish(&self, id: u64, stop: &watch::Receiver<bool>) -> Result<(), JobError> {
        let per = self.jobs.tally(id)?;
        let mut total = Tally::default();
        for t in per.values() {
            total.add(t);
        }
        let stopped = self
            .jobs
            .get(id)?
            .is_none_or(|j| j.status == JobStatus::Cancelled);
        if total.pending > 0 && !stopped {
            return Err(JobError::Unfinished(total.pending));
        }
        let now = unix_now();
        let Some(job) = self.jobs.update(id, |j| {
            if j.status.is_active() {
                j.status = JobStatus::Done;
            }
            j.finished.get_or_insert(now);
            j.tally = total;
        })?
        else {
            return Ok(());
        };
        self.store.flush().await?;
        let secs = u64::try_from(job.finished.unwrap_or(now) - job.started.unwrap_or(job.created))
            .unwrap_or(0);
        tracing::info!(job = id, status = ?job.status, sent = total.sent, blocked = total.blocked, failed = total.failed, skipped = total.skipped + total.pending, secs, "broadcast finished");
        let world = self.world();
        let langs = world.l10n.languages();
        if let Some(m) = job.progress_msg {
            let view = ProgressView {
                id,
                tally: total,
                eta: Some(0),
                paused: None,
            };
            let mut reply = staff::progress_reply(&view);
            reply.buttons.clear();
            self.edit_progress(job.staff_chat, m, &reply, &job.staff_lang, stop)
                .await;
        }
        let report = staff::report_reply(id, job.status, &per_language(&per, langs), secs);
        let rendered = self.world().l10n.render(&job.staff_lang, &report);
        if let Err(e) = self
            .call_retrying(
                "sendMessage",
                &json!({"chat_id": job.staff_chat, "text": rendered.text}),
                stop,
            )
            .await
        {
            tracing::warn!(job = id, "cannot send the report: {e:?}");
        }
        Ok(())
    }
}
