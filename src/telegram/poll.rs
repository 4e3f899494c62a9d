//! `getUpdates` done by hand, so that one malformed update cannot fail a whole
//! batch (each is parsed on its own) and so that the offset is ours to confirm:
//! teloxide's stock polling confirms an update before it is handled.

use serde::Deserialize;
use serde_json::value::RawValue;
use std::time::Duration;

/// One update as Telegram sent it. Parsed from text, never from a `Value`:
/// teloxide's lenient `UpdateKind` only works on a text deserializer.
pub type RawUpdate = Box<RawValue>;

#[derive(Deserialize)]
struct Response {
    ok: bool,
    #[serde(default)]
    result: Option<Vec<RawUpdate>>,
    #[serde(default)]
    error_code: Option<i64>,
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
        Poller {
            http,
            url: format!("{}/bot{token}/getUpdates", api_url.trim_end_matches('/')),
        }
    }

    /// The raw updates after `offset` (which confirms everything before it).
    pub async fn get_updates(&self, offset: i64) -> Result<Vec<RawUpdate>, PollError> {
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
        let body = resp
            .text()
            .await
            .map_err(|e| PollError::Network(e.without_url().to_string()))?;
        let r: Response = serde_json::from_str(&body).map_err(|e| PollError::Api {
            code: status.into(),
            description: format!("not a Bot API answer: {e}"),
        })?;
        if r.ok {
            return r.result.ok_or(PollError::Api {
                code: status.into(),
                description: "no result".into(),
            });
        }
        let code = r.error_code.unwrap_or(status.into());
        if code == 401 {
            return Err(PollError::Unauthorized);
        }
        if let Some(s) = r.parameters.and_then(|p| p.retry_after) {
            return Err(PollError::RetryAfter(s));
        }
        Err(PollError::Api {
            code,
            description: r.description.unwrap_or_default(),
        })
    }
}
