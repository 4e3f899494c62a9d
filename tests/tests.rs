//! The one integration-test binary (`autotests = false` in Cargo.toml, as ripgrep
//! does): one module per test file, sharing `support/` (the fake Bot API, the real
//! binary as a child process, the shipped world). One binary links the tree once
//! instead of once per file. Run one file's tests with a filter, e.g.
//! `cargo test --test tests e2e::` or `cargo test --test tests broadcast::`.
//!
//! The tests share one process: none may set environment variables or change the
//! current directory (the bot runs as a child with its own environment), and each
//! uses its own temporary directory and ports chosen by the OS.

mod support;

mod broadcast;
mod cli;
mod conversation;
mod crash;
mod crash_loop;
mod e2e;
mod fake_tg_selftest;
mod handoff;
mod locales;
mod operations;
mod powercut;
mod properties;
mod truth;
mod webhook;
