//! The [`Runner`]: its state (per-chat slots, deliveries in flight), setup at
//! start (token, command menus, webhook), the polling loop and one batch:
//! apply each chat's updates concurrently (`apply.rs`), one group commit, then
//! the deliveries (`outbox.rs`) and the next offset.

use super::flood::Flood;
use super::{api, broadcast, event, metrics, poll, Event, TelegramError};
use crate::app::World;
use crate::config::Config;
use crate::store::{Store, StoreError};
use api::Class;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use teloxide::types::Update;
use tokio::sync::watch;

/// Who is staff, where hand-overs go, and the limits the bot keeps.
#[derive(Debug, Clone, Default)]
pub struct Team {
    pub staff: Vec<i64>,
    pub staff_chat: Option<i64>,
    /// Messages per minute a user may send before the bot stops reading them
    /// until the minute is over (0: no limit). Staff are exempt.
    pub flood_per_minute: u32,
    /// Days after which an inactive user's data is erased (0: never).
    pub retention_days: u32,
}

/// The durable update loop and everything it shares: the client, the content
/// in service, the store, per-chat locks and the deliveries in flight.
pub struct Runner {
    /// The one Bot API client (`api.rs`).
    pub(super) api: api::Client,
    pub(super) world: std::sync::RwLock<Arc<World>>,
    /// Where content and locales come from, for `/reload` and SIGHUP.
    pub(super) config: Option<Config>,
    pub(super) store: Store,
    pub(super) team: Team,
    pub(super) flood: Flood,
    pub(super) broadcasts: Option<Arc<broadcast::Broadcasts>>,
    pub metrics: Arc<metrics::Metrics>,
    pub(super) slots: ChatSlots,
    pub(super) inflight: InFlight,
    /// True once the process is stopping: retries waiting for a backoff give up
    /// (what they carry stays in the outbox).
    pub(super) closing: watch::Sender<bool>,
}

/// Per chat: a lock around read-modify-write of its session, and a flag that one
/// task is delivering its outbox.
#[derive(Default)]
pub(super) struct Slot {
    pub(super) lock: tokio::sync::Mutex<()>,
    pub(super) delivering: AtomicBool,
}

#[derive(Default)]
pub(super) struct ChatSlots(std::sync::Mutex<HashMap<i64, Arc<Slot>>>);

impl ChatSlots {
    pub(super) fn get(&self, chat: i64) -> Arc<Slot> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 4096 {
            // Forget idle chats: nobody else holds their slot.
            map.retain(|_, s| Arc::strong_count(s) > 1);
        }
        Arc::clone(map.entry(chat).or_default())
    }
}

/// Counts background deliveries, so that shutdown can wait for them.
#[derive(Default)]
pub(super) struct InFlight {
    n: AtomicUsize,
    idle: tokio::sync::Notify,
}

impl InFlight {
    pub(super) fn start(&self) {
        self.n.fetch_add(1, Ordering::AcqRel);
    }

    pub(super) fn done(&self) {
        if self.n.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.idle.notify_waiters();
        }
    }

    async fn idle(&self) {
        loop {
            let notified = self.idle.notified();
            if self.n.load(Ordering::Acquire) == 0 {
                return;
            }
            notified.await;
        }
    }
}

impl Runner {
    pub fn new(api: api::Client, world: Arc<World>, store: Store, team: Team) -> Arc<Runner> {
        Arc::new(Runner {
            metrics: Arc::clone(api.metrics()),
            api,
            world: std::sync::RwLock::new(world),
            config: None,
            store,
            team,
            flood: Flood::default(),
            broadcasts: None,
            slots: ChatSlots::default(),
            inflight: InFlight::default(),
            closing: watch::channel(false).0,
        })
    }

    /// The same, able to re-read content and locales from `config`, and with
    /// staff broadcasts (issue 3; without, broadcast effects are ignored).
    #[allow(clippy::too_many_arguments)]
    pub fn with_config(
        api: api::Client,
        world: Arc<World>,
        store: Store,
        team: Team,
        config: Config,
        broadcasts: Option<Arc<broadcast::Broadcasts>>,
    ) -> Arc<Runner> {
        let mut r = Runner::new(api, world, store, team);
        if let Some(r) = Arc::get_mut(&mut r) {
            r.config = Some(config);
            r.broadcasts = broadcasts;
        }
        r
    }

    /// The content and locales now in service.
    pub fn world(&self) -> Arc<World> {
        Arc::clone(&self.world.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// The language staff read in the staff chat: the first enabled one.
    pub(super) fn staff_lang(&self) -> String {
        let world = self.world();
        let l10n = &world.l10n;
        l10n.languages()
            .first()
            .cloned()
            .unwrap_or_else(|| l10n.table().reference().to_string())
    }

    /// Checks the token (getMe), then localized command menus (once per
    /// language, plus the default list) and no webhook in the way of polling.
    /// A refused token stops the start; other failures are logged: the bot
    /// still serves.
    pub async fn setup(&self) -> Result<(), TelegramError> {
        self.check_token().await?;
        if let Err(e) = self.api.call("deleteWebhook", &serde_json::json!({})).await {
            tracing::warn!("deleteWebhook failed: {e}");
        }
        self.set_commands().await;
        Ok(())
    }

    /// getMe: a revoked token ends the start with a clear message (it would
    /// otherwise only show in the first getUpdates or send).
    async fn check_token(&self) -> Result<(), TelegramError> {
        match self.api.call("getMe", &serde_json::json!({})).await {
            Ok(_) => Ok(()),
            Err(e) if e.class() == Class::Unauthorized => Err(TelegramError::Unauthorized),
            Err(e) => {
                tracing::warn!("getMe failed: {e}");
                Ok(())
            }
        }
    }

    async fn set_commands(&self) {
        let world = self.world();
        let l10n = &world.l10n;
        let commands = |lang: &str| -> serde_json::Value {
            l10n.commands(lang)
                .into_iter()
                .map(|(c, d)| serde_json::json!({"command": c, "description": d}))
                .collect()
        };
        if let Some(first) = l10n.languages().first() {
            let body = serde_json::json!({
                "commands": commands(first),
                "scope": {"type": "default"},
            });
            if let Err(e) = self.api.call("setMyCommands", &body).await {
                tracing::warn!("setMyCommands (default) failed: {e}");
            }
        }
        for lang in l10n.languages() {
            let Some(code) = l10n.telegram_code(lang) else {
                tracing::warn!(
                    lang,
                    "no two-letter code: Telegram cannot show a command menu for it"
                );
                continue;
            };
            let body = serde_json::json!({"commands": commands(lang), "language_code": code});
            if let Err(e) = self.api.call("setMyCommands", &body).await {
                tracing::warn!(lang, "setMyCommands failed: {e}");
            }
        }
    }

    /// Webhook mode: command menus as in `setup`, then `setWebhook` with the
    /// secret and one connection at a time (so each chat's updates stay in order).
    pub async fn setup_webhook(
        &self,
        url: reqwest::Url,
        secret: &str,
    ) -> Result<(), TelegramError> {
        self.check_token().await?;
        self.set_commands().await;
        let body = serde_json::json!({
            "url": url.as_str(),
            "secret_token": secret,
            "max_connections": 1,
            "allowed_updates": ["message", "edited_message", "callback_query", "my_chat_member"],
        });
        self.api.call("setWebhook", &body).await?;
        Ok(())
    }

    /// Sends what was committed but not sent before the last stop.
    pub fn resume(self: &Arc<Self>) {
        match self.store.pending_chats() {
            Ok(chats) => chats.into_iter().for_each(|c| self.spawn_delivery(c)),
            Err(e) => tracing::error!("cannot read pending replies: {e}"),
        }
    }

    /// Lets the replies in hand go out (up to 8 s), then flushes the store.
    /// Replies waiting to retry a 5xx or a 429 stay in their outboxes for the
    /// next start instead of holding up the exit.
    pub async fn finish(&self) -> Result<(), StoreError> {
        self.close();
        if tokio::time::timeout(Duration::from_secs(8), self.inflight.idle())
            .await
            .is_err()
        {
            tracing::warn!("stopping with replies still being sent; they go out at the next start");
        }
        self.store.flush().await
    }

    /// Retries waiting for a backoff give up from now on (their messages stay
    /// in the outboxes for the next start).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Sleeps `d`, unless the process starts stopping first; false then.
    pub(super) async fn pause(&self, d: Duration) -> bool {
        let mut closing = self.closing.subscribe();
        if *closing.borrow() {
            return false;
        }
        tokio::select! {
            _ = tokio::time::sleep(d) => true,
            _ = closing.wait_for(|c| *c) => false,
        }
    }

    /// Polls and handles updates until `stop` turns true.
    pub async fn run(
        self: &Arc<Self>,
        mut stop: watch::Receiver<bool>,
    ) -> Result<(), TelegramError> {
        self.resume();
        let mut offset = self.store.offset()?.unwrap_or(0);
        let mut failures: u32 = 0;
        while !*stop.borrow() {
            let polled = tokio::select! {
                r = self.api.get_updates(offset) => r,
                _ = stop.changed() => break,
            };
            let wait = match polled {
                Ok(batch) if batch.is_empty() => None,
                Ok(batch) => match self.handle_batch(batch).await {
                    Ok(next) => {
                        offset = next.max(offset);
                        None
                    }
                    // A failed flush fails every later one (store::flush):
                    // nothing more can be confirmed, so stop; the service
                    // manager restarts the bot, sled recovers what is on disk
                    // and Telegram delivers the unconfirmed updates again.
                    Err(e @ StoreError::Flush(_)) => {
                        tracing::error!("the store cannot make writes durable, stopping: {e}");
                        return Err(TelegramError::Store(e));
                    }
                    Err(e) => {
                        tracing::error!("updates not confirmed, will retry: {e}");
                        Some(backoff(&mut failures))
                    }
                },
                Err(e) => match e.class() {
                    Class::Unauthorized => return Err(TelegramError::Unauthorized),
                    Class::RetryAfter(d) => Some(d),
                    // Polling goes on whatever the answer: a 409 (webhook set by
                    // someone else, another poller) may clear up too.
                    Class::Transient | Class::Permanent | Class::NotModified | Class::Forbidden => {
                        tracing::warn!("getUpdates failed: {e}");
                        Some(backoff(&mut failures))
                    }
                },
            };
            match wait {
                None => failures = 0,
                Some(d) => {
                    tokio::select! {
                        _ = tokio::time::sleep(d) => {}
                        _ = stop.changed() => break,
                    }
                }
            }
        }
        // Replies in hand go out before we stop (what does not make it stays in
        // the outboxes and goes out at the next start).
        self.finish().await?;
        Ok(())
    }

    /// Applies, commits, delivers and confirms one batch; returns the next offset.
    pub async fn handle_batch(
        self: &Arc<Self>,
        batch: Vec<poll::RawUpdate>,
    ) -> Result<i64, StoreError> {
        let mut next = None;
        let received = std::time::Instant::now();
        let mut by_chat: BTreeMap<i64, Vec<Event>> = BTreeMap::new();
        let mut staff_events = Vec::new();
        #[derive(serde::Deserialize)]
        struct Id {
            update_id: Option<i64>,
        }
        for raw in batch {
            let id = serde_json::from_str::<Id>(raw.get())
                .ok()
                .and_then(|i| i.update_id);
            if let Some(id) = id {
                next = Some(next.unwrap_or(id + 1).max(id + 1));
            }
            match serde_json::from_str::<Update>(raw.get()) {
                Ok(u) => {
                    let ev = event(&u, self.team.staff_chat);
                    self.metrics.update(match &ev {
                        None => "ignored",
                        Some(e) if e.staff_reply.is_some() => "staff_reply",
                        Some(e) if e.callback.is_some() => "callback",
                        Some(Event { input: Some(_), .. }) => "message",
                        Some(_) => "other",
                    });
                    if let Some(ev) = ev {
                        if ev.staff_reply.is_some() {
                            staff_events.push(ev);
                        } else {
                            by_chat.entry(ev.chat).or_default().push(ev);
                        }
                    }
                }
                Err(e) => {
                    self.metrics.update("malformed");
                    tracing::warn!(update_id = ?id, "malformed update skipped: {e}");
                }
            }
        }
        tracing::debug!(
            chats = by_chat.len(),
            staff = staff_events.len(),
            ?next,
            "batch"
        );
        let handled = by_chat.values().map(Vec::len).sum::<usize>() + staff_events.len();
        let mut tasks = tokio::task::JoinSet::new();
        for (chat, events) in by_chat {
            let me = Arc::clone(self);
            tasks.spawn(async move {
                for ev in events {
                    me.apply(ev).await?;
                }
                Ok::<i64, StoreError>(chat)
            });
        }
        let mut chats = Vec::new();
        let mut failed = None;
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(Ok(chat)) => chats.push(chat),
                Ok(Err(e)) => {
                    tracing::error!("update not applied: {e}");
                    failed = Some(e);
                }
                // A bug, not the user's fault: log it and move on rather than
                // replaying the same update forever.
                Err(e) => tracing::error!("update handler panicked: {e}"),
            }
        }
        // Staff replies write into users' outboxes: after the users' own updates,
        // one at a time, so no two tasks touch one session.
        if failed.is_none() {
            for ev in staff_events {
                match self.apply_staff_reply(ev).await {
                    Ok(touched) => chats.extend(touched),
                    Err(e) => {
                        tracing::error!("staff reply not applied: {e}");
                        failed = Some(e);
                        break;
                    }
                }
            }
        }
        chats.sort_unstable();
        chats.dedup();
        // Step 2: one flush commits the batch; from here its replies survive a
        // crash in the outboxes, so the offset may move on.
        self.store.flush().await?;
        let took = received.elapsed();
        for _ in 0..handled {
            self.metrics.handled(took);
        }
        for chat in chats {
            self.spawn_delivery(chat);
        }
        if let Some(e) = failed {
            return Err(e);
        }
        match next {
            Some(n) => {
                // Flushed with the next batch (or at shutdown); a lost offset only
                // replays updates that are then skipped.
                self.store.set_offset(n)?;
                Ok(n)
            }
            None => Ok(0),
        }
    }
}

/// The next wait of a loop that failed `failures` times in a row (the one
/// backoff, `api::backoff`).
fn backoff(failures: &mut u32) -> Duration {
    *failures = failures.saturating_add(1);
    api::backoff(*failures, api::jitter())
}
