//! A strict fake Telegram Bot API server for end-to-end tests and benchmarks.
//!
//! Self-contained (tokio, axum 0.8, serde_json only); the tests reach it as
//! `crate::support::fake_tg` (`tests/tests.rs` declares `mod support;`), a bench with
//! `#[path = "../tests/support/fake_tg/mod.rs"] mod fake_tg;`.
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
//! overlapping getUpdates, strict text / markup / command checks (every `parse_mode` refused) with the
//! real error wording, 403 for blocked chats, 429 with `parameters.retry_after` (and a
//! flood window during which every send gets 429 again).
//!
//! Modules by job: [`server`], [`state`], [`control`], [`recordings`], [`errors`], [`limits`], [`params`], [`methods`], [`validate`], [`updates`], [`builders`].

#![allow(dead_code)]

mod builders;
mod control;
mod errors;
mod limits;
mod methods;
mod params;
mod recordings;
mod server;
mod state;
mod updates;
mod validate;

pub use builders::*;
pub use limits::*;
pub use methods::*;
pub use server::*;
pub use state::*;

use errors::*;
use params::*;
use recordings::*;
use updates::*;
use validate::*;

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

const DEFAULT_DEADLINE: Duration = Duration::from_secs(20);

const BOT_ID: i64 = 123456;

const BOT_FIRST_NAME: &str = "netplus";

const BOT_USERNAME: &str = "netplus_bot";
