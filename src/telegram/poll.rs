//! `getUpdates` done by hand, so that one malformed update cannot fail a whole
//! batch (each is parsed on its own) and so that the offset is ours to confirm:
//! teloxide's stock polling confirms an update before it is handled.

use serde_json::Value;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error("Telegram refused the token (401): check TELOXIDE_TOKEN")]
    Unauthorized,
    #[error("Telegram asks to wait {0} s")]
    RetryAfter(u64),
    #[error("Telegram answered {code}: {description}")]
    Api { code: i64, description: String },
    #[error("network: {0}")]
    Network(String),
}

pub struct Poller {
    http: reqwest::Client,
    url: String,
}

/// Long-poll timeout; teloxide's HTTP client gives up after 17 s.
pub const POLL_SECONDS: u64 = 10;

impl Poller {
    pub fn new(http: reqwest::Client, api_url: &str, token: &str) -> Poller {
        Poller { http, url: format!("{}/bot{token}/getUpdates", api_url.trim_end_matches('/')) }
    }

    /// The raw updates after `offset` (which confirms everything before it).
    pub async fn get_updates(&self, offset: i64) -> Result<Vec<Value>, PollError> {
        let body = serde_json::json!({
            "offset": offset,
            "timeout": POLL_SECONDS,
            "limit": 100,
            "allowed_updates": ["message", "edited_message", "callback_query", "my_chat_member"],
        });
        let resp = self
            .http
            .post(&self.url)
            .timeout(Duration::from_secs(POLL_SECONDS + 15))
            .json(&body)
            .send()
            .await
            // without_url: the URL holds the token, which must never be logged.
            .map_err(|e| PollError::Network(e.without_url().to_string()))?;
        let status = resp.status().as_u16();
        let v: Value = resp.json().await.map_err(|e| PollError::Network(e.without_url().to_string()))?;
        if v.get("ok") == Some(&Value::Bool(true)) {
            return match v.get("result") {
                Some(Value::Array(a)) => Ok(a.clone()),
                _ => Err(PollError::Api { code: status.into(), description: "result is not a list".into() }),
            };
        }
        let code = v.get("error_code").and_then(Value::as_i64).unwrap_or(status.into());
        if code == 401 {
            return Err(PollError::Unauthorized);
        }
        if let Some(s) = v.pointer("/parameters/retry_after").and_then(Value::as_u64) {
            return Err(PollError::RetryAfter(s));
        }
        let description = v.get("description").and_then(Value::as_str).unwrap_or("").to_string();
        Err(PollError::Api { code, description })
    }
}
