//! The Telegram adapter: the only module that knows teloxide.
//!
//! A durable update loop replaces teloxide's dispatcher and stock polling, which
//! confirm an update before it is handled. For each batch from `getUpdates`:
//!
//! 1. **Apply** (`apply.rs`, `effects.rs`). Updates are grouped by chat; chats run
//!    concurrently, each chat's updates in order. For each update: skip it if the
//!    chat's session says it was applied already; else run the engine, render the
//!    replies, and write the profile and the session (new state + `last_update` +
//!    the rendered replies in its outbox) in one store transaction
//!    (`Store::save_update`).
//! 2. **Commit** (`runner.rs`). One flush of the store for the whole batch (group
//!    commit); then the next offset is written and passed to the next
//!    `getUpdates`, which is what tells Telegram the updates are done.
//! 3. **Deliver** (`outbox.rs`), in the background: one task per chat sends its
//!    outbox in order, one message at a time, removing each once Telegram took
//!    it. Every [`FLUSH_SENT`] messages it waits for a flush of those drops
//!    before it sends more; an emptied outbox asks for one within
//!    `store::LAZY_FLUSH_MS` without waiting. Every call goes through the one Bot
//!    API client (`api.rs`): a 5xx or a network failure is retried with its
//!    backoff and the message stays first in the outbox; only a 400 drops one.
//!
//! A crash anywhere replays from the last confirmed offset: applied updates are
//! skipped (`last_update`), committed replies still in an outbox are sent at the
//! next start (`pending` tree). So no update is lost and none is applied twice;
//! a reply is sent twice only if the crash falls between its delivery and the
//! flush that follows: at most [`FLUSH_SENT`] per chat being delivered
//! (`tests/crash*.rs`). A per-chat lock serializes the read-modify-write of a
//! session between updates and deliveries; one flag keeps one deliverer per
//! chat, so a chat's messages never overtake each other.
//!
//! The rest: `serve.rs` wires it up ([`serve`] takes the client, the [`Edge`]
//! and a shutdown future), `upkeep.rs` reloads content and sweeps retention,
//! `webhook.rs` is the webhook edge, `poll.rs` and `update.rs` read updates,
//! `broadcast.rs` carries broadcasts, `http.rs` + `metrics.rs` serve
//! `/healthz` and `/metrics`.

pub mod api;
mod apply;
pub mod broadcast;
mod effects;
mod flood;
pub mod http;
pub mod metrics;
mod outbox;
pub mod poll;
mod runner;
mod serve;
pub mod update;
mod upkeep;
pub mod webhook;

pub use crate::store::{Outgoing, Session, SESSION_VERSION};
use outbox::markup;
pub use outbox::FLUSH_SENT;
pub use runner::{Runner, Team};
pub use serve::{connect, connect_to, serve, Edge, Webhook};
pub use update::{event, Event};

use crate::store::StoreError;
use api::ApiError;

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
