//! The one Bot API client: every call netplus makes to Telegram goes through
//! [`Client::call`] (replies, staff messages, broadcasts, `getUpdates`, command
//! menus, webhooks). It is hand-made rather than teloxide's `Bot`, because the
//! decisions below need the HTTP status and `parameters` that teloxide's
//! `RequestError` drops (a 500 there is an `ApiError::Unknown`, like a 400).
//!
//! One error type ([`ApiError`]), one classification ([`classify`] → [`Class`]),
//! one backoff ([`backoff`]), and one place that counts outcomes for `/metrics`
//! and `/healthz` ([`Metrics`]).
//!
//! The URL holds the token: no error here carries or prints it (reqwest errors
//! are taken `without_url`, and only the method name is kept).

use super::metrics::Metrics;
use crate::app::unix_now;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// What a failed call means for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// 429: wait this long (Telegram's `parameters.retry_after`), then send the
    /// same request again.
    RetryAfter(Duration),
    /// 403: the user blocked the bot, deactivated the account, or never started
    /// it. Retrying will not help; the user is unreachable.
    Forbidden,
    /// 400 "message is not modified": an edit that changes nothing. Harmless.
    NotModified,
    /// Any other refusal (400 chat not found, 404, 409, …): the same request
    /// will be refused again, do not retry.
    Permanent,
    /// 401: the token was revoked or is wrong. Nothing sent with it can succeed
    /// until the operator puts a new one in and restarts, so do not retry in a
    /// loop, and do not drop anything either: what waits in an outbox goes out
    /// after the restart (the bot is the same with its new token).
    Unauthorized,
    /// 5xx, a network error, a timeout, or an answer that is not the Bot API's:
    /// Telegram did not take it; retry with [`backoff`].
    Transient,
}

/// When a 429 has no `retry_after` (Telegram always sends one; a proxy may not).
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(5);

/// The one classification of a Bot API error answer. Pure.
pub fn classify(code: u16, description: &str, retry_after: Option<u64>) -> Class {
    match code {
        429 => Class::RetryAfter(
            retry_after
                .map(|s| Duration::from_secs(s.max(1)))
                .unwrap_or(DEFAULT_RETRY_AFTER),
        ),
        403 => Class::Forbidden,
        401 => Class::Unauthorized,
        400 if description.contains("message is not modified") => Class::NotModified,
        // 0: no HTTP answer at all (network error, timeout).
        0 | 500..=599 => Class::Transient,
        _ => Class::Permanent,
    }
}

/// A Bot API call that did not get an `ok` answer. Never holds the URL.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// Telegram (or whatever answers at its address) refused the call.
    #[error("{method}: Telegram answered {code}: {description}")]
    Refused {
        method: &'static str,
        code: u16,
        description: String,
        retry_after: Option<u64>,
    },
    /// No Bot API answer: connection refused or dropped, timeout, or a body
    /// that is not the Bot API's JSON (`status` 0 when there was no HTTP answer).
    #[error("{method}: {detail}")]
    Network {
        method: &'static str,
        status: u16,
        detail: String,
    },
}

impl ApiError {
    pub fn class(&self) -> Class {
        match self {
            ApiError::Refused {
                code,
                description,
                retry_after,
                ..
            } => classify(*code, description, *retry_after),
            ApiError::Network { .. } => Class::Transient,
        }
    }

    /// The status code for `/metrics`: 0 for a network error.
    pub fn code(&self) -> u16 {
        match self {
            ApiError::Refused { code, .. } => *code,
            ApiError::Network { status, .. } => *status,
        }
    }

    pub fn description(&self) -> &str {
        match self {
            ApiError::Refused { description, .. } => description,
            ApiError::Network { detail, .. } => detail,
        }
    }
}

/// What a broadcast send's answer means (`broadcast::decide` takes it from here).
impl From<ApiError> for crate::broadcast::SendResult {
    fn from(e: ApiError) -> Self {
        use crate::broadcast::SendResult;
        match e.class() {
            Class::RetryAfter(d) => SendResult::RetryAfter(d.as_secs()),
            Class::Forbidden => SendResult::Forbidden(e.description().to_string()),
            Class::NotModified | Class::Permanent => {
                SendResult::Refused(format!("{} {}", e.code(), e.description()))
            }
            // A job keeps its recipients pending through a revoked token's
            // restart only if it does not fail them: retried like a 5xx.
            Class::Unauthorized | Class::Transient => {
                SendResult::Transient(format!("{} {}", e.code(), e.description()))
            }
        }
    }
}

/// The first retry waits about this long.
pub const BACKOFF_BASE: Duration = Duration::from_millis(250);
/// No retry waits longer than this.
pub const BACKOFF_CAP: Duration = Duration::from_secs(30);

/// The one backoff: before retry number `attempt` (from 1), capped exponential
/// (`BACKOFF_BASE · 2^(attempt-1)`, at most [`BACKOFF_CAP`]) with "equal jitter":
/// half of it fixed, half scaled by `jitter` in `[0, 1]` (from [`jitter`] in
/// service, a constant in tests), so that many chats failing together do not
/// retry in lockstep. Pure.
pub fn backoff(attempt: u32, jitter: f64) -> Duration {
    let exp = attempt.saturating_sub(1).min(16);
    let full = BACKOFF_BASE.saturating_mul(1 << exp).min(BACKOFF_CAP);
    let half = full / 2;
    half + half.mul_f64(jitter.clamp(0.0, 1.0))
}

/// A value in `[0, 1]` that differs from call to call (std's random hash keys;
/// no need for a random number crate for this).
pub fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(unix_now() as u64);
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// How long an ordinary call may take before it counts as a network failure.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Deserialize)]
struct Answer<'a> {
    ok: bool,
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(default)]
    error_code: Option<u16>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    #[serde(default)]
    retry_after: Option<u64>,
}

/// The Bot API at one address with one token. Cheap to clone (shares the HTTP
/// connection pool and the metrics).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    /// `{api}/bot{token}/`: never logged, never put in an error.
    base: Arc<str>,
    metrics: Arc<Metrics>,
}

impl Client {
    pub fn new(http: reqwest::Client, api_url: &str, token: &str) -> Client {
        Client {
            http,
            base: format!("{}/bot{token}/", api_url.trim_end_matches('/')).into(),
            metrics: Arc::new(Metrics::default()),
        }
    }

    /// Where every call's outcome is counted (`/metrics`, `/healthz`).
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    /// Calls `method` with a JSON body; the `result` on success.
    pub async fn call(&self, method: &'static str, body: &Value) -> Result<Value, ApiError> {
        self.call_with(method, body, CALL_TIMEOUT, |raw| {
            serde_json::from_str(raw.get()).map_err(|e| e.to_string())
        })
        .await
    }

    /// Calls `method`, decoding `result` with `decode` (a failure to decode is a
    /// Bot API answer that is not what it should be: transient). Every outcome
    /// is counted in the metrics: success (for `/healthz`) or the error code.
    pub async fn call_with<T>(
        &self,
        method: &'static str,
        body: &Value,
        timeout: Duration,
        decode: impl FnOnce(&RawValue) -> Result<T, String>,
    ) -> Result<T, ApiError> {
        let result = self.request(method, body, timeout, decode).await;
        match &result {
            Ok(_) => self.metrics.telegram_ok(unix_now()),
            Err(e) => self.metrics.telegram_error(e.code()),
        }
        result
    }

    async fn request<T>(
        &self,
        method: &'static str,
        body: &Value,
        timeout: Duration,
        decode: impl FnOnce(&RawValue) -> Result<T, String>,
    ) -> Result<T, ApiError> {
        let network = |status: u16, detail: String| ApiError::Network {
            method,
            status,
            detail,
        };
        let resp = self
            .http
            .post(format!("{}{method}", self.base))
            .timeout(timeout)
            .json(body)
            .send()
            .await
            // without_url: the URL holds the token, which must never be logged.
            .map_err(|e| network(0, describe(e)))?;
        let status = resp.status().as_u16();
        let text = resp
            .text()
            .await
            .map_err(|e| network(status, describe(e)))?;
        let Ok(answer) = serde_json::from_str::<Answer<'_>>(&text) else {
            return Err(network(
                status,
                format!("HTTP {status} without a Bot API answer"),
            ));
        };
        if answer.ok {
            let Some(result) = answer.result else {
                return Err(network(status, "a Bot API answer without a result".into()));
            };
            return decode(result).map_err(|e| network(status, format!("unexpected result: {e}")));
        }
        Err(ApiError::Refused {
            method,
            code: answer.error_code.unwrap_or(status),
            description: answer.description.unwrap_or_default(),
            retry_after: answer.parameters.and_then(|p| p.retry_after),
        })
    }
}

fn describe(e: reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "network"
    };
    let e = e.without_url();
    let mut detail = format!("{kind}: {e}");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        detail.push_str(&format!(": {s}"));
        source = s.source();
    }
    detail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_telegram_answer_has_one_class() {
        assert_eq!(
            classify(429, "Too Many Requests: retry after 7", Some(7)),
            Class::RetryAfter(Duration::from_secs(7))
        );
        assert_eq!(
            classify(429, "Too Many Requests", None),
            Class::RetryAfter(DEFAULT_RETRY_AFTER)
        );
        assert_eq!(
            classify(429, "", Some(0)),
            Class::RetryAfter(Duration::from_secs(1)),
            "never a busy loop"
        );
        for d in [
            "Forbidden: bot was blocked by the user",
            "Forbidden: user is deactivated",
            "Forbidden: bot can't initiate conversation with a user",
        ] {
            assert_eq!(classify(403, d, None), Class::Forbidden, "{d}");
        }
        assert_eq!(
            classify(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same", None),
            Class::NotModified
        );
        for (code, d) in [
            (400, "Bad Request: chat not found"),
            (
                400,
                "Bad Request: query is too old and response timeout expired",
            ),
            (404, "Not Found"),
            (409, "Conflict: terminated by other getUpdates request"),
        ] {
            assert_eq!(classify(code, d, None), Class::Permanent, "{code} {d}");
        }
        assert_eq!(classify(401, "Unauthorized", None), Class::Unauthorized);
        for code in [500, 502, 503, 504, 0] {
            assert_eq!(
                classify(code, "Internal Server Error", None),
                Class::Transient,
                "{code}"
            );
        }
    }

    #[test]
    fn errors_classify_and_count_by_their_code() {
        let e = ApiError::Refused {
            method: "sendMessage",
            code: 500,
            description: "Internal Server Error".into(),
            retry_after: None,
        };
        assert_eq!(e.class(), Class::Transient);
        assert_eq!(e.code(), 500);
        assert_eq!(
            e.to_string(),
            "sendMessage: Telegram answered 500: Internal Server Error"
        );
        let e = ApiError::Network {
            method: "getUpdates",
            status: 0,
            detail: "cannot connect".into(),
        };
        assert_eq!((e.class(), e.code()), (Class::Transient, 0));
        assert_eq!(
            crate::broadcast::SendResult::from(e),
            crate::broadcast::SendResult::Transient("0 cannot connect".into())
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_jitter_in_the_upper_half() {
        assert_eq!(backoff(1, 1.0), BACKOFF_BASE);
        assert_eq!(backoff(1, 0.0), BACKOFF_BASE / 2);
        assert_eq!(backoff(2, 1.0), BACKOFF_BASE * 2);
        assert_eq!(backoff(3, 0.5), BACKOFF_BASE * 3);
        let mut last = Duration::ZERO;
        for attempt in 1..=40 {
            let d = backoff(attempt, 1.0);
            assert!(d >= last && d <= BACKOFF_CAP, "{attempt}: {d:?}");
            assert!(backoff(attempt, 0.0) >= d / 2);
            last = d;
        }
        assert_eq!(backoff(40, 1.0), BACKOFF_CAP);
        assert_eq!(
            backoff(0, 1.0),
            BACKOFF_BASE,
            "attempt 0 counts as the first"
        );
        assert_eq!(backoff(3, 7.0), backoff(3, 1.0), "jitter is clamped");
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..=1.0).contains(&j));
        }
    }

    #[test]
    fn errors_never_show_the_token() {
        // reqwest puts the URL (with the token) in its errors; ours drop it.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let c = Client::new(reqwest::Client::new(), "http://127.0.0.1:9", "123:SECRET");
        let e = rt
            .block_on(c.call("getMe", &serde_json::json!({})))
            .unwrap_err();
        assert_eq!(e.class(), Class::Transient);
        assert!(!format!("{e} {e:?}").contains("SECRET"), "{e:?}");
        assert_eq!(c.metrics().telegram_errors(0), 1);
    }
}
