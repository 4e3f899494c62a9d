//! Webhook mode: Telegram POSTs each update; it is applied and committed
//! *before* the 200 goes back, so a crash makes Telegram deliver it again
//! instead of dropping it (teloxide's own axum listener answers first). Replies
//! leave from the outbox as in polling mode, and the same `update_id` dedup
//! applies. `setWebhook` asks for one connection at a time, which keeps each
//! chat's updates in order.

use super::Runner;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde_json::value::RawValue;
use std::sync::Arc;
use tokio::sync::watch;

pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Equal in time independent of where the first difference is.
pub fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

struct Hook {
    runner: Arc<Runner>,
    secret: String,
}

/// Serves `path` on the bound `listener` until `stop` turns true.
pub async fn serve(
    runner: Arc<Runner>,
    listener: tokio::net::TcpListener,
    path: String,
    secret: String,
    mut stop: watch::Receiver<bool>,
) -> std::io::Result<()> {
    tracing::info!("webhook listening on {} at {path}", listener.local_addr()?);
    let app = Router::new()
        .route(&path, post(update))
        .with_state(Arc::new(Hook { runner, secret }));
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|s| *s).await;
        })
        .await
}

async fn update(State(hook): State<Arc<Hook>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, hook.secret.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(raw) = serde_json::from_slice::<Box<RawValue>>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    match hook.runner.handle_batch(vec![raw]).await {
        Ok(_) => StatusCode::OK,
        Err(e) => {
            tracing::error!("webhook update not stored, Telegram will send it again: {e}");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret(b"abc-123", b"abc-123"));
        assert!(!same_secret(b"abc-124", b"abc-123"));
        assert!(!same_secret(b"abc-12", b"abc-123"));
        assert!(!same_secret(b"", b"abc-123"));
    }
}
