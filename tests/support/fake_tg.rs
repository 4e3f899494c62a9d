//! A strict fake Telegram Bot API server for end-to-end tests and benchmarks.
//!
//! Self-contained (tokio, axum 0.8, serde_json only); include it from tests with
//! `mod support;` (where `tests/support/mod.rs` has `pub mod fake_tg;`) or from a bench
//! with `#[path = "../tests/support/fake_tg.rs"] mod fake_tg;`.
//!
//! ```ignore
//! let tg = FakeTelegram::start().await;
//! // in-process client:
//! let bot = teloxide::Bot::new(FakeTelegram::TOKEN).set_api_url(tg.api_url().parse().unwrap());
//! // or a child process: TELOXIDE_TOKEN=FakeTelegram::TOKEN, TELOXIDE_API_URL=tg.url()
//! tg.push_update(msg_update(42, "/start"));
//! let sent = tg.wait_sent_to(42, 1).await; // no sleeps: woken on every request
//! ```
//!
//! `sent()` / `sent_to()` / `wait_sent_*` record successful sends *and* edits (filter on
//! `Sent::method`). Builders use `language_code` [`DEFAULT_LANGUAGE_CODE`] ("en").
//!
//! Behaviour follows the real Bot API where it matters to a bot: PascalCase or any-case
//! method names, `{"ok":true,"result":…}` / `{"ok":false,"error_code":N,"description":…}`
//! replies with the matching HTTP status, long polling with offset confirmation, 409 for
//! overlapping getUpdates, strict text / markup / parse-mode / command checks with the
//! real error wording, 403 for blocked chats, 429 with `parameters.retry_after` (and a
//! flood window during which every send gets 429 again).
#![allow(dead_code)]

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use serde_json::{json, Map, Value};
use tokio::sync::Notify;

/// Max text length (characters, after entity parsing).
pub const MAX_TEXT_CHARS: usize = 4096;
/// Max caption length (characters, after entity parsing).
pub const MAX_CAPTION_CHARS: usize = 1024;
/// Sends arriving on another connection less than this long after a 429 are treated as
/// already in flight when the 429 was issued: they still get 429 but are not counted by
/// [`FakeTelegram::early_sends_after_429`].
pub const IN_FLIGHT_GRACE: Duration = Duration::from_millis(50);

const DEFAULT_DEADLINE: Duration = Duration::from_secs(20);
const BOT_ID: i64 = 123456;
const BOT_FIRST_NAME: &str = "netplus";
const BOT_USERNAME: &str = "netplus_bot";

/// Methods this server implements (canonical teloxide spelling).
const METHODS: &[&str] = &[
    "GetMe",
    "GetWebhookInfo",
    "DeleteWebhook",
    "SetWebhook",
    "GetUpdates",
    "SendMessage",
    "EditMessageText",
    "EditMessageReplyMarkup",
    "AnswerCallbackQuery",
    "SetMyCommands",
    "DeleteMyCommands",
    "GetMyCommands",
    "ForwardMessage",
    "CopyMessage",
    "SendVoice",
    "SendPhoto",
    "SendChatAction",
    "DeleteMessage",
    "SetMyDescription",
    "GetMyDescription",
    "SetMyShortDescription",
    "GetMyShortDescription",
    "SetMyName",
    "GetMyName",
    "SetChatMenuButton",
    "LogOut",
    "Close",
];

/// Methods that count as "sends" for rate limiting and flood windows.
const SEND_METHODS: &[&str] = &[
    "SendMessage",
    "CopyMessage",
    "ForwardMessage",
    "SendVoice",
    "SendPhoto",
];

const CHAT_ACTIONS: &[&str] = &[
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
];

const BUTTON_ACTIONS: &[&str] = &[
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "callback_game",
    "pay",
    "web_app",
    "copy_text",
];

const CONFLICT: &str =
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
const QUERY_INVALID: &str = "query is too old and response timeout expired or query ID is invalid";
const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/// One successful outgoing call (send, copy, forward, edit).
#[derive(Clone, Debug)]
pub struct Sent {
    /// Canonical method name, e.g. `"SendMessage"`, `"EditMessageText"`.
    pub method: String,
    /// Target chat (0 for inline-message edits).
    pub chat_id: i64,
    /// Raw `text` (or `caption` for media) as the bot sent it, markup included; "" if none.
    pub text: String,
    /// `text` after entity parsing (what the user sees).
    pub plain: String,
    pub reply_markup: Option<Value>,
    pub parse_mode: Option<String>,
    pub entities: Option<Value>,
    /// Id of the new (or edited) message; 0 for inline-message edits.
    pub message_id: i64,
    pub at: Instant,
    /// The full request parameters.
    pub body: Value,
}

/// `(method, http status, description, request parameters)` of an error reply.
pub type Rejected = (String, u16, String, Value);

#[derive(Debug, Clone)]
struct ApiErr {
    status: u16,
    desc: String,
    retry_after: Option<u32>,
}

fn bad(desc: impl Into<String>) -> ApiErr {
    let d: String = desc.into();
    ApiErr {
        status: 400,
        desc: format!("Bad Request: {d}"),
        retry_after: None,
    }
}

fn api_err(status: u16, desc: impl Into<String>) -> ApiErr {
    ApiErr {
        status,
        desc: desc.into(),
        retry_after: None,
    }
}

fn too_many(retry_after: u32) -> ApiErr {
    ApiErr {
        status: 429,
        desc: format!("Too Many Requests: retry after {retry_after}"),
        retry_after: Some(retry_after),
    }
}

type ApiResult = Result<Value, ApiErr>;

#[derive(Debug, Clone)]
struct Msg {
    from_bot: bool,
    /// Content fields (text/entities, caption, voice, photo, sticker…).
    content: Map<String, Value>,
    markup: Option<Value>,
    from: Value,
    date: i64,
}

impl Msg {
    fn text(&self) -> Option<&str> {
        self.content.get("text").and_then(Value::as_str)
    }
}

/// Injected failures: `(status, retry_after, how many)`, in order.
type FailQueue = VecDeque<(u16, Option<u32>, usize)>;

#[derive(Debug, Clone, Copy)]
struct Flood {
    until: Instant,
    last_at: Instant,
    last_peer: SocketAddr,
}

struct St {
    next_update_id: i64,
    /// `(update_id or hidden key, update, deliver-once)`.
    updates: VecDeque<(i64, Value, bool)>,
    confirmed: i64,
    poll_gen: u64,
    next_message_id: i64,
    messages: HashMap<(i64, i64), Msg>,
    sent: Vec<Sent>,
    by_chat: HashMap<i64, Vec<usize>>,
    calls: HashMap<String, usize>,
    rejected: Vec<Rejected>,
    blocked: HashSet<i64>,
    fail: HashMap<String, VecDeque<(u16, Option<u32>, usize)>>,
    /// `fail_next_to`: per (method, chat), no flood window.
    fail_chat: HashMap<(String, i64), FailQueue>,
    rate: Option<u32>,
    window: VecDeque<Instant>,
    flood: Option<Flood>,
    r429: Vec<(Instant, u32, String)>,
    early: usize,
    commands: Vec<(Value, String, Value)>,
    bot_texts: HashMap<(String, String), String>,
    callbacks_known: HashSet<String>,
    callbacks_answered: HashSet<String>,
    answered: Vec<Value>,
    chat_actions: Vec<(i64, String)>,
    deleted: Vec<(i64, i64)>,
    /// `setWebhook`: (url, secret token, max connections).
    webhook: Option<(String, String, u64)>,
}

impl St {
    fn new() -> Self {
        St {
            next_update_id: 1,
            updates: VecDeque::new(),
            confirmed: 0,
            poll_gen: 0,
            next_message_id: 1,
            messages: HashMap::new(),
            sent: Vec::new(),
            by_chat: HashMap::new(),
            calls: HashMap::new(),
            rejected: Vec::new(),
            blocked: HashSet::new(),
            fail: HashMap::new(),
            fail_chat: HashMap::new(),
            rate: None,
            window: VecDeque::new(),
            flood: None,
            r429: Vec::new(),
            early: 0,
            commands: Vec::new(),
            bot_texts: HashMap::new(),
            callbacks_known: HashSet::new(),
            callbacks_answered: HashSet::new(),
            answered: Vec::new(),
            chat_actions: Vec::new(),
            deleted: Vec::new(),
            webhook: None,
        }
    }
}

struct Shared {
    state: Mutex<St>,
    /// Woken on every recorded change (request handled, update pushed…).
    changed: Notify,
    /// Woken when updates arrive, a new poller starts or the server shuts down.
    updates: Notify,
    shut: AtomicBool,
    deadline_ms: AtomicU64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, St> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Handle {
    shared: Arc<Shared>,
    task: tokio::task::AbortHandle,
    addr: SocketAddr,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.shared.shut.store(true, Ordering::SeqCst);
        self.shared.updates.notify_waiters();
        self.task.abort();
    }
}

/// Handle to a running fake server. Cheap to clone; the server stops when the last
/// clone is dropped or on [`FakeTelegram::shutdown`].
#[derive(Clone)]
pub struct FakeTelegram {
    h: Arc<Handle>,
}

impl std::fmt::Debug for FakeTelegram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FakeTelegram({})", self.url())
    }
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

impl FakeTelegram {
    /// The only token the server accepts.
    pub const TOKEN: &'static str = "123456:TEST-TOKEN";
    /// The bot's user id (the token's prefix).
    pub const BOT_ID: i64 = BOT_ID;

    /// Binds 127.0.0.1:0 and serves in a spawned task (needs a tokio runtime).
    pub async fn start() -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("fake_tg: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake_tg: local_addr");
        let shared = Arc::new(Shared {
            state: Mutex::new(St::new()),
            changed: Notify::new(),
            updates: Notify::new(),
            shut: AtomicBool::new(false),
            deadline_ms: AtomicU64::new(DEFAULT_DEADLINE.as_millis() as u64),
        });
        let app = Router::new()
            .route("/{token}/{method}", any(handle))
            .fallback(fallback)
            .with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        FakeTelegram {
            h: Arc::new(Handle {
                shared,
                task: task.abort_handle(),
                addr,
            }),
        }
    }

    /// Sets the deadline of the `wait_*` helpers (default 20 s). Shared by all clones.
    pub fn with_deadline(self, deadline: Duration) -> Self {
        self.set_deadline(deadline);
        self
    }

    pub fn set_deadline(&self, deadline: Duration) {
        self.sh()
            .deadline_ms
            .store(deadline.as_millis() as u64, Ordering::SeqCst);
    }

    /// `"http://127.0.0.1:PORT"`.
    pub fn url(&self) -> String {
        format!("http://{}", self.h.addr)
    }

    /// `"http://127.0.0.1:PORT/"`, for `Bot::set_api_url(tg.api_url().parse().unwrap())`
    /// (the form without the slash works as well).
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.h.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.h.addr
    }

    /// `"{url}/bot{TOKEN}/{method}"`.
    pub fn method_url(&self, method: &str) -> String {
        format!("{}/bot{}/{}", self.url(), Self::TOKEN, method)
    }

    /// Stops accepting connections; pending long polls return `[]` at once.
    pub fn shutdown(&self) {
        self.sh().shut.store(true, Ordering::SeqCst);
        self.sh().updates.notify_waiters();
        self.h.task.abort();
    }

    // ----- injection ------------------------------------------------------------------

    /// Queues an update; assigns `update_id` when missing. Wakes long pollers.
    pub fn push_update(&self, mut update: Value) -> i64 {
        let id = {
            let mut st = self.sh().lock();
            let id = match update.get("update_id").and_then(Value::as_i64) {
                Some(id) => id,
                None => {
                    let id = st.next_update_id;
                    if let Some(o) = update.as_object_mut() {
                        o.insert("update_id".into(), json!(id));
                    }
                    id
                }
            };
            st.next_update_id = st.next_update_id.max(id + 1);
            register_update(&mut st, &update);
            st.updates.push_back((id, update, false));
            id
        };
        self.notify_updates();
        id
    }

    /// Pushes several updates at once (one lock, one wake-up). Returns their ids.
    pub fn push_updates(&self, updates: impl IntoIterator<Item = Value>) -> Vec<i64> {
        let mut ids = Vec::new();
        {
            let mut st = self.sh().lock();
            for mut update in updates {
                let id = match update.get("update_id").and_then(Value::as_i64) {
                    Some(id) => id,
                    None => {
                        let id = st.next_update_id;
                        if let Some(o) = update.as_object_mut() {
                            o.insert("update_id".into(), json!(id));
                        }
                        id
                    }
                };
                st.next_update_id = st.next_update_id.max(id + 1);
                register_update(&mut st, &update);
                st.updates.push_back((id, update, false));
                ids.push(id);
            }
        }
        self.notify_updates();
        ids
    }

    /// Queues an update exactly as given (malformed ones too). One with an integer
    /// `update_id` behaves like any other. One without can never be confirmed by a
    /// client, so it is delivered once (in the next getUpdates answer that reaches it)
    /// and then dropped; a confirmation past the previous update drops it as well.
    pub fn push_raw_update(&self, update: Value) {
        {
            let mut st = self.sh().lock();
            match update.get("update_id").and_then(Value::as_i64) {
                Some(id) => {
                    st.next_update_id = st.next_update_id.max(id + 1);
                    register_update(&mut st, &update);
                    st.updates.push_back((id, update, false));
                }
                None => {
                    let key = st.next_update_id - 1;
                    register_update(&mut st, &update);
                    st.updates.push_back((key, update, true));
                }
            }
        }
        self.notify_updates();
    }

    // ----- controls -------------------------------------------------------------------

    /// Sends to this chat now fail with 403 "Forbidden: bot was blocked by the user".
    pub fn block_chat(&self, chat_id: i64) {
        self.sh().lock().blocked.insert(chat_id);
    }

    pub fn unblock_chat(&self, chat_id: i64) {
        self.sh().lock().blocked.remove(&chat_id);
    }

    /// The next `n` calls of `method` (any case) fail with `status`. 429 carries
    /// `parameters.retry_after` (`retry_after` or 1) and, for send methods, opens a flood
    /// window like a rate-limit 429. Queued after earlier `fail_next` calls.
    pub fn fail_next(&self, method: &str, status: u16, retry_after: Option<u32>, n: usize) {
        if n == 0 {
            return;
        }
        let key = method.to_ascii_lowercase();
        self.sh()
            .lock()
            .fail
            .entry(key)
            .or_default()
            .push_back((status, retry_after, n));
    }

    /// The next `n` calls of `method` to `chat_id` fail with `status`, like Telegram's
    /// per-chat limit: a 429 here opens no flood window for other chats.
    pub fn fail_next_to(
        &self,
        method: &str,
        chat_id: i64,
        status: u16,
        retry_after: Option<u32>,
        n: usize,
    ) {
        if n == 0 {
            return;
        }
        let key = (method.to_ascii_lowercase(), chat_id);
        self.sh()
            .lock()
            .fail_chat
            .entry(key)
            .or_default()
            .push_back((status, retry_after, n));
    }

    /// At most `per_second` accepted sends (SendMessage, CopyMessage, ForwardMessage,
    /// SendVoice, SendPhoto) per rolling second; beyond → 429 retry_after 1. `None` = off.
    /// Also ends any open flood window (the records of past 429s are kept).
    pub fn set_send_rate_limit(&self, per_second: Option<u32>) {
        let mut st = self.sh().lock();
        st.rate = per_second;
        st.window.clear();
        st.flood = None;
    }

    // ----- recordings -----------------------------------------------------------------

    /// Every successful send/copy/forward/edit, in order.
    pub fn sent(&self) -> Vec<Sent> {
        self.sh().lock().sent.clone()
    }

    pub fn sent_total(&self) -> usize {
        self.sh().lock().sent.len()
    }

    /// Successful sends/edits whose target chat is `chat_id`.
    pub fn sent_to(&self, chat_id: i64) -> Vec<Sent> {
        let st = self.sh().lock();
        sent_to_locked(&st, chat_id)
    }

    /// Only `SendMessage` texts sent to `chat_id`.
    pub fn texts_to(&self, chat_id: i64) -> Vec<String> {
        self.sent_to(chat_id)
            .into_iter()
            .filter(|s| s.method == "SendMessage")
            .map(|s| s.text)
            .collect()
    }

    /// All calls of `method` (any case), including failed ones.
    pub fn calls(&self, method: &str) -> usize {
        self.sh()
            .lock()
            .calls
            .get(&method.to_ascii_lowercase())
            .copied()
            .unwrap_or(0)
    }

    /// Every error reply given, in order (strict-check failures, 401/404, injected
    /// failures, 403, 429, 409 conflicts).
    pub fn rejected(&self) -> Vec<Rejected> {
        self.sh().lock().rejected.clone()
    }

    /// Highest offset a client confirmed with getUpdates (0 if none).
    /// What `setWebhook` set: (url, secret token, max connections).
    pub fn webhook(&self) -> Option<(String, String, u64)> {
        self.sh().lock().webhook.clone()
    }

    pub fn confirmed_offset(&self) -> i64 {
        self.sh().lock().confirmed
    }

    /// Updates not yet confirmed (delivered-but-unconfirmed ones included).
    pub fn pending_updates(&self) -> usize {
        self.sh().lock().updates.len()
    }

    /// Commands set for the default scope and `language_code` (None or "" = no code).
    pub fn commands(&self, language_code: Option<&str>) -> Option<Value> {
        self.commands_for(json!({"type": "default"}), language_code)
    }

    /// Commands set for `scope` (e.g. `json!({"type":"all_private_chats"})`).
    pub fn commands_for(&self, scope: Value, language_code: Option<&str>) -> Option<Value> {
        let lang = language_code.unwrap_or("");
        let st = self.sh().lock();
        st.commands
            .iter()
            .find(|(s, l, _)| *s == scope && l == lang)
            .map(|(_, _, c)| c.clone())
    }

    /// Value set with setMyDescription / setMyShortDescription / setMyName
    /// (`kind` = "description", "short_description" or "name").
    pub fn bot_text(&self, kind: &str, language_code: Option<&str>) -> Option<String> {
        let key = (kind.to_string(), language_code.unwrap_or("").to_string());
        self.sh().lock().bot_texts.get(&key).cloned()
    }

    /// Bodies of successful answerCallbackQuery calls.
    pub fn answered_callbacks(&self) -> Vec<Value> {
        self.sh().lock().answered.clone()
    }

    /// `(chat_id, action)` of successful sendChatAction calls.
    pub fn chat_actions(&self) -> Vec<(i64, String)> {
        self.sh().lock().chat_actions.clone()
    }

    /// `(chat_id, message_id)` of successful deleteMessage calls.
    pub fn deleted(&self) -> Vec<(i64, i64)> {
        self.sh().lock().deleted.clone()
    }

    /// Every 429 returned: `(when, retry_after, method)`.
    pub fn responses_429(&self) -> Vec<(Instant, u32, String)> {
        self.sh().lock().r429.clone()
    }

    /// Sends that arrived while a 429's retry_after had not expired (excluding ones
    /// plainly in flight: other connection, < [`IN_FLIGHT_GRACE`] after the 429).
    pub fn early_sends_after_429(&self) -> usize {
        self.sh().lock().early
    }

    /// Current text of a message the server knows (sent by the bot or pushed in an update).
    pub fn message_text(&self, chat_id: i64, message_id: i64) -> Option<String> {
        let st = self.sh().lock();
        st.messages
            .get(&(chat_id, message_id))
            .and_then(|m| m.text().map(str::to_string))
    }

    /// Current inline keyboard of a known message.
    pub fn message_markup(&self, chat_id: i64, message_id: i64) -> Option<Value> {
        let st = self.sh().lock();
        st.messages
            .get(&(chat_id, message_id))
            .and_then(|m| m.markup.clone())
    }

    /// A short human-readable dump of what was recorded (also used in wait panics).
    pub fn report(&self) -> String {
        let st = self.sh().lock();
        report_locked(&st)
    }

    // ----- waiting (no sleeps) --------------------------------------------------------

    /// Waits until at least `n` sends/edits to `chat_id` were recorded; returns them all.
    pub async fn wait_sent_to(&self, chat_id: i64, n: usize) -> Vec<Sent> {
        self.wait_locked(
            |st| {
                (st.by_chat.get(&chat_id).map_or(0, Vec::len) >= n)
                    .then(|| sent_to_locked(st, chat_id))
            },
            || format!("at least {n} sends to chat {chat_id}"),
        )
        .await
    }

    /// Waits until at least `n` sends/edits in total; returns them all.
    pub async fn wait_sent_total(&self, n: usize) -> Vec<Sent> {
        self.wait_locked(
            |st| (st.sent.len() >= n).then(|| st.sent.clone()),
            || format!("at least {n} sends in total"),
        )
        .await
    }

    /// Waits until the confirmed offset is >= `offset`; returns it.
    pub async fn wait_confirmed(&self, offset: i64) -> i64 {
        self.wait_locked(
            |st| (st.confirmed >= offset).then_some(st.confirmed),
            || format!("confirmed offset >= {offset}"),
        )
        .await
    }

    /// Waits until `method` was called at least `n` times; returns the count.
    pub async fn wait_calls(&self, method: &str, n: usize) -> usize {
        let key = method.to_ascii_lowercase();
        self.wait_locked(
            |st| {
                let c = st.calls.get(&key).copied().unwrap_or(0);
                (c >= n).then_some(c)
            },
            || format!("at least {n} calls of {method}"),
        )
        .await
    }

    /// Waits until at least `n` error replies were given; returns them all.
    pub async fn wait_rejected(&self, n: usize) -> Vec<Rejected> {
        self.wait_locked(
            |st| (st.rejected.len() >= n).then(|| st.rejected.clone()),
            || format!("at least {n} rejections"),
        )
        .await
    }

    /// Waits until no update is pending (all confirmed).
    pub async fn wait_no_pending(&self) {
        self.wait_locked(
            |st| st.updates.is_empty().then_some(()),
            || "no pending updates".to_string(),
        )
        .await
    }

    /// Waits until `cond(self)` holds (re-checked after every request / update).
    /// `cond` must not block; it may call the recording accessors.
    pub async fn wait_until(&self, what: &str, mut cond: impl FnMut(&FakeTelegram) -> bool) {
        let deadline = tokio::time::Instant::now() + self.deadline();
        loop {
            let notified = self.sh().changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if cond(self) {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                if cond(self) {
                    return;
                }
                panic!(
                    "fake_tg: timed out after {:?} waiting for {what}\n{}",
                    self.deadline(),
                    self.report()
                );
            }
        }
    }

    // ----- internals ------------------------------------------------------------------

    fn sh(&self) -> &Shared {
        &self.h.shared
    }

    fn deadline(&self) -> Duration {
        Duration::from_millis(self.sh().deadline_ms.load(Ordering::SeqCst))
    }

    fn notify_updates(&self) {
        self.sh().updates.notify_waiters();
        self.sh().changed.notify_waiters();
    }

    async fn wait_locked<T>(
        &self,
        mut check: impl FnMut(&St) -> Option<T>,
        what: impl Fn() -> String,
    ) -> T {
        let deadline = tokio::time::Instant::now() + self.deadline();
        loop {
            let notified = self.sh().changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(v) = check(&self.sh().lock()) {
                return v;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let st = self.sh().lock();
                if let Some(v) = check(&st) {
                    return v;
                }
                let rep = report_locked(&st);
                drop(st);
                panic!(
                    "fake_tg: timed out after {:?} waiting for {}\n{rep}",
                    self.deadline(),
                    what()
                );
            }
        }
    }
}

fn sent_to_locked(st: &St, chat_id: i64) -> Vec<Sent> {
    st.by_chat
        .get(&chat_id)
        .map(|ix| ix.iter().filter_map(|&i| st.sent.get(i).cloned()).collect())
        .unwrap_or_default()
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out.replace('\n', "⏎")
}

fn report_locked(st: &St) -> String {
    let mut r = String::new();
    r.push_str(&format!(
        "recorded: {} sends/edits, {} pending updates, confirmed offset {}, {} rejections, {} answered callbacks\n",
        st.sent.len(),
        st.updates.len(),
        st.confirmed,
        st.rejected.len(),
        st.answered.len()
    ));
    let mut calls: Vec<_> = st.calls.iter().collect();
    calls.sort();
    r.push_str(&format!("calls: {calls:?}\n"));
    let start = st.sent.len().saturating_sub(15);
    if start > 0 {
        r.push_str(&format!("last 15 sends of {}:\n", st.sent.len()));
    }
    for s in &st.sent[start..] {
        r.push_str(&format!(
            "  {} chat {} msg {}: {}\n",
            s.method,
            s.chat_id,
            s.message_id,
            short(&s.text)
        ));
    }
    let start = st.rejected.len().saturating_sub(10);
    for (m, code, d, _) in &st.rejected[start..] {
        r.push_str(&format!("  rejected {m}: {code} {d}\n"));
    }
    r
}

// ---------------------------------------------------------------------------------------
// HTTP layer
// ---------------------------------------------------------------------------------------

fn ok_response(result: Value) -> Response {
    let body = json!({"ok": true, "result": result});
    (StatusCode::OK, axum::Json(body)).into_response()
}

fn err_response(e: &ApiErr) -> Response {
    let mut body = json!({"ok": false, "error_code": e.status, "description": e.desc});
    if let Some(r) = e.retry_after {
        body["parameters"] = json!({"retry_after": r});
    }
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

async fn fallback() -> Response {
    err_response(&api_err(404, "Not Found"))
}

fn canonical(method: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(method))
}

fn reject(st: &mut St, method: &str, e: &ApiErr, params: &Value) {
    st.rejected
        .push((method.to_string(), e.status, e.desc.clone(), params.clone()));
    if e.status == 429 {
        st.r429.push((
            Instant::now(),
            e.retry_after.unwrap_or(0),
            method.to_string(),
        ));
    }
}

fn take_fail(st: &mut St, lower: &str) -> Option<(u16, Option<u32>)> {
    let q = st.fail.get_mut(lower)?;
    let front = q.front_mut()?;
    let out = (front.0, front.1);
    front.2 -= 1;
    if front.2 == 0 {
        q.pop_front();
    }
    Some(out)
}

fn injected(status: u16, retry_after: Option<u32>) -> ApiErr {
    match status {
        429 => too_many(retry_after.unwrap_or(1)),
        400 => bad("injected failure"),
        401 => api_err(401, "Unauthorized"),
        403 => api_err(403, "Forbidden: bot was blocked by the user"),
        404 => api_err(404, "Not Found"),
        409 => api_err(409, CONFLICT),
        500 => api_err(500, "Internal Server Error"),
        502 => api_err(502, "Bad Gateway"),
        503 => api_err(503, "Service Unavailable"),
        504 => api_err(504, "Gateway Timeout"),
        s => ApiErr {
            status: s,
            desc: format!("Error {s}"),
            retry_after,
        },
    }
}

#[allow(clippy::too_many_arguments)]
async fn handle(
    State(sh): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((token, method)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lower = method.to_ascii_lowercase();
    let resp = process(&sh, peer, &token, &method, &lower, query, &headers, &body).await;
    sh.changed.notify_waiters();
    match resp {
        Ok(v) => ok_response(v),
        Err(e) => err_response(&e),
    }
}

enum Step {
    Done(ApiResult),
    Poll(Map<String, Value>),
}

#[allow(clippy::too_many_arguments)]
async fn process(
    sh: &Arc<Shared>,
    peer: SocketAddr,
    token: &str,
    method: &str,
    lower: &str,
    query: Option<String>,
    headers: &HeaderMap,
    body: &Bytes,
) -> ApiResult {
    match process_sync(sh, peer, token, method, lower, query, headers, body) {
        Step::Done(res) => res,
        Step::Poll(params) => {
            let res = get_updates(sh, &params).await;
            if let Err(e) = &res {
                reject(&mut sh.lock(), "GetUpdates", e, &Value::Object(params));
            }
            res
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn process_sync(
    sh: &Shared,
    peer: SocketAddr,
    token: &str,
    method: &str,
    lower: &str,
    query: Option<String>,
    headers: &HeaderMap,
    body: &Bytes,
) -> Step {
    let token_ok = token.strip_prefix("bot") == Some(FakeTelegram::TOKEN);
    let canon = canonical(lower);
    let parsed = if token_ok && canon.is_some() {
        Some(parse_params(query, headers, body))
    } else {
        None
    };
    let record_name = canon.unwrap_or(method);

    let mut st = sh.lock();
    *st.calls.entry(lower.to_string()).or_insert(0) += 1;
    if !token_ok {
        let e = api_err(401, "Unauthorized");
        reject(&mut st, record_name, &e, &Value::Null);
        return Step::Done(Err(e));
    }
    let Some(canon) = canon else {
        let e = api_err(404, "Not Found: method not found");
        reject(&mut st, record_name, &e, &Value::Null);
        return Step::Done(Err(e));
    };
    let params = match parsed {
        Some(Ok(p)) => p,
        Some(Err((e, raw))) => {
            reject(&mut st, canon, &e, &raw);
            return Step::Done(Err(e));
        }
        None => Map::new(),
    };

    if let Some((status, retry)) = take_fail(&mut st, lower) {
        let e = injected(status, retry);
        if status == 429 && SEND_METHODS.contains(&canon) {
            let now = Instant::now();
            let r = e.retry_after.unwrap_or(1);
            st.flood = Some(Flood {
                until: now + Duration::from_secs(r as u64),
                last_at: now,
                last_peer: peer,
            });
        }
        reject(&mut st, canon, &e, &Value::Object(params));
        return Step::Done(Err(e));
    }

    let chat = params.get("chat_id").and_then(|c| match c {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    });
    if let Some(chat) = chat {
        let key = (lower.to_string(), chat);
        if let Some(q) = st.fail_chat.get_mut(&key) {
            if let Some(front) = q.front_mut() {
                let e = injected(front.0, front.1);
                front.2 -= 1;
                if front.2 == 0 {
                    q.pop_front();
                }
                reject(&mut st, canon, &e, &Value::Object(params));
                return Step::Done(Err(e));
            }
        }
    }

    if canon == "GetUpdates" {
        if st.webhook.is_some() {
            let e = api_err(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            reject(&mut st, canon, &e, &Value::Object(params));
            return Step::Done(Err(e));
        }
        return Step::Poll(params);
    }

    let res = dispatch(&mut st, canon, &params, peer);
    if let Err(e) = &res {
        reject(&mut st, canon, e, &Value::Object(params));
    }
    Step::Done(res)
}

// ----- request parameters --------------------------------------------------------------

type ParamErr = (ApiErr, Value);

fn parse_params(
    query: Option<String>,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Map<String, Value>, ParamErr> {
    let mut map = Map::new();
    if let Some(q) = query {
        for (k, v) in parse_urlencoded(&q) {
            map.insert(k, Value::String(v));
        }
    }
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(map);
    }
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let raw = || Value::String(String::from_utf8_lossy(body).chars().take(2000).collect());
    if ct.starts_with("application/json") {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(o)) => {
                map.extend(o);
                Ok(map)
            }
            Ok(_) => Err((bad("can't parse parameters: JSON object expected"), raw())),
            Err(e) => Err((
                bad(format!("can't parse JSON encoded parameters: {e}")),
                raw(),
            )),
        }
    } else if ct.starts_with("application/x-www-form-urlencoded") {
        let s = String::from_utf8_lossy(body);
        for (k, v) in parse_urlencoded(&s) {
            map.insert(k, Value::String(v));
        }
        Ok(map)
    } else if ct.starts_with("multipart/form-data") {
        let boundary =
            ct_boundary(headers).ok_or_else(|| (bad("multipart boundary is missing"), raw()))?;
        let parts = parse_multipart(body, &boundary)
            .ok_or_else(|| (bad("can't parse multipart body"), raw()))?;
        for (name, filename, data) in parts {
            match filename {
                Some(f) => map.insert(name, json!({"_upload": f, "size": data.len()})),
                None => map.insert(
                    name,
                    Value::String(String::from_utf8_lossy(&data).into_owned()),
                ),
            };
        }
        Ok(map)
    } else {
        Err((
            bad(format!(
                "unsupported Content-Type \"{ct}\" (send application/json)"
            )),
            raw(),
        ))
    }
}

fn ct_boundary(headers: &HeaderMap) -> Option<String> {
    let ct = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let idx = ct.to_ascii_lowercase().find("boundary=")?;
    let b = ct[idx + 9..].split(';').next()?.trim().trim_matches('"');
    (!b.is_empty()).then(|| b.to_string())
}

fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

type Part = (String, Option<String>, Vec<u8>);

fn parse_multipart(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find_bytes(body, &delim, 0)? + delim.len();
    loop {
        if body.get(pos..pos + 2) == Some(b"--") {
            return Some(parts);
        }
        // skip CRLF after the delimiter
        if body.get(pos..pos + 2) == Some(b"\r\n") {
            pos += 2;
        }
        let head_end = find_bytes(body, b"\r\n\r\n", pos)?;
        let head = String::from_utf8_lossy(&body[pos..head_end]).into_owned();
        let data_start = head_end + 4;
        let mut end_delim = b"\r\n".to_vec();
        end_delim.extend_from_slice(&delim);
        let data_end = find_bytes(body, &end_delim, data_start)?;
        let mut name = None;
        let mut filename = None;
        for line in head.split("\r\n") {
            if line
                .to_ascii_lowercase()
                .starts_with("content-disposition:")
            {
                for item in line.split(';') {
                    let item = item.trim();
                    if let Some(v) = item.strip_prefix("name=") {
                        name = Some(v.trim_matches('"').to_string());
                    } else if let Some(v) = item.strip_prefix("filename=") {
                        filename = Some(v.trim_matches('"').to_string());
                    }
                }
            }
        }
        parts.push((name?, filename, body[data_start..data_end].to_vec()));
        pos = data_end + end_delim.len();
    }
}

fn parse_urlencoded(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Integer parameter: JSON number or numeric string.
fn int_param(p: &Map<String, Value>, key: &str) -> Result<Option<i64>, ApiErr> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| bad(format!("wrong parameter \"{key}\""))),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| bad(format!("wrong parameter \"{key}\""))),
        Some(_) => Err(bad(format!("wrong parameter \"{key}\""))),
    }
}

/// String parameter: JSON string (numbers and booleans converted like the real API).
fn str_param(p: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiErr> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(_) => Err(bad(format!("wrong parameter \"{key}\": string expected"))),
    }
}

fn bool_param(p: &Map<String, Value>, key: &str) -> bool {
    match p.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true" || s == "1",
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// JSON-typed parameter: an object/array, or a string holding JSON (form uploads).
fn json_param(p: &Map<String, Value>, key: &str) -> Result<Option<Value>, ()> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => serde_json::from_str(s).map(Some).map_err(|_| ()),
        Some(v) => Ok(Some(v.clone())),
    }
}

fn chat_id_param(p: &Map<String, Value>, key: &str) -> Result<i64, ApiErr> {
    match p.get(key) {
        None | Some(Value::Null) => Err(bad(format!("{key} is empty"))),
        Some(Value::String(s)) if s.trim().is_empty() => Err(bad(format!("{key} is empty"))),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(0) | None => Err(bad("chat not found")),
            Some(id) => Ok(id),
        },
        Some(Value::String(s)) => match s.trim().parse::<i64>() {
            Ok(0) | Err(_) => Err(bad("chat not found")),
            Ok(id) => Ok(id),
        },
        Some(_) => Err(bad("chat not found")),
    }
}

fn message_id_param(p: &Map<String, Value>, key: &str) -> Result<i64, ApiErr> {
    match int_param(p, key)? {
        None => Err(bad("message identifier is not specified")),
        Some(id) if id <= 0 || id > i32::MAX as i64 => {
            Err(bad("message identifier is not specified"))
        }
        Some(id) => Ok(id),
    }
}

fn lang_param(p: &Map<String, Value>) -> Result<String, ApiErr> {
    let lang = str_param(p, "language_code")?.unwrap_or_default();
    if lang.is_empty() || (lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase())) {
        Ok(lang)
    } else {
        Err(bad("bad language code"))
    }
}

fn scope_param(p: &Map<String, Value>) -> Result<Value, ApiErr> {
    let scope = json_param(p, "scope")
        .map_err(|_| bad("can't parse BotCommandScope JSON object"))?
        .unwrap_or_else(|| json!({"type": "default"}));
    let ty = scope.get("type").and_then(Value::as_str).unwrap_or("");
    match ty {
        "default" | "all_private_chats" | "all_group_chats" | "all_chat_administrators" => {
            Ok(json!({"type": ty}))
        }
        "chat" | "chat_administrators" => {
            let Some(o) = scope.as_object() else {
                return Err(bad("can't parse BotCommandScope JSON object"));
            };
            let id = chat_id_param(o, "chat_id")?;
            Ok(json!({"type": ty, "chat_id": id}))
        }
        "chat_member" => {
            let Some(o) = scope.as_object() else {
                return Err(bad("can't parse BotCommandScope JSON object"));
            };
            let id = chat_id_param(o, "chat_id")?;
            let user = int_param(o, "user_id")?.ok_or_else(|| bad("user not found"))?;
            Ok(json!({"type": ty, "chat_id": id, "user_id": user}))
        }
        _ => Err(bad("can't parse BotCommandScope JSON object")),
    }
}

// ---------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The bot's own `User` object.
pub fn bot_user_json() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME})
}

/// A `Chat` object: private for positive ids, supergroup for negative ones.
pub fn chat_json(chat_id: i64) -> Value {
    if chat_id < 0 {
        json!({"id": chat_id, "type": "supergroup", "title": "Village group"})
    } else {
        json!({"id": chat_id, "type": "private", "first_name": "User"})
    }
}

fn blocked_err(chat_id: i64) -> ApiErr {
    if chat_id < 0 {
        api_err(403, "Forbidden: bot was kicked from the supergroup chat")
    } else {
        api_err(403, "Forbidden: bot was blocked by the user")
    }
}

fn dispatch(st: &mut St, canon: &str, p: &Map<String, Value>, peer: SocketAddr) -> ApiResult {
    match canon {
        "GetMe" => Ok(json!({
            "id": BOT_ID,
            "is_bot": true,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": true,
            "can_read_all_group_messages": false,
            "supports_inline_queries": false,
            "can_connect_to_business": false,
            "has_main_web_app": false,
        })),
        "GetWebhookInfo" => Ok(json!({
            "url": st.webhook.as_ref().map(|w| w.0.clone()).unwrap_or_default(),
            "has_custom_certificate": false,
            "pending_update_count": st.updates.len(),
        })),
        "DeleteWebhook" => {
            if bool_param(p, "drop_pending_updates") {
                st.updates.clear();
            }
            st.webhook = None;
            Ok(json!(true))
        }
        "SetWebhook" => {
            let url = str_param(p, "url")?.unwrap_or_default();
            if url.is_empty() {
                st.webhook = None;
                return Ok(json!(true));
            }
            if !url.starts_with("https://") {
                return Err(bad(
                    "bad webhook: An HTTPS URL must be provided for webhook",
                ));
            }
            let secret = str_param(p, "secret_token")?.unwrap_or_default();
            if secret.len() > 256
                || !secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return Err(bad("secret token contains unallowed characters"));
            }
            let max = match p.get("max_connections") {
                Some(Value::String(v)) => v
                    .parse()
                    .map_err(|_| bad("bad webhook: max_connections is not a number"))?,
                Some(v) => v
                    .as_u64()
                    .ok_or_else(|| bad("bad webhook: max_connections is not a number"))?,
                None => 40,
            };
            if !(1..=100).contains(&max) {
                return Err(bad(
                    "bad webhook: max_connections must be between 1 and 100",
                ));
            }
            st.webhook = Some((url, secret, max));
            Ok(json!(true))
        }
        "SendMessage" | "CopyMessage" | "ForwardMessage" | "SendVoice" | "SendPhoto" => {
            send(st, canon, p, peer)
        }
        "EditMessageText" | "EditMessageReplyMarkup" => edit(st, canon, p),
        "AnswerCallbackQuery" => answer_callback(st, p),
        "SetMyCommands" => set_my_commands(st, p),
        "DeleteMyCommands" => {
            let scope = scope_param(p)?;
            let lang = lang_param(p)?;
            st.commands.retain(|(s, l, _)| !(*s == scope && *l == lang));
            Ok(json!(true))
        }
        "GetMyCommands" => {
            let scope = scope_param(p)?;
            let lang = lang_param(p)?;
            Ok(st
                .commands
                .iter()
                .find(|(s, l, _)| *s == scope && *l == lang)
                .map(|(_, _, c)| c.clone())
                .unwrap_or_else(|| json!([])))
        }
        "SetMyDescription" => set_bot_text(st, p, "description", 512),
        "SetMyShortDescription" => set_bot_text(st, p, "short_description", 120),
        "SetMyName" => set_bot_text(st, p, "name", 64),
        "GetMyDescription" | "GetMyShortDescription" | "GetMyName" => {
            let kind = match canon {
                "GetMyDescription" => "description",
                "GetMyShortDescription" => "short_description",
                _ => "name",
            };
            let lang = lang_param(p)?;
            let v = st
                .bot_texts
                .get(&(kind.to_string(), lang))
                .cloned()
                .unwrap_or_default();
            Ok(json!({ kind: v }))
        }
        "SendChatAction" => {
            let chat_id = chat_id_param(p, "chat_id")?;
            let action = str_param(p, "action")?.unwrap_or_default();
            if !CHAT_ACTIONS.contains(&action.as_str()) {
                return Err(bad("wrong parameter action in request"));
            }
            if st.blocked.contains(&chat_id) {
                return Err(blocked_err(chat_id));
            }
            st.chat_actions.push((chat_id, action));
            Ok(json!(true))
        }
        "DeleteMessage" => {
            let chat_id = chat_id_param(p, "chat_id")?;
            let message_id = message_id_param(p, "message_id")?;
            if st.messages.remove(&(chat_id, message_id)).is_none() {
                return Err(bad("message to delete not found"));
            }
            st.deleted.push((chat_id, message_id));
            Ok(json!(true))
        }
        "SetChatMenuButton" | "LogOut" | "Close" => Ok(json!(true)),
        _ => Err(api_err(404, "Not Found: method not found")),
    }
}

fn set_bot_text(st: &mut St, p: &Map<String, Value>, kind: &str, max: usize) -> ApiResult {
    let text = str_param(p, kind)?.unwrap_or_default();
    if text.chars().count() > max {
        return Err(bad(format!("{} is too long", kind.replace('_', " "))));
    }
    let lang = lang_param(p)?;
    if text.is_empty() {
        st.bot_texts.remove(&(kind.to_string(), lang));
    } else {
        st.bot_texts.insert((kind.to_string(), lang), text);
    }
    Ok(json!(true))
}

fn set_my_commands(st: &mut St, p: &Map<String, Value>) -> ApiResult {
    let cmds = match json_param(p, "commands") {
        Ok(Some(Value::Array(a))) => a,
        Ok(None) => return Err(bad("parameter \"commands\" is required")),
        _ => return Err(bad("can't parse commands JSON object")),
    };
    if cmds.is_empty() {
        return Err(bad("commands must be non-empty"));
    }
    if cmds.len() > 100 {
        return Err(bad("too many commands"));
    }
    let mut norm = Vec::with_capacity(cmds.len());
    for c in &cmds {
        let (Some(cmd), Some(desc)) = (
            c.get("command").and_then(Value::as_str),
            c.get("description").and_then(Value::as_str),
        ) else {
            return Err(bad("can't parse BotCommand JSON object"));
        };
        let n = cmd.chars().count();
        if !(1..=32).contains(&n)
            || !cmd
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(bad("BOT_COMMAND_INVALID"));
        }
        let d = desc.trim().chars().count();
        if !(1..=256).contains(&d) || desc.chars().count() > 256 {
            return Err(bad("BOT_COMMAND_DESCRIPTION_INVALID"));
        }
        norm.push(json!({"command": cmd, "description": desc}));
    }
    let scope = scope_param(p)?;
    let lang = lang_param(p)?;
    let list = Value::Array(norm);
    match st
        .commands
        .iter_mut()
        .find(|(s, l, _)| *s == scope && *l == lang)
    {
        Some(entry) => entry.2 = list,
        None => st.commands.push((scope, lang, list)),
    }
    Ok(json!(true))
}

fn answer_callback(st: &mut St, p: &Map<String, Value>) -> ApiResult {
    let id = str_param(p, "callback_query_id")?.unwrap_or_default();
    if id.is_empty() {
        return Err(bad("parameter \"callback_query_id\" is required"));
    }
    if let Some(text) = str_param(p, "text")? {
        if text.chars().count() > 200 {
            return Err(bad("MESSAGE_TOO_LONG"));
        }
    }
    if !st.callbacks_known.contains(&id) || st.callbacks_answered.contains(&id) {
        return Err(bad(QUERY_INVALID));
    }
    st.callbacks_answered.insert(id);
    st.answered.push(Value::Object(p.clone()));
    Ok(json!(true))
}

/// Validates `text` under `parse_mode`; returns the plain text.
fn check_text(text: &str, parse_mode: Option<&str>, has_entities: bool) -> Result<String, String> {
    let mode = parse_mode.unwrap_or("").to_ascii_lowercase();
    if has_entities {
        return Ok(text.to_string());
    }
    match mode.as_str() {
        "" => Ok(text.to_string()),
        "markdownv2" => parse_markdown_v2(text).map_err(|e| format!("can't parse entities: {e}")),
        "markdown" => parse_markdown_v1(text).map_err(|e| format!("can't parse entities: {e}")),
        "html" => parse_html(text).map_err(|e| format!("can't parse entities: {e}")),
        _ => Err("unsupported parse_mode".to_string()),
    }
}

fn entities_param(p: &Map<String, Value>, key: &str) -> Result<Option<Value>, ApiErr> {
    match json_param(p, key) {
        Ok(None) => Ok(None),
        Ok(Some(v @ Value::Array(_))) => Ok(Some(v)),
        _ => Err(bad(format!("can't parse {key} JSON object"))),
    }
}

/// Parsed reply markup: `(value, is_inline)`.
fn markup_param(
    p: &Map<String, Value>,
    inline_only: bool,
) -> Result<Option<(Value, bool)>, ApiErr> {
    let markup = match json_param(p, "reply_markup") {
        Ok(None) => return Ok(None),
        Ok(Some(v @ Value::Object(_))) => v,
        _ => return Err(bad("can't parse reply keyboard markup JSON object")),
    };
    let inline = check_markup(&markup)?;
    if inline_only && !inline {
        return Err(bad("inline keyboard expected"));
    }
    Ok(Some((markup, inline)))
}

/// Returns whether the markup is an inline keyboard.
fn check_markup(m: &Value) -> Result<bool, ApiErr> {
    let parse_err = || bad("can't parse reply keyboard markup JSON object");
    if let Some(rows) = m.get("inline_keyboard") {
        let rows = rows.as_array().ok_or_else(|| {
            bad("can't parse inline keyboard button: field \"inline_keyboard\" must be an Array")
        })?;
        let mut total = 0;
        for row in rows {
            let row = row.as_array().ok_or_else(|| {
                bad("can't parse inline keyboard button: InlineKeyboardButton row must be an Array")
            })?;
            for b in row {
                total += 1;
                check_inline_button(b)?;
            }
        }
        if total > 100 {
            return Err(bad("reply markup is too long"));
        }
        Ok(true)
    } else if let Some(rows) = m.get("keyboard") {
        let rows = rows.as_array().ok_or_else(parse_err)?;
        let mut total = 0;
        for row in rows {
            for b in row.as_array().ok_or_else(parse_err)? {
                total += 1;
                let text = match b {
                    Value::String(s) => s.as_str(),
                    Value::Object(o) => o.get("text").and_then(Value::as_str).ok_or_else(|| {
                        bad("can't parse keyboard button: field \"text\" must be of type String")
                    })?,
                    _ => return Err(bad(
                        "can't parse keyboard button: KeyboardButton must be a String or an Object",
                    )),
                };
                if text.trim().is_empty() {
                    return Err(bad("keyboard button text is empty"));
                }
            }
        }
        if total > 300 {
            return Err(bad("reply markup is too long"));
        }
        Ok(false)
    } else if m.get("remove_keyboard").and_then(Value::as_bool) == Some(true)
        || m.get("force_reply").and_then(Value::as_bool) == Some(true)
    {
        Ok(false)
    } else {
        Err(parse_err())
    }
}

fn check_inline_button(b: &Value) -> Result<(), ApiErr> {
    let o = b.as_object().ok_or_else(|| {
        bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    })?;
    let text = o.get("text").and_then(Value::as_str).ok_or_else(|| {
        bad("can't parse inline keyboard button: field \"text\" must be of type String")
    })?;
    if text.trim().is_empty() {
        return Err(bad("BUTTON_TEXT_INVALID"));
    }
    let actions: Vec<&str> = BUTTON_ACTIONS
        .iter()
        .copied()
        .filter(|k| o.contains_key(*k))
        .collect();
    match actions.len() {
        0 => return Err(bad("text buttons are unallowed in the inline keyboard")),
        1 => {}
        _ => return Err(bad(format!("can't parse inline keyboard button: exactly one of the optional fields must be used, found {}", actions.join(", ")))),
    }
    if let Some(d) = o.get("callback_data") {
        match d.as_str() {
            Some(s) if !s.is_empty() && s.len() <= 64 => {}
            _ => return Err(bad("BUTTON_DATA_INVALID")),
        }
    }
    if let Some(u) = o.get("url") {
        let s = u.as_str().unwrap_or("");
        let lower = s.to_ascii_lowercase();
        let ok = ["http://", "https://", "tg://"]
            .iter()
            .any(|p| lower.starts_with(p) && lower.len() > p.len())
            && !s.chars().any(char::is_whitespace);
        if !ok {
            return Err(bad(format!(
                "inline keyboard button URL '{s}' is invalid: Wrong HTTP URL"
            )));
        }
    }
    Ok(())
}

fn content_of(text: Option<&str>, entities: &Option<Value>) -> Map<String, Value> {
    let mut c = Map::new();
    if let Some(t) = text {
        c.insert("text".into(), json!(t));
        if let Some(e) = entities {
            c.insert("entities".into(), e.clone());
        }
    }
    c
}

fn message_json(
    message_id: i64,
    chat_id: i64,
    date: i64,
    from: &Value,
    content: &Map<String, Value>,
    markup: &Option<Value>,
) -> Value {
    let mut m = Map::new();
    m.insert("message_id".into(), json!(message_id));
    m.insert("from".into(), from.clone());
    m.insert("chat".into(), chat_json(chat_id));
    m.insert("date".into(), json!(date));
    for (k, v) in content {
        m.insert(k.clone(), v.clone());
    }
    if let Some(mk) = markup {
        m.insert("reply_markup".into(), mk.clone());
    }
    Value::Object(m)
}

fn record_sent(st: &mut St, s: Sent) {
    let idx = st.sent.len();
    st.by_chat.entry(s.chat_id).or_default().push(idx);
    st.sent.push(s);
}

/// Flood window: sends during an unexpired retry_after get 429 again.
fn flood_gate(st: &mut St, now: Instant, peer: SocketAddr) -> Result<(), ApiErr> {
    let Some(f) = st.flood else { return Ok(()) };
    if now >= f.until {
        st.flood = None;
        return Ok(());
    }
    let in_flight = peer != f.last_peer && now.duration_since(f.last_at) < IN_FLIGHT_GRACE;
    if !in_flight {
        st.early += 1;
    }
    let left = f.until.duration_since(now);
    let secs = left.as_secs() as u32 + u32::from(left.subsec_nanos() > 0);
    Err(too_many(secs.max(1)))
}

/// Rolling one-second send window.
fn rate_gate(st: &mut St, now: Instant, peer: SocketAddr) -> Result<(), ApiErr> {
    let Some(limit) = st.rate else { return Ok(()) };
    while st
        .window
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
    {
        st.window.pop_front();
    }
    if st.window.len() >= limit as usize {
        st.flood = Some(Flood {
            until: now + Duration::from_secs(1),
            last_at: now,
            last_peer: peer,
        });
        return Err(too_many(1));
    }
    st.window.push_back(now);
    Ok(())
}

/// `reply_parameters` (or the legacy `reply_to_message_id`) must name a known message
/// unless `allow_sending_without_reply` is set.
fn check_reply_target(st: &St, p: &Map<String, Value>, chat_id: i64) -> Result<(), ApiErr> {
    let rp = json_param(p, "reply_parameters")
        .map_err(|_| bad("can't parse reply parameters JSON object"))?;
    let (target, allow) = match &rp {
        Some(Value::Object(o)) => {
            let Some(mid) = int_param(o, "message_id")? else {
                return Err(bad("message to be replied not found"));
            };
            let chat = match o.get("chat_id") {
                None | Some(Value::Null) => chat_id,
                Some(_) => chat_id_param(o, "chat_id")?,
            };
            (
                Some((chat, mid)),
                bool_param(o, "allow_sending_without_reply"),
            )
        }
        Some(_) => return Err(bad("can't parse reply parameters JSON object")),
        None => (
            int_param(p, "reply_to_message_id")?.map(|m| (chat_id, m)),
            bool_param(p, "allow_sending_without_reply"),
        ),
    };
    match target {
        Some(key) if !allow && !st.messages.contains_key(&key) => {
            Err(bad("message to be replied not found"))
        }
        _ => Ok(()),
    }
}

fn media_param(p: &Map<String, Value>, key: &str, n: i64) -> Result<String, ApiErr> {
    match p.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::Object(o)) if o.contains_key("_upload") => Ok(format!("fake-{key}-{n}")),
        Some(Value::String(s)) if s.starts_with("attach://") => Ok(format!("fake-{key}-{n}")),
        _ => Err(bad(format!("there is no {key} in the request"))),
    }
}

fn send(st: &mut St, canon: &str, p: &Map<String, Value>, peer: SocketAddr) -> ApiResult {
    let now = Instant::now();
    let chat_id = chat_id_param(p, "chat_id")?;
    flood_gate(st, now, peer)?;
    check_reply_target(st, p, chat_id)?;

    let parse_mode = str_param(p, "parse_mode")?.filter(|s| !s.is_empty());
    let markup = markup_param(p, false)?;
    let (text, plain, entities, content, copy_result) = match canon {
        "SendMessage" => {
            let text = str_param(p, "text")?.unwrap_or_default();
            let entities = entities_param(p, "entities")?;
            let plain =
                check_text(&text, parse_mode.as_deref(), entities.is_some()).map_err(bad)?;
            if plain.trim().is_empty() {
                return Err(bad("message text is empty"));
            }
            if plain.chars().count() > MAX_TEXT_CHARS {
                return Err(bad("message is too long"));
            }
            let content = content_of(Some(&plain), &entities);
            (text, plain, entities, content, false)
        }
        "CopyMessage" | "ForwardMessage" => {
            let from_chat = chat_id_param(p, "from_chat_id")?;
            let src_id = message_id_param(p, "message_id")?;
            let Some(src) = st.messages.get(&(from_chat, src_id)) else {
                return Err(bad(if canon == "CopyMessage" {
                    "message to copy not found"
                } else {
                    "message to forward not found"
                }));
            };
            let mut content = src.content.clone();
            if canon == "ForwardMessage" {
                content.insert(
                    "forward_origin".into(),
                    json!({"type": "user", "sender_user": src.from, "date": src.date}),
                );
            }
            let entities = entities_param(p, "caption_entities")?;
            if canon == "CopyMessage" {
                if let Some(caption) = str_param(p, "caption")? {
                    let plain = check_text(&caption, parse_mode.as_deref(), entities.is_some())
                        .map_err(bad)?;
                    if plain.chars().count() > MAX_CAPTION_CHARS {
                        return Err(bad("message caption is too long"));
                    }
                    if !content.contains_key("text") {
                        content.insert("caption".into(), json!(plain));
                    }
                }
            }
            let text = content
                .get("text")
                .or_else(|| content.get("caption"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            (
                text.clone(),
                text,
                entities,
                content,
                canon == "CopyMessage",
            )
        }
        _ => {
            // SendVoice / SendPhoto
            let key = if canon == "SendVoice" {
                "voice"
            } else {
                "photo"
            };
            let file_id = media_param(p, key, st.next_message_id)?;
            let caption = str_param(p, "caption")?.unwrap_or_default();
            let entities = entities_param(p, "caption_entities")?;
            let plain =
                check_text(&caption, parse_mode.as_deref(), entities.is_some()).map_err(bad)?;
            if plain.chars().count() > MAX_CAPTION_CHARS {
                return Err(bad("message caption is too long"));
            }
            let mut content = Map::new();
            let uniq = format!("uniq-{}", st.next_message_id);
            if key == "voice" {
                let duration = int_param(p, "duration")?.unwrap_or(1).max(0);
                content.insert(
                    "voice".into(),
                    json!({"file_id": file_id, "file_unique_id": uniq, "duration": duration, "mime_type": "audio/ogg", "file_size": 1024}),
                );
            } else {
                content.insert(
                    "photo".into(),
                    json!([{"file_id": file_id, "file_unique_id": uniq, "width": 90, "height": 90, "file_size": 1024}]),
                );
            }
            if !plain.is_empty() {
                content.insert("caption".into(), json!(plain));
                if let Some(e) = &entities {
                    content.insert("caption_entities".into(), e.clone());
                }
            }
            (caption, plain, entities, content, false)
        }
    };

    if st.blocked.contains(&chat_id) {
        return Err(blocked_err(chat_id));
    }
    rate_gate(st, now, peer)?;

    let message_id = st.next_message_id;
    st.next_message_id += 1;
    let date = unix_now();
    let inline_markup = markup
        .as_ref()
        .filter(|(_, inline)| *inline)
        .map(|(m, _)| m.clone());
    let from = bot_user_json();
    let result = if copy_result {
        json!({"message_id": message_id})
    } else {
        message_json(message_id, chat_id, date, &from, &content, &inline_markup)
    };
    st.messages.insert(
        (chat_id, message_id),
        Msg {
            from_bot: true,
            content,
            markup: inline_markup,
            from,
            date,
        },
    );
    record_sent(
        st,
        Sent {
            method: canon.to_string(),
            chat_id,
            text,
            plain,
            reply_markup: markup.map(|(m, _)| m),
            parse_mode,
            entities,
            message_id,
            at: now,
            body: Value::Object(p.clone()),
        },
    );
    Ok(result)
}

fn edit(st: &mut St, canon: &str, p: &Map<String, Value>) -> ApiResult {
    let now = Instant::now();
    let parse_mode = str_param(p, "parse_mode")?.filter(|s| !s.is_empty());
    let markup = markup_param(p, true)?.map(|(m, _)| m);
    let (text, plain, entities) = if canon == "EditMessageText" {
        let text = str_param(p, "text")?.unwrap_or_default();
        let entities = entities_param(p, "entities")?;
        let plain = check_text(&text, parse_mode.as_deref(), entities.is_some()).map_err(bad)?;
        if plain.trim().is_empty() {
            return Err(bad("message text is empty"));
        }
        if plain.chars().count() > MAX_TEXT_CHARS {
            return Err(bad("message is too long"));
        }
        (Some(text), Some(plain), entities)
    } else {
        (None, None, None)
    };

    if let Some(inline_id) = str_param(p, "inline_message_id")?.filter(|s| !s.is_empty()) {
        let _ = inline_id;
        record_sent(
            st,
            Sent {
                method: canon.to_string(),
                chat_id: 0,
                text: text.unwrap_or_default(),
                plain: plain.unwrap_or_default(),
                reply_markup: markup,
                parse_mode,
                entities,
                message_id: 0,
                at: now,
                body: Value::Object(p.clone()),
            },
        );
        return Ok(json!(true));
    }

    let chat_id = chat_id_param(p, "chat_id")?;
    let message_id = message_id_param(p, "message_id")?;
    if st.blocked.contains(&chat_id) {
        return Err(blocked_err(chat_id));
    }
    let Some(msg) = st.messages.get_mut(&(chat_id, message_id)) else {
        return Err(bad("message to edit not found"));
    };
    if !msg.from_bot {
        return Err(bad("message can't be edited"));
    }
    if let Some(plain) = &plain {
        let Some(old) = msg.text() else {
            return Err(bad("there is no text in the message to edit"));
        };
        if old == plain && msg.markup == markup && msg.content.get("entities") == entities.as_ref()
        {
            return Err(bad(NOT_MODIFIED));
        }
        msg.content = content_of(Some(plain), &entities);
    } else if msg.markup == markup {
        return Err(bad(NOT_MODIFIED));
    }
    msg.markup = markup.clone();
    let mut result = message_json(
        message_id,
        chat_id,
        msg.date,
        &msg.from,
        &msg.content,
        &msg.markup,
    );
    result["edit_date"] = json!(unix_now());
    let current_text = msg.text().unwrap_or("").to_string();
    record_sent(
        st,
        Sent {
            method: canon.to_string(),
            chat_id,
            text: text.unwrap_or_default(),
            plain: plain.unwrap_or(current_text),
            reply_markup: markup,
            parse_mode,
            entities,
            message_id,
            at: now,
            body: Value::Object(p.clone()),
        },
    );
    Ok(result)
}

/// Remembers messages and callback ids carried by a pushed update.
fn register_update(st: &mut St, u: &Value) {
    const CONTENT_KEYS: &[&str] = &[
        "text",
        "entities",
        "caption",
        "caption_entities",
        "voice",
        "photo",
        "sticker",
        "document",
        "audio",
        "video",
        "location",
        "contact",
    ];
    let remember = |st: &mut St, m: &Value, overwrite: bool| {
        let (Some(chat_id), Some(message_id)) = (
            m.pointer("/chat/id").and_then(Value::as_i64),
            m.get("message_id").and_then(Value::as_i64),
        ) else {
            return;
        };
        if !overwrite && st.messages.contains_key(&(chat_id, message_id)) {
            return;
        }
        let from = m.get("from").cloned().unwrap_or(Value::Null);
        let from_bot = from.get("id").and_then(Value::as_i64) == Some(BOT_ID);
        let mut content = Map::new();
        for k in CONTENT_KEYS {
            if let Some(v) = m.get(*k) {
                content.insert((*k).to_string(), v.clone());
            }
        }
        let markup = m.get("reply_markup").cloned();
        let date = m.get("date").and_then(Value::as_i64).unwrap_or(0);
        st.messages.insert(
            (chat_id, message_id),
            Msg {
                from_bot,
                content,
                markup,
                from,
                date,
            },
        );
    };
    for key in ["message", "edited_message", "channel_post"] {
        if let Some(m) = u.get(key) {
            remember(st, m, true);
        }
    }
    if let Some(cq) = u.get("callback_query") {
        if let Some(id) = cq.get("id").and_then(Value::as_str) {
            st.callbacks_known.insert(id.to_string());
        }
        if let Some(m) = cq.get("message") {
            remember(st, m, false);
        }
    }
}

async fn get_updates(sh: &Arc<Shared>, p: &Map<String, Value>) -> ApiResult {
    let offset = int_param(p, "offset")?.unwrap_or(0);
    let limit = int_param(p, "limit")?.unwrap_or(100).clamp(1, 100) as usize;
    let timeout = int_param(p, "timeout")?.unwrap_or(0).clamp(0, 3600) as u64;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    let my_gen = {
        let mut st = sh.lock();
        st.poll_gen += 1;
        if offset > 0 {
            st.updates.retain(|(id, _, _)| *id >= offset);
            st.confirmed = st.confirmed.max(offset);
        } else if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            while st.updates.len() > keep {
                st.updates.pop_front();
            }
        }
        st.poll_gen
    };
    // Terminate any older long poll (the real API answers it with 409).
    sh.updates.notify_waiters();
    sh.changed.notify_waiters();
    loop {
        let notified = sh.updates.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut st = sh.lock();
            if st.poll_gen != my_gen {
                return Err(api_err(409, CONFLICT));
            }
            let mut batch = Vec::new();
            let mut once = Vec::new();
            for (i, (id, u, deliver_once)) in st.updates.iter().enumerate() {
                if batch.len() >= limit {
                    break;
                }
                if offset > 0 && *id < offset {
                    continue;
                }
                batch.push(u.clone());
                if *deliver_once {
                    once.push(i);
                }
            }
            if !batch.is_empty()
                || tokio::time::Instant::now() >= deadline
                || sh.shut.load(Ordering::SeqCst)
            {
                for i in once.into_iter().rev() {
                    st.updates.remove(i);
                }
                return Ok(Value::Array(batch));
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

// ---------------------------------------------------------------------------------------
// Entity parsers (modelled on TDLib's parse_markdown_v2 / parse_markdown / parse_html)
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Md {
    Bold,
    Italic,
    Underline,
    Strike,
    Spoiler,
    Code,
    Pre,
    PreCode,
    TextUrl,
    CustomEmoji,
}

fn md_name(t: Md) -> &'static str {
    match t {
        Md::Bold => "Bold",
        Md::Italic => "Italic",
        Md::Underline => "Underline",
        Md::Strike => "Strikethrough",
        Md::Spoiler => "Spoiler",
        Md::Code => "Code",
        Md::Pre => "Pre",
        Md::PreCode => "PreCode",
        Md::TextUrl => "TextUrl",
        Md::CustomEmoji => "CustomEmoji",
    }
}

fn reserved_err(c: u8) -> String {
    format!(
        "Character '{}' is reserved and must be escaped with the preceding '\\'",
        c as char
    )
}

/// MarkdownV2 → plain text, or TDLib's error message.
pub fn parse_markdown_v2(text: &str) -> Result<String, String> {
    let b = text.as_bytes();
    let len = b.len();
    let at = |i: usize| -> u8 { b.get(i).copied().unwrap_or(0) };
    let mut out: Vec<u8> = Vec::with_capacity(len);
    let mut stack: Vec<(Md, usize)> = Vec::new();
    let mut in_quote = false;
    let mut i = 0usize;
    while i < len {
        let c = b[i];
        if c == b'\\' && at(i + 1) > 0 && at(i + 1) <= 126 {
            out.push(at(i + 1));
            i += 2;
            continue;
        }
        let line_start = i == 0 || b[i - 1] == b'\n';
        if line_start && stack.is_empty() {
            if c == b'>' {
                in_quote = true;
                i += 1;
                continue;
            }
            if c == b'*' && at(i + 1) == b'*' && at(i + 2) == b'>' {
                in_quote = true;
                i += 3;
                continue;
            }
            if c != b'>' {
                in_quote = false;
            }
        }
        // "||" closing an expandable blockquote line
        if in_quote
            && c == b'|'
            && at(i + 1) == b'|'
            && (at(i + 2) == b'\n' || i + 2 == len)
            && stack.last().map(|e| e.0) != Some(Md::Spoiler)
        {
            i += 2;
            continue;
        }
        let top = stack.last().map(|e| e.0);
        let reserved: &[u8] = match top {
            Some(Md::Code | Md::Pre | Md::PreCode) => b"`",
            _ => b"_*[]()~`>#+-=|{}.!",
        };
        if !reserved.contains(&c) {
            out.push(c);
            i += 1;
            continue;
        }
        let is_end = match top {
            None => false,
            Some(Md::Bold) => c == b'*',
            Some(Md::Italic) => c == b'_' && at(i + 1) != b'_',
            Some(Md::Code) => c == b'`',
            Some(Md::Pre | Md::PreCode) => c == b'`' && at(i + 1) == b'`' && at(i + 2) == b'`',
            Some(Md::TextUrl | Md::CustomEmoji) => c == b']',
            Some(Md::Underline) => c == b'_' && at(i + 1) == b'_',
            Some(Md::Strike) => c == b'~',
            Some(Md::Spoiler) => c == b'|' && at(i + 1) == b'|',
        };
        if !is_end {
            let begin = i;
            let t = match c {
                b'_' if at(i + 1) == b'_' => {
                    i += 1;
                    Md::Underline
                }
                b'_' => Md::Italic,
                b'*' => Md::Bold,
                b'~' => Md::Strike,
                b'|' if at(i + 1) == b'|' => {
                    i += 1;
                    Md::Spoiler
                }
                b'[' => Md::TextUrl,
                b'`' if at(i + 1) == b'`' && at(i + 2) == b'`' => {
                    i += 3;
                    let mut t = Md::Pre;
                    let mut lang_end = i;
                    while lang_end < len
                        && !b[lang_end].is_ascii_whitespace()
                        && b[lang_end] != b'`'
                    {
                        lang_end += 1;
                    }
                    if i != lang_end && lang_end < len && b[lang_end] != b'`' {
                        t = Md::PreCode;
                        i = lang_end;
                    }
                    if at(i) == b'\n' || at(i) == b'\r' {
                        if (at(i + 1) == b'\n' || at(i + 1) == b'\r') && at(i) != at(i + 1) {
                            i += 2;
                        } else {
                            i += 1;
                        }
                    }
                    i -= 1;
                    t
                }
                b'`' => Md::Code,
                b'!' if at(i + 1) == b'[' => {
                    i += 1;
                    Md::CustomEmoji
                }
                _ => return Err(reserved_err(c)),
            };
            stack.push((t, begin));
            i += 1;
        } else {
            let Some((t, _)) = stack.pop() else {
                return Err(reserved_err(c));
            };
            match t {
                Md::Underline | Md::Spoiler => i += 1,
                Md::Pre | Md::PreCode => i += 2,
                Md::TextUrl | Md::CustomEmoji => {
                    if at(i + 1) == b'(' {
                        i += 2;
                        let url_begin = i;
                        let mut url = Vec::new();
                        while i < len && b[i] != b')' {
                            if b[i] == b'\\' && at(i + 1) > 0 && at(i + 1) <= 126 {
                                url.push(b[i + 1]);
                                i += 2;
                                continue;
                            }
                            url.push(b[i]);
                            i += 1;
                        }
                        if i >= len {
                            return Err(format!(
                                "Can't find end of a URL at byte offset {url_begin}"
                            ));
                        }
                        if t == Md::CustomEmoji && !url.starts_with(b"tg://emoji?id=") {
                            return Err(
                                "Custom emoji entity must contain a tg://emoji URL".to_string()
                            );
                        }
                    } else if t == Md::CustomEmoji {
                        return Err("Custom emoji entity must contain a tg://emoji URL".to_string());
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    if let Some((t, off)) = stack.last() {
        return Err(format!(
            "Can't find end of {} entity at byte offset {off}",
            md_name(*t)
        ));
    }
    String::from_utf8(out).map_err(|_| "Strings must be encoded in UTF-8".to_string())
}

/// Legacy Markdown → plain text, or TDLib's error message.
pub fn parse_markdown_v1(text: &str) -> Result<String, String> {
    let b = text.as_bytes();
    let len = b.len();
    let at = |i: usize| -> u8 { b.get(i).copied().unwrap_or(0) };
    let mut out: Vec<u8> = Vec::with_capacity(len);
    let mut i = 0usize;
    while i < len {
        let c = b[i];
        if c == b'\\' && matches!(at(i + 1), b'_' | b'*' | b'`' | b'[') {
            out.push(at(i + 1));
            i += 2;
            continue;
        }
        if !matches!(c, b'_' | b'*' | b'`' | b'[') {
            out.push(c);
            i += 1;
            continue;
        }
        let begin = i;
        let end_char = if c == b'[' { b']' } else { c };
        i += 1;
        let mut is_pre = false;
        if c == b'`' && at(i) == b'`' && at(i + 1) == b'`' {
            is_pre = true;
            i += 2;
        }
        while i < len && (b[i] != end_char || (is_pre && !(at(i + 1) == b'`' && at(i + 2) == b'`')))
        {
            out.push(b[i]);
            i += 1;
        }
        if i >= len {
            return Err(format!(
                "Can't find end of the entity starting at byte offset {begin}"
            ));
        }
        i += if is_pre { 3 } else { 1 };
        if c == b'[' && at(i) == b'(' {
            while i < len && b[i] != b')' {
                i += 1;
            }
            if i >= len {
                return Err(format!(
                    "Can't find end of the entity starting at byte offset {begin}"
                ));
            }
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "Strings must be encoded in UTF-8".to_string())
}

const HTML_TAGS: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "strike",
    "del",
    "u",
    "ins",
    "tg-spoiler",
    "tg-emoji",
    "span",
    "pre",
    "code",
    "blockquote",
];

/// Decodes an HTML entity at the start of `s` (which begins with '&').
fn decode_html_entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    if end > 12 {
        return None;
    }
    let name = &s[1..end];
    let ch = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            if code == 0 {
                return None;
            }
            char::from_u32(code)?
        }
    };
    Some((ch, end + 1))
}

/// HTML → plain text, or an error in TDLib's wording. Stricter than TDLib on one point
/// (as the Bot API documentation demands): a bare '&' is rejected.
pub fn parse_html(text: &str) -> Result<String, String> {
    let b = text.as_bytes();
    let len = b.len();
    let mut out = String::with_capacity(len);
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0usize;
    let mut run = 0usize; // start of a run of ordinary bytes
    while i < len {
        let c = b[i];
        if c != b'&' && c != b'<' {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        if c == b'&' {
            match decode_html_entity(&text[i..]) {
                Some((ch, n)) => {
                    out.push(ch);
                    i += n;
                    run = i;
                    continue;
                }
                None => {
                    return Err(format!(
                        "Character '&' at byte offset {i} must be escaped as \"&amp;\" (no HTML entity found)"
                    ))
                }
            }
        }
        // '<'
        let begin = i;
        i += 1;
        if b.get(i) == Some(&b'/') {
            i += 1;
            let name_start = i;
            while i < len && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                i += 1;
            }
            let name = text[name_start..i].to_ascii_lowercase();
            while i < len && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= len || b[i] != b'>' {
                return Err(format!("Unclosed end tag at byte offset {begin}"));
            }
            let Some(open) = stack.pop() else {
                return Err(format!("Unexpected end tag at byte offset {begin}"));
            };
            if open != name {
                return Err(format!(
                    "Unmatched end tag at byte offset {begin}, expected \"</{open}>\", found \"</{name}>\""
                ));
            }
            i += 1;
            run = i;
            continue;
        }
        let name_start = i;
        while i < len && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            i += 1;
        }
        if i >= len {
            return Err(format!("Unclosed start tag at byte offset {begin}"));
        }
        let tag = text[name_start..i].to_ascii_lowercase();
        if !HTML_TAGS.contains(&tag.as_str()) {
            return Err(format!(
                "Unsupported start tag \"{tag}\" at byte offset {begin}"
            ));
        }
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            while i < len && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= len {
                return Err(format!("Unclosed start tag at byte offset {begin}"));
            }
            if b[i] == b'>' {
                break;
            }
            let an_start = i;
            while i < len && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let attr = text[an_start..i].to_ascii_lowercase();
            if attr.is_empty() {
                return Err(format!(
                    "Empty attribute name in the tag \"{tag}\" at byte offset {begin}"
                ));
            }
            while i < len && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= len || b[i] != b'=' {
                if tag == "blockquote" && attr == "expandable" {
                    attrs.push((attr, String::new()));
                    continue;
                }
                return Err(format!(
                    "Expected equal sign in declaration of an attribute of the tag \"{tag}\" at byte offset {begin}"
                ));
            }
            i += 1;
            while i < len && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= len {
                return Err(format!("Unclosed start tag at byte offset {begin}"));
            }
            let value = if b[i] == b'"' || b[i] == b'\'' {
                let q = b[i];
                i += 1;
                let v_start = i;
                while i < len && b[i] != q {
                    i += 1;
                }
                if i >= len {
                    return Err(format!(
                        "Unclosed end of an attribute value at byte offset {v_start}"
                    ));
                }
                let raw = &text[v_start..i];
                i += 1;
                decode_attr(raw)?
            } else {
                let v_start = i;
                while i < len && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'-') {
                    i += 1;
                }
                if i == v_start {
                    return Err(format!("Expected quotes in declaration of an attribute of the tag \"{tag}\" at byte offset {begin}"));
                }
                text[v_start..i].to_string()
            };
            attrs.push((attr, value));
        }
        let attr = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        match tag.as_str() {
            "span" if attr("class") != Some("tg-spoiler") => {
                return Err("Tag \"span\" must have class \"tg-spoiler\"".to_string());
            }
            "tg-emoji" if attr("emoji-id").is_none_or(|v| v.is_empty()) => {
                return Err(
                    "Custom emoji entity must contain a valid custom emoji identifier".to_string(),
                );
            }
            _ => {}
        }
        stack.push(tag);
        i += 1; // '>'
        run = i;
    }
    out.push_str(&text[run..]);
    if let Some(t) = stack.last() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{t}\""
        ));
    }
    Ok(out)
}

fn decode_attr(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        match decode_html_entity(&rest[p..]) {
            Some((ch, n)) => {
                out.push(ch);
                rest = &rest[p + n..];
            }
            None => {
                out.push('&');
                rest = &rest[p + 1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Update builders (realistic enough for teloxide-core 0.13 to parse)
// ---------------------------------------------------------------------------------------

/// `language_code` of the users in the builders unless told otherwise: "en", which is
/// what most Tibetan and Uyghur users arrive with (Telegram has no app language for
/// them). Use the `*_lang` builders for another one or none.
pub const DEFAULT_LANGUAGE_CODE: &str = "en";

static USER_MSG_SEQ: AtomicI64 = AtomicI64::new(1_000_000);
static CALLBACK_SEQ: AtomicU64 = AtomicU64::new(1);

/// A fresh message id for user messages (1 000 000 and up; bot messages start at 1).
pub fn next_user_message_id() -> i64 {
    USER_MSG_SEQ.fetch_add(1, Ordering::Relaxed)
}

/// A private-chat user (`id` = chat id) with an optional `language_code`.
pub fn user_json(id: i64, lang: Option<&str>) -> Value {
    let mut u =
        json!({"id": id, "is_bot": false, "first_name": "User", "username": format!("user{id}")});
    if let Some(l) = lang {
        u["language_code"] = json!(l);
    }
    u
}

/// `bot_command` entity for a text starting with "/cmd" or "/cmd@bot", like Telegram adds.
pub fn command_entities(text: &str) -> Option<Value> {
    let rest = text.strip_prefix('/')?;
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if name_len == 0 || name_len > 64 {
        return None;
    }
    let mut end = 1 + name_len;
    if let Some(after) = text[end..].strip_prefix('@') {
        let bot_len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if bot_len > 0 {
            end += 1 + bot_len;
        }
    }
    let utf16_len = text[..end].encode_utf16().count();
    Some(json!([{"type": "bot_command", "offset": 0, "length": utf16_len}]))
}

fn text_message(chat: Value, from: Value, text: &str) -> Value {
    let mut m = json!({
        "message_id": next_user_message_id(),
        "from": from,
        "chat": chat,
        "date": unix_now(),
        "text": text,
    });
    if let Some(e) = command_entities(text) {
        m["entities"] = e;
    }
    m
}

/// A private text message from user `chat_id` with `language_code`
/// [`DEFAULT_LANGUAGE_CODE`]. A text starting with '/' carries a `bot_command` entity.
pub fn msg_update(chat_id: i64, text: &str) -> Value {
    msg_update_lang(chat_id, text, Some(DEFAULT_LANGUAGE_CODE))
}

/// Like [`msg_update`] with a chosen `language_code` (None = absent).
pub fn msg_update_lang(chat_id: i64, text: &str, lang: Option<&str>) -> Value {
    json!({"message": text_message(chat_json(chat_id), user_json(chat_id, lang), text)})
}

/// A command message (text must start with '/'); carries the `bot_command` entity.
pub fn command_with_entity(chat_id: i64, text: &str) -> Value {
    assert!(
        text.starts_with('/'),
        "command_with_entity: text must start with '/'"
    );
    msg_update(chat_id, text)
}

/// A button press on bot message `message_id` in private chat `chat_id`.
pub fn callback_update(chat_id: i64, data: &str, message_id: i64) -> Value {
    callback_update_lang(chat_id, data, message_id, Some(DEFAULT_LANGUAGE_CODE))
}

pub fn callback_update_lang(
    chat_id: i64,
    data: &str,
    message_id: i64,
    lang: Option<&str>,
) -> Value {
    let n = CALLBACK_SEQ.fetch_add(1, Ordering::Relaxed);
    json!({"callback_query": {
        "id": format!("{}{:08}", chat_id.unsigned_abs(), n),
        "from": user_json(chat_id, lang),
        "message": {
            "message_id": message_id,
            "from": bot_user_json(),
            "chat": chat_json(chat_id),
            "date": unix_now() - 1,
            "text": "…",
        },
        "chat_instance": format!("ci{}", chat_id.unsigned_abs()),
        "data": data,
    }})
}

/// A button press on bot message `message_id` in private chat `chat_id`, but
/// `from` another user (`from_id`): what a forged or relayed callback looks like.
pub fn callback_update_from(chat_id: i64, from_id: i64, data: &str, message_id: i64) -> Value {
    let mut u = callback_update(chat_id, data, message_id);
    u["callback_query"]["from"] = user_json(from_id, Some(DEFAULT_LANGUAGE_CODE));
    u
}

pub fn sticker_update(chat_id: i64) -> Value {
    let mid = next_user_message_id();
    json!({"message": {
        "message_id": mid,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": unix_now(),
        "sticker": {
            "file_id": format!("sticker-{mid}"),
            "file_unique_id": format!("ustk-{mid}"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": false,
            "is_video": false,
            "emoji": "👍",
            "set_name": "FakeStickers",
            "file_size": 20480,
        },
    }})
}

/// A photo without caption from user `chat_id`.
pub fn photo_update(chat_id: i64) -> Value {
    photo_update_with_caption(chat_id, None)
}

pub fn photo_update_with_caption(chat_id: i64, caption: Option<&str>) -> Value {
    let mid = next_user_message_id();
    let mut m = json!({
        "message_id": mid,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": unix_now(),
        "photo": [
            {"file_id": format!("photo-s-{mid}"), "file_unique_id": format!("uph-s-{mid}"), "width": 90, "height": 67, "file_size": 1200},
            {"file_id": format!("photo-m-{mid}"), "file_unique_id": format!("uph-m-{mid}"), "width": 320, "height": 240, "file_size": 15000},
        ],
    });
    if let Some(c) = caption {
        m["caption"] = json!(c);
    }
    json!({ "message": m })
}

pub fn voice_update(chat_id: i64, file_id: &str, duration: u32) -> Value {
    let mid = next_user_message_id();
    json!({"message": {
        "message_id": mid,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": unix_now(),
        "voice": {
            "file_id": file_id,
            "file_unique_id": format!("uvc-{mid}"),
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 4096,
        },
    }})
}

/// The user edited one of their messages (a fresh message id) to `text`.
pub fn edited_message_update(chat_id: i64, text: &str) -> Value {
    edited_message_update_of(chat_id, next_user_message_id(), text)
}

/// The user edited their message `message_id` to `text`.
pub fn edited_message_update_of(chat_id: i64, message_id: i64, text: &str) -> Value {
    let now = unix_now();
    let mut m = json!({
        "message_id": message_id,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": now - 5,
        "edit_date": now,
        "text": text,
    });
    if let Some(e) = command_entities(text) {
        m["entities"] = e;
    }
    json!({ "edited_message": m })
}

/// A message in a supergroup (`group_chat_id` should be negative) from user `from_id`.
pub fn group_message_update(group_chat_id: i64, from_id: i64, text: &str) -> Value {
    json!({"message": text_message(chat_json(group_chat_id), user_json(from_id, Some(DEFAULT_LANGUAGE_CODE)), text)})
}

/// The `my_chat_member` update Telegram sends when the user blocks the bot.
pub fn blocked_by_user_update(chat_id: i64) -> Value {
    json!({"my_chat_member": {
        "chat": chat_json(chat_id),
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "date": unix_now(),
        "old_chat_member": {"user": bot_user_json(), "status": "member"},
        "new_chat_member": {"user": bot_user_json(), "status": "kicked", "until_date": 0},
    }})
}
