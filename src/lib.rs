//! netplus: a Telegram support bot for rural telecom users in Mandarin, Tibetan and
//! Uyghur. See ARCHITECTURE.md for the map; layers only use those below them:
//! `telegram`/`console`/`check` → `l10n`/`store` → `engine` → `faq`/`content`.

pub mod app;
pub mod broadcast;
pub mod check;
pub mod config;
pub mod console;
pub mod content;
pub mod engine;
pub mod faq;
pub mod l10n;
pub mod store;
pub mod telegram;
pub mod text;
