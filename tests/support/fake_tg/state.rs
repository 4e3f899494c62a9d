//! What the server remembers: messages, recordings, queued updates, limits and
//! injected failures, behind one mutex; [`Sent`] and [`Rejected`] are what tests read.

use super::*;

/// One successful outgoing call (send, copy, forward, edit).
#[derive(Clone, Debug)]
pub struct Sent {
    /// Canonical method name, e.g. `"SendMessage"`, `"EditMessageText"`.
    pub method: String,
    /// Target chat (0 for inline-message edits).
    pub chat_id: i64,
    /// Raw `text` (or `caption` for media) as the bot sent it, markup included; "" if none.
    pub text: String,
    /// What the user sees: the same as `text`, since every `parse_mode` is refused.
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
pub(super) struct Msg {
    pub(super) from_bot: bool,
    /// Content fields (text/entities, caption, voice, photo, sticker…).
    pub(super) content: Map<String, Value>,
    pub(super) markup: Option<Value>,
    pub(super) from: Value,
    pub(super) date: i64,
}

impl Msg {
    pub(super) fn text(&self) -> Option<&str> {
        self.content.get("text").and_then(Value::as_str)
    }
}

/// Injected failures: `(status, retry_after, how many)`, in order.
pub(super) type FailQueue = VecDeque<(u16, Option<u32>, usize)>;

#[derive(Debug, Clone, Copy)]
pub(super) struct Flood {
    pub(super) until: Instant,
    pub(super) last_at: Instant,
    pub(super) last_peer: SocketAddr,
}

pub(super) struct St {
    pub(super) next_update_id: i64,
    /// `(update_id or hidden key, update, deliver-once)`.
    pub(super) updates: VecDeque<(i64, Value, bool)>,
    pub(super) confirmed: i64,
    pub(super) poll_gen: u64,
    pub(super) next_message_id: i64,
    pub(super) messages: HashMap<(i64, i64), Msg>,
    pub(super) sent: Vec<Sent>,
    pub(super) by_chat: HashMap<i64, Vec<usize>>,
    pub(super) calls: HashMap<String, usize>,
    pub(super) rejected: Vec<Rejected>,
    pub(super) blocked: HashSet<i64>,
    pub(super) fail: HashMap<String, FailQueue>,
    /// `fail_next_to`: per (method, chat), no flood window.
    pub(super) fail_chat: HashMap<(String, i64), FailQueue>,
    pub(super) rate: Option<u32>,
    pub(super) window: VecDeque<Instant>,
    pub(super) flood: Option<Flood>,
    pub(super) r429: Vec<(Instant, u32, String)>,
    pub(super) early: usize,
    pub(super) commands: Vec<(Value, String, Value)>,
    pub(super) bot_texts: HashMap<(String, String), String>,
    pub(super) callbacks_known: HashSet<String>,
    pub(super) callbacks_answered: HashSet<String>,
    pub(super) answered: Vec<Value>,
    pub(super) chat_actions: Vec<(i64, String)>,
    pub(super) deleted: Vec<(i64, i64)>,
    /// `setWebhook`: (url, secret token, max connections).
    pub(super) webhook: Option<(String, String, u64)>,
}

impl St {
    pub(super) fn new() -> Self {
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

pub(super) struct Shared {
    pub(super) state: Mutex<St>,
    /// Woken on every recorded change (request handled, update pushed…).
    pub(super) changed: Notify,
    /// Woken when updates arrive, a new poller starts or the server shuts down.
    pub(super) updates: Notify,
    pub(super) shut: AtomicBool,
    pub(super) deadline_ms: AtomicU64,
}

impl Shared {
    pub(super) fn lock(&self) -> MutexGuard<'_, St> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
