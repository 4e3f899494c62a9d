//! The Telegram adapter: the only module that knows teloxide.
//!
//! A durable update loop replaces teloxide's dispatcher and stock polling, which
//! confirm an update before it is handled. For each batch from `getUpdates`:
//!
//! 1. **Apply.** Updates are grouped by chat; chats run concurrently, each chat's
//!    updates in order. For each update: skip it if the chat's session says it was
//!    applied already; else run the engine, render the replies, and write the
//!    profile, then the session (new state + `last_update` + the rendered replies
//!    in its outbox) through teloxide's `Storage`.
//! 2. **Commit.** One flush of the store for the whole batch (group commit); then
//!    the next offset is written and passed to the next `getUpdates`, which is
//!    what tells Telegram the updates are done. Polling goes straight on.
//! 3. **Deliver**, in the background: one task per chat with replies sends its
//!    outbox in order, one message at a time, removing each from the outbox once
//!    Telegram took it. Every [`FLUSH_SENT`] messages it waits for a flush of
//!    those drops before it sends more; when the outbox is empty it asks for one
//!    within `store::LAZY_FLUSH_MS` without waiting (the next group commit, which
//!    comes before any new reply, usually covers it).
//!    Every call goes through the one Bot API client (`api.rs`): a 5xx or a
//!    network failure is retried with its backoff and the message stays first
//!    in the outbox until Telegram took it; only a 400 drops a message.
//!
//! A crash anywhere replays from the last confirmed offset: applied updates are
//! skipped (`last_update`), committed replies still in an outbox are sent at the
//! next start (`pending` tree). So no update is lost and none is applied twice. A
//! reply can be sent twice only if the crash falls between its delivery and the
//! flush that follows: at most [`FLUSH_SENT`] per chat being delivered (what
//! `tests/crash*.rs` assert).
//! `tests/crash.rs` checks both. A per-chat lock serializes the read-modify-write
//! of a session between updates and deliveries; one flag keeps one deliverer per
//! chat, so a chat's messages never overtake each other.

pub mod api;
pub mod broadcast;
mod flood;
pub mod http;
pub mod metrics;
pub mod poll;
pub mod session;
pub mod storage;
pub mod update;
pub mod webhook;

use flood::{Flood, FloodCheck};
pub use update::{event, Event};

pub use session::{Outgoing, Session, SESSION_VERSION};

use crate::app::{today_in_china, unix_now, World};
use crate::config::Config;
use crate::engine::{self, msg, Effect, Line, Reply, StaffMessage, State};
use crate::store::{Loaded, Store, StoreError};
use api::{ApiError, Class};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use storage::{SledStorage, SledStorageError};
use teloxide::dispatching::dialogue::{ErasedStorage, Storage};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use tokio::sync::watch;

#[derive(Debug, thiserror::Error)]
pub enum TelegramError {
    #[error("TELOXIDE_TOKEN is not set: put the token from @BotFather in it")]
    NoToken,
    #[error("TELOXIDE_API_URL {0:?} is not a valid URL")]
    BadApiUrl(String),
    #[error("Telegram refused the token (401 Unauthorized): check TELOXIDE_TOKEN")]
    Unauthorized,
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Webhook mode's settings are incomplete or invalid.
    #[error("{0}")]
    WebhookConfig(String),
    #[error("the webhook server failed: {0}")]
    WebhookServer(std::io::Error),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
}

/// Reads `TELOXIDE_TOKEN` and `TELOXIDE_API_URL` as teloxide does, without its
/// panics, and builds the Bot API client.
pub fn connect() -> Result<api::Client, TelegramError> {
    let token = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .ok_or(TelegramError::NoToken)?;
    let api =
        std::env::var("TELOXIDE_API_URL").unwrap_or_else(|_| "https://api.telegram.org".into());
    connect_to(&token, &api)
}

/// The Bot API client for this token and Bot API address.
pub fn connect_to(token: &str, api: &str) -> Result<api::Client, TelegramError> {
    let api = api.trim_end_matches('/').to_string();
    reqwest::Url::parse(&api).map_err(|_| TelegramError::BadApiUrl(api.clone()))?;
    let http = teloxide::net::default_reqwest_settings()
        .build()
        .map_err(|e| TelegramError::Client(e.to_string()))?;
    Ok(api::Client::new(http, &api, token))
}

/// `netplus serve [--webhook]`: long polling (or a webhook) until Ctrl-C or SIGTERM.
pub async fn serve(cfg: Config, world: World, use_webhook: bool) -> Result<(), TelegramError> {
    let api = connect()?;
    let store = Store::open(&cfg.data_dir)?;
    let sessions = SledStorage::<Session>::new(store.sessions()).erase();
    let cfg_http = cfg.http_addr;
    let cfg_webhook = (
        cfg.webhook_url.clone(),
        cfg.webhook_secret.clone(),
        cfg.webhook_listen,
    );
    let team = Team {
        staff: cfg.staff.clone(),
        staff_chat: cfg.staff_chat,
        flood_per_minute: cfg.flood_per_minute,
        retention_days: cfg.retention_days,
    };
    let world = Arc::new(world);
    // Broadcasts (issue 3): effects run in the update loop, jobs in their own task.
    if cfg.broadcast_limit() < cfg.broadcast_rate {
        tracing::warn!(
            configured = cfg.broadcast_rate,
            used = cfg.broadcast_limit(),
            "broadcast_rate is above Telegram's ceiling (see paid_broadcast)"
        );
    }
    let broadcasts = broadcast::Broadcasts::new(
        &api,
        store.clone(),
        Arc::clone(&world),
        broadcast::Settings::from_config(&cfg),
    )?;
    let runner = Runner::with_config(
        api,
        world,
        store,
        sessions,
        team,
        cfg,
        Some(Arc::clone(&broadcasts)),
    );
    tokio::spawn(Arc::clone(&runner).sweep_forever());
    if let Some(addr) = cfg_http {
        let r = Arc::clone(&runner);
        tokio::spawn(async move {
            if let Err(e) = http::serve(addr, r).await {
                tracing::error!("health and metrics server on {addr} failed: {e}");
            }
        });
    }
    #[cfg(unix)]
    {
        let r = Arc::clone(&runner);
        tokio::spawn(async move {
            use tokio::signal::unix::{signal, SignalKind};
            let Ok(mut hup) = signal(SignalKind::hangup()) else {
                return;
            };
            while hup.recv().await.is_some() {
                if let Err(e) = r.reload() {
                    r.tell_staff_reload_failed(&e).await;
                }
            }
        });
    }
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("stopping: finishing the updates in hand");
        let _ = stop_tx.send(true);
    });
    let sender = tokio::spawn(broadcasts.run(stop_rx.clone()));
    if use_webhook {
        let (Some(url), Some(secret)) = (cfg_webhook.0.clone(), cfg_webhook.1.clone()) else {
            return Err(TelegramError::WebhookConfig(
                "webhook mode needs webhook_url (NETPLUS_WEBHOOK_URL) and a secret in NETPLUS_WEBHOOK_SECRET".into(),
            ));
        };
        let parsed = reqwest::Url::parse(&url).map_err(|_| {
            TelegramError::WebhookConfig(format!("webhook_url {url:?} is not a URL"))
        })?;
        if secret.is_empty()
            || secret.len() > 256
            || !secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(TelegramError::WebhookConfig(
                "the webhook secret must be 1 to 256 of A-Z, a-z, 0-9, _ and -".into(),
            ));
        }
        // Listen first, so that Telegram's first POST finds us.
        let addr = cfg_webhook.2;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| TelegramError::Listen { addr, source })?;
        runner.setup_webhook(parsed.clone(), &secret).await?;
        runner.resume();
        webhook::serve(
            Arc::clone(&runner),
            listener,
            parsed.path().to_string(),
            secret,
            stop_rx,
        )
        .await
        .map_err(TelegramError::WebhookServer)?;
        runner.finish().await?;
    } else {
        runner.setup().await?;
        runner.run(stop_rx).await?;
    }
    if let Err(e) = sender.await {
        tracing::error!("broadcast sender ended abnormally: {e}");
    }
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

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

/// A chat's delivery flushes at least this often (in messages): the most replies
/// to one chat that a crash can send twice.
pub const FLUSH_SENT: usize = 4;

/// How one send ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    Ok(Option<i64>),
    /// 403: the user blocked the bot or is gone.
    Unreachable,
    /// Refused for good (a 400); logged.
    Dropped,
    /// Not sent now, kept in the outbox for later (401, or shutting down while
    /// a 5xx is retried): the next update of this chat or the next start sends it.
    Kept,
}

pub struct Runner {
    /// The one Bot API client (`api.rs`).
    api: api::Client,
    world: std::sync::RwLock<Arc<World>>,
    /// Where content and locales come from, for `/reload` and SIGHUP.
    config: Option<Config>,
    store: Store,
    sessions: Arc<ErasedStorage<Session>>,
    team: Team,
    flood: Flood,
    broadcasts: Option<Arc<broadcast::Broadcasts>>,
    pub metrics: Arc<metrics::Metrics>,
    slots: ChatSlots,
    inflight: InFlight,
    /// True once the process is stopping: retries waiting for a backoff give up
    /// (what they carry stays in the outbox).
    closing: watch::Sender<bool>,
}

/// Per chat: a lock around read-modify-write of its session, and a flag that one
/// task is delivering its outbox.
#[derive(Default)]
struct Slot {
    lock: tokio::sync::Mutex<()>,
    delivering: AtomicBool,
}

#[derive(Default)]
struct ChatSlots(std::sync::Mutex<HashMap<i64, Arc<Slot>>>);

impl ChatSlots {
    fn get(&self, chat: i64) -> Arc<Slot> {
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
struct InFlight {
    n: AtomicUsize,
    idle: tokio::sync::Notify,
}

impl InFlight {
    fn start(&self) {
        self.n.fetch_add(1, Ordering::AcqRel);
    }

    fn done(&self) {
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

fn is_store_failure(e: &(dyn std::error::Error + Send + Sync + 'static)) -> bool {
    matches!(
        e.downcast_ref::<SledStorageError>(),
        Some(SledStorageError::Sled(_) | SledStorageError::Encode(_))
    )
}

/// Why updates could not be applied (they are then not confirmed, and come again).
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("session store: {0}")]
    Sessions(Box<dyn std::error::Error + Send + Sync>),
}

impl Runner {
    pub fn new(
        api: api::Client,
        world: Arc<World>,
        store: Store,
        sessions: Arc<ErasedStorage<Session>>,
        team: Team,
    ) -> Arc<Runner> {
        Arc::new(Runner {
            metrics: Arc::clone(api.metrics()),
            api,
            world: std::sync::RwLock::new(world),
            config: None,
            store,
            sessions,
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
        sessions: Arc<ErasedStorage<Session>>,
        team: Team,
        config: Config,
        broadcasts: Option<Arc<broadcast::Broadcasts>>,
    ) -> Arc<Runner> {
        let mut r = Runner::new(api, world, store, sessions, team);
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

    /// Re-reads content and locales and runs the full check; swaps them in only if
    /// everything passes, else the old ones keep serving.
    pub fn reload(&self) -> Result<(), String> {
        let Some(cfg) = &self.config else {
            return Err("no configuration to reload from".into());
        };
        match World::load(cfg) {
            Ok(w) => {
                let w = Arc::new(w);
                if let Some(b) = &self.broadcasts {
                    b.set_world(Arc::clone(&w)); // issue 3: the sender renders with it too
                }
                *self.world.write().unwrap_or_else(|p| p.into_inner()) = w;
                tracing::info!("content and locales reloaded");
                Ok(())
            }
            Err(e) => {
                tracing::error!("reload refused, the old content keeps serving: {e}");
                Err(e.to_string())
            }
        }
    }

    /// A reload by SIGHUP was refused: staff see why (file:line), in the staff
    /// chat if there is one, else in each staff member's private chat (in
    /// their language). The message goes through that chat's outbox, so it is
    /// as durable as a reply. (A refused `/reload` is answered in place.)
    pub async fn tell_staff_reload_failed(self: &Arc<Self>, error: &str) {
        let chats = match self.team.staff_chat {
            Some(c) => vec![c],
            None => self.team.staff.clone(),
        };
        if chats.is_empty() {
            return;
        }
        let world = self.world();
        let error: String = error.chars().take(3000).collect();
        let staff_lang = self.staff_lang();
        let mut told = Vec::new();
        for chat in chats {
            let lang = match self.store.profile(chat) {
                Ok(Loaded::Found(p)) if Some(chat) != self.team.staff_chat => {
                    p.lang.unwrap_or_else(|| staff_lang.clone())
                }
                _ => staff_lang.clone(),
            };
            let text = world.l10n.line(
                &lang,
                &Line::new(msg::RELOAD_FAILED_SIGNAL).text("error", error.clone()),
            );
            let slot = self.slots.get(chat);
            let _g = slot.lock.lock().await;
            let mut session = match self.sessions.clone().get_dialogue(ChatId(chat)).await {
                Ok(s) => s.unwrap_or_default(),
                Err(e) => {
                    tracing::error!(chat, "cannot tell staff about the refused reload: {e}");
                    continue;
                }
            };
            session.outbox.push(Outgoing::reply(text, Vec::new()));
            let stored = self.store.mark_pending(chat).map_err(ApplyError::Store);
            let stored = match stored {
                Ok(()) => self
                    .sessions
                    .clone()
                    .update_dialogue(ChatId(chat), session)
                    .await
                    .map_err(ApplyError::Sessions),
                Err(e) => Err(e),
            };
            match stored {
                Ok(()) => told.push(chat),
                Err(e) => tracing::error!(chat, "cannot tell staff about the refused reload: {e}"),
            }
        }
        if let Err(e) = self.store.flush().await {
            tracing::error!("cannot flush the reload notice: {e}");
        }
        for chat in told {
            self.spawn_delivery(chat);
        }
    }

    /// Erases what is kept about a user who is gone for longer than the
    /// retention, at start and then every hour. Runs until the process ends.
    pub async fn sweep_forever(self: Arc<Self>) {
        if self.team.retention_days == 0 {
            return;
        }
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            match self.sweep_once(unix_now()).await {
                Ok(n) if n > 0 => {
                    tracing::info!(users = n, "retention sweep erased inactive users")
                }
                Ok(_) => {}
                Err(e) => tracing::error!("retention sweep failed: {e}"),
            }
        }
    }

    /// One retention sweep as of `now`; returns how many users were erased.
    pub async fn sweep_once(&self, now: i64) -> Result<usize, StoreError> {
        let before = now - i64::from(self.team.retention_days) * 86_400;
        let users = self.store.stale_users(before)?;
        for &user in &users {
            let slot = self.slots.get(user);
            let _g = slot.lock.lock().await;
            if let Err(e) = self.forget_user(user).await {
                tracing::error!(user, "retention sweep failed: {e}");
            }
        }
        Ok(users.len())
    }

    /// Everything the bot keeps about a user, gone: profile, session, open case,
    /// staff-message links and their share of the unanswered inbox.
    async fn forget_user(&self, user: i64) -> Result<(), ApplyError> {
        self.store.forget_user(user)?;
        self.sessions
            .clone()
            .remove_dialogue(ChatId(user))
            .await
            .map_err(ApplyError::Sessions)?;
        Ok(())
    }

    /// The language staff read in the staff chat: the first enabled one.
    fn staff_lang(&self) -> String {
        self.world()
            .l10n
            .languages()
            .first()
            .cloned()
            .unwrap_or_else(|| crate::l10n::REFERENCE.to_string())
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
    async fn pause(&self, d: Duration) -> bool {
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
    ) -> Result<i64, ApplyError> {
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
                Ok::<i64, ApplyError>(chat)
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

    /// Step 1 for one update: engine, render, and commit state with its replies.
    async fn apply(&self, ev: Event) -> Result<(), ApplyError> {
        let chat = ChatId(ev.chat);
        let slot = self.slots.get(ev.chat);
        let _guard = slot.lock.lock().await;
        let mut reset = false;
        let mut session = match self.sessions.clone().get_dialogue(chat).await {
            Ok(Some(s)) if s.v <= SESSION_VERSION => s,
            Ok(Some(s)) => {
                tracing::warn!(
                    chat = ev.chat,
                    v = s.v,
                    "session from a newer version: reset"
                );
                reset = true;
                Session {
                    last_update: s.last_update,
                    ..Session::default()
                }
            }
            Ok(None) => Session::default(),
            Err(e) if is_store_failure(e.as_ref()) => return Err(ApplyError::Sessions(e)),
            Err(e) => {
                tracing::warn!(chat = ev.chat, "session no longer decodes, reset: {e}");
                reset = true;
                Session::default()
            }
        };
        if session.last_update >= ev.update_id {
            return Ok(());
        }
        if ev.input.is_some() && ev.from != Some(ev.chat) {
            // Someone else than the chat's own user (a forged or relayed button
            // press): nothing of this chat is theirs to change. The press is
            // answered, so their button stops spinning, and counts as applied.
            tracing::warn!(
                chat = ev.chat,
                from = ?ev.from,
                "input from another user than the chat's ignored"
            );
            if let Some(id) = ev.callback {
                session.outbox.push(Outgoing::Answer { id });
                self.store.mark_pending(ev.chat)?;
            }
            session.last_update = ev.update_id;
            self.sessions
                .clone()
                .update_dialogue(chat, session)
                .await
                .map_err(ApplyError::Sessions)?;
            return Ok(());
        }
        let mut profile = match self.store.profile(ev.chat)? {
            Loaded::Found(p) => p,
            Loaded::Missing => engine::Profile::default(),
            Loaded::Incompatible => {
                reset = true;
                engine::Profile::default()
            }
        };
        let now = unix_now();
        if profile.first_seen == 0 {
            profile.first_seen = now;
        }
        profile.last_seen = now;
        if let Some(code) = &ev.tg_lang {
            profile.hint = self.world().l10n.negotiate(Some(code));
        }
        if let Some(r) = ev.reachable {
            profile.reachable = r;
        }
        let world = self.world();
        let today = today_in_china();
        let state = std::mem::take(&mut session.state);
        let mut ctx = world.ctx(&today);
        ctx.handoff = self.team.staff_chat.is_some();
        // The acting user (the same as the chat, checked above).
        ctx.staff = ev.from.is_some_and(|f| self.team.staff.contains(&f));
        let flooded = match &ev.input {
            Some(_) if !ctx.staff => self.flood.check(ev.chat, now, self.team.flood_per_minute),
            _ => FloodCheck::Ok,
        };
        let (state, replies, effects) = match ev.input {
            // Too many messages this minute: one polite notice, then silence
            // until the minute is over (the update still counts as applied).
            Some(_) if flooded == FloodCheck::Notice => (
                state,
                vec![Reply::default().line(Line::new(msg::NOTICE_FLOOD))],
                Vec::new(),
            ),
            Some(_) if flooded == FloodCheck::Ignore => (state, Vec::new(), Vec::new()),
            // The stored state could not be read: what the input meant on the
            // old screen is unknowable, so say so and start from the menu.
            Some(_) if reset => updated_notice(&ctx, &profile),
            Some(input) => {
                let out = engine::step(&ctx, &mut profile, state, input);
                // Broadcast effects (issue 3) and the engine's answers: telegram/broadcast/effects.rs.
                let out = match &self.broadcasts {
                    Some(b) => b.perform(
                        &ctx,
                        ev.chat,
                        ev.from.unwrap_or(0),
                        ev.update_id,
                        &mut profile,
                        out,
                    )?,
                    None => out,
                };
                if matches!(&out.state, State::Answered { question, .. } if !question.is_empty()) {
                    self.metrics.faq_answered.fetch_add(1, Ordering::Relaxed);
                }
                if out
                    .effects
                    .iter()
                    .any(|e| matches!(e, Effect::Unanswered { .. }))
                {
                    self.metrics.faq_unanswered.fetch_add(1, Ordering::Relaxed);
                }
                (out.state, out.replies, out.effects)
            }
            None => (state, Vec::new(), Vec::new()),
        };
        if let Some(id) = ev.callback {
            session.outbox.push(Outgoing::Answer { id });
        }
        for r in &replies {
            let rendered = world.render(&profile, r);
            session
                .outbox
                .push(Outgoing::reply(rendered.text, rendered.buttons));
        }
        if effects.contains(&Effect::Forget) {
            // Everything about the user goes; what stays is the fact that this
            // update was applied, and the goodbye in their language.
            self.forget_user(ev.chat).await?;
            let outbox = std::mem::take(&mut session.outbox);
            let fresh = Session {
                last_update: ev.update_id,
                outbox,
                ..Session::default()
            };
            if !fresh.outbox.is_empty() {
                self.store.mark_pending(ev.chat)?;
            }
            self.sessions
                .clone()
                .update_dialogue(chat, fresh)
                .await
                .map_err(ApplyError::Sessions)?;
            return Ok(());
        }
        for effect in effects {
            self.carry_out(ev.chat, &profile, effect, &mut session.outbox)?;
        }
        self.store.put_profile(ev.chat, &profile)?;
        if !session.outbox.is_empty() {
            self.store.mark_pending(ev.chat)?;
        }
        session.state = state;
        session.last_update = ev.update_id;
        self.sessions
            .clone()
            .update_dialogue(chat, session)
            .await
            .map_err(ApplyError::Sessions)?;
        Ok(())
    }

    /// Step 3 for one chat, in the background: send its outbox in order and
    /// drop what was sent. One deliverer per chat at a time; it keeps going
    /// while new replies arrive, so a chat's messages never overtake each other.
    fn spawn_delivery(self: &Arc<Self>, chat: i64) {
        let me = Arc::clone(self);
        self.inflight.start();
        tokio::spawn(async move {
            me.deliver(chat).await;
            me.inflight.done();
        });
    }

    async fn deliver(&self, chat: i64) {
        let slot = self.slots.get(chat);
        if slot.delivering.swap(true, Ordering::AcqRel) {
            return;
        }
        let mut unflushed = 0usize;
        loop {
            if unflushed >= FLUSH_SENT {
                // Waited for, not just asked for: a lazy flush would let this
                // loop send more while the drops are still unsynced, and a crash
                // then re-sends more than FLUSH_SENT.
                unflushed = 0;
                if let Err(e) = self.store.flush().await {
                    tracing::error!(chat, "cannot record deliveries: {e}");
                    slot.delivering.store(false, Ordering::Release);
                    return;
                }
            }
            let items = {
                let _g = slot.lock.lock().await;
                match self.sessions.clone().get_dialogue(ChatId(chat)).await {
                    Ok(Some(s)) => s.outbox,
                    Ok(None) => Vec::new(),
                    Err(e) => {
                        tracing::error!(chat, "cannot read session to deliver: {e}");
                        slot.delivering.store(false, Ordering::Release);
                        return;
                    }
                }
            };
            if items.is_empty() {
                if unflushed > 0 {
                    unflushed = 0;
                    self.store.flush_soon();
                }
                slot.delivering.store(false, Ordering::Release);
                // An update may have added replies after the read above.
                let _g = slot.lock.lock().await;
                match self.sessions.clone().get_dialogue(ChatId(chat)).await {
                    Ok(Some(s)) if !s.outbox.is_empty() => {
                        drop(_g);
                        if slot.delivering.swap(true, Ordering::AcqRel) {
                            return;
                        }
                        continue;
                    }
                    _ => {
                        if let Err(e) = self.store.clear_pending(chat) {
                            tracing::error!(chat, "cannot clear pending mark: {e}");
                        }
                        return;
                    }
                }
            }
            // One message at a time: sent, then dropped from the outbox; a flush
            // of the drop is asked for when the outbox is empty or every
            // FLUSH_SENT messages, so a crash re-sends only the latest few.
            let Some(first) = items.into_iter().next() else {
                continue;
            };
            let sent = self.send_one(chat, &first).await;
            if sent == Sent::Kept {
                // Stays first in the outbox (and the chat pending): the next
                // update of this chat or the next start sends it.
                if unflushed > 0 {
                    self.store.flush_soon();
                }
                slot.delivering.store(false, Ordering::Release);
                return;
            }
            unflushed += 1;
            let unreachable = sent == Sent::Unreachable;
            {
                let _g = slot.lock.lock().await;
                if let Ok(Some(mut session)) =
                    self.sessions.clone().get_dialogue(ChatId(chat)).await
                {
                    if session.outbox.first() == Some(&first) {
                        session.outbox.remove(0);
                    }
                    if unreachable {
                        // The rest for this user would be refused too.
                        session.outbox.retain(|o| {
                            matches!(
                                o,
                                Outgoing::Text { to: Some(_), .. } | Outgoing::Media { .. }
                            )
                        });
                    }
                    if let Err(e) = self
                        .sessions
                        .clone()
                        .update_dialogue(ChatId(chat), session)
                        .await
                    {
                        tracing::error!(chat, "cannot record delivery: {e}");
                        slot.delivering.store(false, Ordering::Release);
                        return;
                    }
                }
                if unreachable {
                    if let Ok(Loaded::Found(mut p)) = self.store.profile(chat) {
                        p.reachable = false;
                        if let Err(e) = self.store.put_profile(chat, &p) {
                            tracing::error!(chat, "cannot mark unreachable: {e}");
                        }
                    }
                }
            }
        }
    }

    /// Sends one message of `chat`'s outbox and links staff-chat messages to
    /// their user. `Unreachable` only when the user (not the staff chat)
    /// refused it.
    async fn send_one(&self, chat: i64, out: &Outgoing) -> Sent {
        let to_user = match out {
            Outgoing::Text { to: Some(_), .. } | Outgoing::Media { .. } => false,
            Outgoing::Text { to: None, .. } | Outgoing::Answer { .. } => true,
        };
        match self.send(chat, out).await {
            Sent::Unreachable if !to_user => Sent::Dropped,
            Sent::Ok(Some(message_id)) => {
                let link = match out {
                    Outgoing::Text { link, .. } | Outgoing::Media { link, .. } => *link,
                    Outgoing::Answer { .. } => None,
                };
                if let Some(user) = link {
                    if let Err(e) = self.store.link_staff_message(message_id, user) {
                        tracing::error!(user, "cannot link staff message: {e}");
                    }
                }
                Sent::Ok(Some(message_id))
            }
            other => other,
        }
    }

    /// One message, until Telegram took it or refused it for good. What the
    /// answer means is `api::classify`'s: a 429 waits `retry_after`; a 5xx or a
    /// network failure is retried with `api::backoff` for as long as the
    /// process runs (the reply stays first in the outbox meanwhile, so it is
    /// never lost, and the chat's later replies wait behind it); a 403 makes
    /// the user unreachable; a 400 drops this message; a 401 keeps it for the
    /// restart with a new token.
    async fn send(&self, chat: i64, out: &Outgoing) -> Sent {
        use serde_json::json;
        let (method, body) = match out {
            Outgoing::Text {
                text, buttons, to, ..
            } => {
                let mut body = json!({"chat_id": to.unwrap_or(chat), "text": text});
                if !buttons.is_empty() {
                    body["reply_markup"] =
                        serde_json::to_value(markup(buttons)).unwrap_or_default();
                }
                ("sendMessage", body)
            }
            Outgoing::Media {
                voice: true,
                file_id,
                caption,
                to,
                ..
            } => (
                "sendVoice",
                json!({"chat_id": to, "voice": file_id, "caption": caption}),
            ),
            Outgoing::Media {
                voice: false,
                file_id,
                caption,
                to,
                ..
            } => (
                "sendPhoto",
                json!({"chat_id": to, "photo": file_id, "caption": caption}),
            ),
            Outgoing::Answer { id } => ("answerCallbackQuery", json!({"callback_query_id": id})),
        };
        let answer = matches!(out, Outgoing::Answer { .. });
        let mut attempt = 0u32;
        loop {
            let err = match self.api.call(method, &body).await {
                Ok(v) => {
                    let id = v.get("message_id").and_then(serde_json::Value::as_i64);
                    if id.is_some() {
                        self.metrics.messages_sent.fetch_add(1, Ordering::Relaxed);
                    }
                    return Sent::Ok(id);
                }
                Err(e) => e,
            };
            match err.class() {
                Class::RetryAfter(d) => {
                    if !self.pause(d).await {
                        return Sent::Kept;
                    }
                }
                Class::Forbidden => return Sent::Unreachable,
                Class::Permanent | Class::NotModified => {
                    // Old callback queries expire; that is expected and harmless.
                    if !answer {
                        tracing::warn!(chat, "Telegram refused a reply: {err}");
                    }
                    return Sent::Dropped;
                }
                Class::Unauthorized => {
                    tracing::error!(chat, "reply kept for later, the token was refused: {err}");
                    return Sent::Kept;
                }
                Class::Transient => {
                    attempt += 1;
                    // A callback answer only stops a spinner, and Telegram
                    // forgets the query within seconds: a few tries are enough.
                    if answer && attempt >= ANSWER_ATTEMPTS {
                        return Sent::Dropped;
                    }
                    tracing::warn!(chat, attempt, "reply not sent yet, will retry: {err}");
                    if !self.pause(api::backoff(attempt, api::jitter())).await {
                        return Sent::Kept;
                    }
                }
            }
        }
    }
}

/// Tries of an answerCallbackQuery that fails with a 5xx or on the network.
const ANSWER_ATTEMPTS: u32 = 3;

impl Runner {
    /// Carries out one engine effect for `chat`; messages it causes go into the
    /// chat's own outbox (also those for the staff chat), so they are as durable
    /// as replies and no two tasks write one session.
    fn carry_out(
        &self,
        chat: i64,
        profile: &engine::Profile,
        effect: Effect,
        outbox: &mut Vec<Outgoing>,
    ) -> Result<(), StoreError> {
        let world = self.world();
        let staff_lang = &self.staff_lang();
        let user_lang = profile
            .lang
            .clone()
            .unwrap_or_else(|| staff_lang.to_string());
        let header = |case: u64| {
            let lang = Line::new(msg::LANGUAGE_NAME).in_lang(&user_lang);
            let line = match &profile.county {
                Some(c) => {
                    Line::new(msg::STAFF_HEADER).line("county", Line::new(format!("county-{c}")))
                }
                None => Line::new(msg::STAFF_HEADER_NO_COUNTY),
            };
            world.l10n.line(
                staff_lang,
                &line.text("case", case.to_string()).line("lang", lang),
            )
        };
        match effect {
            Effect::OpenHandoff => {
                self.store.open_case(chat)?;
            }
            Effect::ToStaff(m) => {
                let Some(staff_chat) = self.team.staff_chat else {
                    return Ok(());
                };
                let case = self.store.open_case(chat)?;
                let hint = world
                    .l10n
                    .line(staff_lang, &Line::new(msg::STAFF_REPLY_HINT));
                outbox.push(match m {
                    StaffMessage::Text(t) => Outgoing::Text {
                        text: format!("{}\n\n{t}\n\n{hint}", header(case)),
                        buttons: Vec::new(),
                        to: Some(staff_chat),
                        link: Some(chat),
                    },
                    StaffMessage::Voice { file_id } => {
                        let note = world
                            .l10n
                            .line(staff_lang, &Line::new(msg::STAFF_VOICE_NOTE));
                        let caption = format!("{}\n{note}\n{hint}", header(case));
                        Outgoing::Media {
                            voice: true,
                            file_id,
                            caption,
                            to: staff_chat,
                            link: Some(chat),
                        }
                    }
                    StaffMessage::Photo { file_id, caption } => {
                        let caption =
                            format!("{}\n{}\n{hint}", header(case), caption.unwrap_or_default());
                        let caption = caption.chars().take(1000).collect();
                        Outgoing::Media {
                            voice: false,
                            file_id,
                            caption,
                            to: staff_chat,
                            link: Some(chat),
                        }
                    }
                });
            }
            Effect::CloseHandoff => {
                if let (Some(case), Some(staff_chat)) =
                    (self.store.close_case(chat)?, self.team.staff_chat)
                {
                    let text = world.l10n.line(
                        staff_lang,
                        &Line::new(msg::STAFF_CLOSED).text("case", case.to_string()),
                    );
                    outbox.push(Outgoing::Text {
                        text,
                        buttons: Vec::new(),
                        to: Some(staff_chat),
                        link: Some(chat),
                    });
                }
            }
            Effect::Unanswered { lang, text, topic } => {
                let norm = crate::faq::normalize::normalize(&text);
                self.store
                    .record_unanswered(chat, &lang, &text, &norm, topic, unix_now())?;
            }
            Effect::Forget => {}
            // Carried out by `broadcast::Broadcasts::perform` before this (issue 3).
            Effect::PreviewBroadcast(_)
            | Effect::Broadcast(_)
            | Effect::CancelBroadcast(_)
            | Effect::ListBroadcasts => {}
            Effect::Reload => {
                let line = match self.reload() {
                    Ok(()) => Line::new(msg::RELOAD_OK),
                    Err(e) => Line::new(msg::RELOAD_FAILED)
                        .text("error", e.chars().take(3000).collect::<String>()),
                };
                let world = self.world();
                let rendered = world.render(profile, &Reply::default().line(line));
                outbox.push(Outgoing::reply(rendered.text, rendered.buttons));
            }
            Effect::ListUnanswered | Effect::MarkHandled(_) => {
                let mut notice = None;
                if let Effect::MarkHandled(id) = &effect {
                    self.store.mark_handled(id)?;
                    notice = Some(Line::new(msg::INBOX_DONE));
                }
                let entries: Vec<engine::InboxItem> = self
                    .store
                    .open_unanswered(5)?
                    .into_iter()
                    .map(|(id, e)| engine::InboxItem {
                        id,
                        lang: e.lang,
                        count: e.count,
                        text: e.text,
                    })
                    .collect();
                let mut reply = engine::inbox_reply(&entries);
                if let Some(n) = notice {
                    reply.lines.insert(0, n);
                }
                let rendered = world.render(profile, &reply);
                outbox.push(Outgoing::reply(rendered.text, rendered.buttons));
            }
        }
        Ok(())
    }

    /// A staff member answered a handed-over message: the reply goes into that
    /// user's outbox, in the user's language. Returns the chats to deliver.
    async fn apply_staff_reply(&self, ev: Event) -> Result<Vec<i64>, ApplyError> {
        let Some((reply_to, text)) = ev.staff_reply else {
            return Ok(Vec::new());
        };
        let staff_chat = ChatId(ev.chat);
        let staff_slot = self.slots.get(ev.chat);
        let _staff_guard = staff_slot.lock.lock().await;
        let mut staff_session = self
            .sessions
            .clone()
            .get_dialogue(staff_chat)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        if staff_session.last_update >= ev.update_id {
            return Ok(Vec::new());
        }
        if !ev.from.is_some_and(|f| self.team.staff.contains(&f)) {
            // Anyone in the staff chat can reply to anything: only the `staff`
            // ids speak for the team.
            tracing::warn!(from = ?ev.from, "reply in the staff chat from a non-staff user ignored");
            staff_session.last_update = ev.update_id;
            self.sessions
                .clone()
                .update_dialogue(staff_chat, staff_session)
                .await
                .map_err(ApplyError::Sessions)?;
            return Ok(Vec::new());
        }
        let staff_lang = self.staff_lang().to_string();
        let mut touched = vec![ev.chat];
        let note = match self.store.user_of_staff_message(reply_to)? {
            Some(user) => {
                let user_slot = self.slots.get(user);
                let _user_guard = user_slot.lock.lock().await;
                let profile = match self.store.profile(user)? {
                    Loaded::Found(p) => p,
                    _ => engine::Profile::default(),
                };
                let mut session = match self.sessions.clone().get_dialogue(ChatId(user)).await {
                    Ok(Some(s)) => s,
                    Ok(None) => Session::default(),
                    Err(e) if is_store_failure(e.as_ref()) => return Err(ApplyError::Sessions(e)),
                    Err(_) => Session::default(),
                };
                let text: String = text.chars().take(3500).collect();
                let reply = engine::staff_reply(&text, session.state == State::Human);
                let rendered = self.world().render(&profile, &reply);
                session
                    .outbox
                    .push(Outgoing::reply(rendered.text, rendered.buttons));
                self.store.mark_pending(user)?;
                self.sessions
                    .clone()
                    .update_dialogue(ChatId(user), session)
                    .await
                    .map_err(ApplyError::Sessions)?;
                touched.push(user);
                msg::STAFF_REPLY_SENT
            }
            None => msg::STAFF_REPLY_UNKNOWN,
        };
        let text = self.world().l10n.line(&staff_lang, &Line::new(note));
        staff_session.outbox.push(Outgoing::reply(text, Vec::new()));
        staff_session.last_update = ev.update_id;
        self.store.mark_pending(ev.chat)?;
        self.sessions
            .clone()
            .update_dialogue(staff_chat, staff_session)
            .await
            .map_err(ApplyError::Sessions)?;
        Ok(touched)
    }
}

/// "The bot was updated": the user's stored state could not be read any more.
fn updated_notice(
    ctx: &engine::Ctx<'_>,
    profile: &engine::Profile,
) -> (State, Vec<Reply>, Vec<Effect>) {
    let state = if profile.lang.is_some() {
        State::Menu
    } else {
        State::Language
    };
    let mut r = engine::view(ctx, profile, &state);
    r.lines.insert(0, Line::new(msg::NOTICE_UPDATED));
    (state, vec![r], Vec::new())
}

fn markup(rows: &[Vec<(String, String)>]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.iter().map(|row| {
        row.iter()
            .map(|(label, data)| InlineKeyboardButton::callback(label.clone(), data.clone()))
            .collect::<Vec<_>>()
    }))
}

/// The next wait of a loop that failed `failures` times in a row (the one
/// backoff, `api::backoff`).
fn backoff(failures: &mut u32) -> Duration {
    *failures = failures.saturating_add(1);
    api::backoff(*failures, api::jitter())
}
