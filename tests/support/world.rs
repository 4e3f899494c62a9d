#![allow(dead_code)]
//! What the end-to-end tests share: the shipped content and locales loaded as the
//! bot loads them, rendering a message as the user sees it, and finding buttons.

use super::bot::root;
use super::fake_tg::Sent;
use netplus::app::World;
use netplus::config::Config;
use netplus::engine::Line;

pub fn world() -> World {
    let cfg = Config {
        content_dir: root().join("content"),
        locales_dir: root().join("locales"),
        ..Config::default()
    };
    World::load(&cfg).expect("shipped content loads")
}

/// A message without arguments, as the bot renders it in `lang`.
pub fn t(w: &World, lang: &str, id: &str) -> String {
    w.l10n.line(lang, &Line::new(id))
}

/// Callback data of the button whose label contains `label`.
pub fn button(sent: &Sent, label: &str) -> String {
    let rows = sent
        .reply_markup
        .as_ref()
        .and_then(|m| m["inline_keyboard"].as_array().cloned())
        .unwrap_or_default();
    rows.iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"].as_str().is_some_and(|t| t.contains(label)))
        .and_then(|b| b["callback_data"].as_str().map(String::from))
        .unwrap_or_else(|| panic!("no button {label:?} in {:?}", sent.reply_markup))
}
