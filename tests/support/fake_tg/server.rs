//! The server: binding, the handle tests hold, and routing a request (token, method
//! name in any case, body) to its method; `{"ok":…}` replies with the matching HTTP status.

use super::*;

/// Methods this server implements (canonical teloxide spelling).
pub(super) const METHODS: &[&str] = &[
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

pub(super) struct Handle {
    pub(super) shared: Arc<Shared>,
    pub(super) task: tokio::task::AbortHandle,
    pub(super) addr: SocketAddr,
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
    pub(super) h: Arc<Handle>,
}

impl std::fmt::Debug for FakeTelegram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FakeTelegram({})", self.url())
    }
}

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
}

impl FakeTelegram {
    pub(super) fn sh(&self) -> &Shared {
        &self.h.shared
    }

    pub(super) fn deadline(&self) -> Duration {
        Duration::from_millis(self.sh().deadline_ms.load(Ordering::SeqCst))
    }

    pub(super) fn notify_updates(&self) {
        self.sh().updates.notify_waiters();
        self.sh().changed.notify_waiters();
    }

    pub(super) async fn wait_locked<T>(
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

pub(super) fn ok_response(result: Value) -> Response {
    let body = json!({"ok": true, "result": result});
    (StatusCode::OK, axum::Json(body)).into_response()
}

pub(super) fn err_response(e: &ApiErr) -> Response {
    let mut body = json!({"ok": false, "error_code": e.status, "description": e.desc});
    if let Some(r) = e.retry_after {
        body["parameters"] = json!({"retry_after": r});
    }
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

pub(super) async fn fallback() -> Response {
    err_response(&api_err(404, "Not Found"))
}

pub(super) fn canonical(method: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(method))
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn handle(
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

pub(super) enum Step {
    Done(ApiResult),
    Poll(Map<String, Value>),
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn process(
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
pub(super) fn process_sync(
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
    if let Some((status, retry)) = chat.and_then(|c| take_chat_fail(&mut st, lower, c)) {
        let e = injected(status, retry);
        reject(&mut st, canon, &e, &Value::Object(params));
        return Step::Done(Err(e));
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
