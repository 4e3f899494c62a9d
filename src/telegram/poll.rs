//! `getUpdates` done by hand, so that one malformed update cannot fail a whole
//! batch (each is parsed on its own) and so that the offset is ours to confirm:
//! teloxide's stock polling confirms an update before it is handled. It goes
//! through the one Bot API client ([`super::api::Client`]): its failures are
//! classified and counted like every other call's.

use super::api::{ApiError, Client};
use crate::app::unix_now;
use serde_json::value::RawValue;
use std::time::Duration;

/// One update as Telegram sent it. Parsed from text, never from a `Value`:
/// teloxide's lenient `UpdateKind` only works on a text deserializer.
pub type RawUpdate = Box<RawValue>;

/// Long-poll timeout; teloxide's HTTP client gives up after 17 s.
pub const POLL_SECONDS: u64 = 10;

/// The longest a healthy long poll stays open.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(POLL_SECONDS + 15);

impl Client {
    /// The raw updates after `offset` (which confirms everything before it).
    /// While the long poll is open, `/healthz` counts it as contact.
    pub async fn get_updates(&self, offset: i64) -> Result<Vec<RawUpdate>, ApiError> {
        let body = serde_json::json!({
            "offset": offset,
            "timeout": POLL_SECONDS,
            "limit": 100,
            "allowed_updates": ["message", "edited_message", "callback_query", "my_chat_member"],
        });
        let _open = self.metrics().poll_opened(unix_now());
        self.call_with("getUpdates", &body, POLL_TIMEOUT, |raw| {
            serde_json::from_str::<Vec<RawUpdate>>(raw.get()).map_err(|e| e.to_string())
        })
        .await
    }
}
