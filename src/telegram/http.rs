//! The operator's local HTTP endpoints: `/healthz` and `/metrics`.

use super::metrics::Gauges;
use super::Runner;
use crate::app::unix_now;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;

pub use super::metrics::TELEGRAM_STALE_SECS;

pub async fn serve(addr: SocketAddr, runner: Arc<Runner>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("health and metrics on http://{}", listener.local_addr()?);
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(runner);
    axum::serve(listener, app).await
}

/// 200 "ok" when the store reads, content is loaded, and Telegram works as
/// `Metrics::telegram_health` defines it (a successful Bot API call of any
/// kind in the last 60 s, or a long poll open); else 503 with the reasons.
async fn healthz(State(r): State<Arc<Runner>>) -> (StatusCode, String) {
    let mut problems = Vec::new();
    if let Err(e) = r.store.offset() {
        problems.push(format!("store: {e}"));
    }
    if r.world().content.packages.is_empty() {
        problems.push("content: not loaded".to_string());
    }
    if let Err(e) = r.metrics.telegram_health(unix_now()) {
        problems.push(e);
    }
    if problems.is_empty() {
        (StatusCode::OK, "ok\n".into())
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, problems.join("\n") + "\n")
    }
}

async fn metrics(State(r): State<Arc<Runner>>) -> String {
    let active = r.store.jobs().and_then(|j| j.active()).unwrap_or_default();
    let mut counts = [
        ("pending", 0),
        ("sent", 0),
        ("blocked", 0),
        ("failed", 0),
        ("skipped", 0),
    ];
    for job in &active {
        let t = &job.tally;
        for (slot, n) in counts
            .iter_mut()
            .zip([t.pending, t.sent, t.blocked, t.failed, t.skipped])
        {
            slot.1 += n;
        }
    }
    let g = Gauges {
        sessions: r.store.session_count() as u64,
        handoffs_open: r.store.open_cases() as u64,
        pending_outboxes: r.store.pending_chats().map(|v| v.len() as u64).unwrap_or(0),
        broadcasts_active: active.len() as u64,
        broadcast_recipients: counts,
    };
    r.metrics.render(&g)
}
