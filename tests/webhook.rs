//! Webhook mode, driven by real HTTP POSTs with right and wrong secrets: an
//! update is stored before the 200, so a kill -9 right after it loses nothing,
//! and a re-delivered update changes nothing twice.

use crate::support;

use netplus::engine::msg;
use serde_json::Value;
use support::bot::BotProcess;
use support::fake_tg::*;
use support::world::{t, world};

const SECRET: &str = "s3cret-Token_1";

struct Hook {
    url: String,
    http: reqwest::Client,
    next_id: i64,
}

impl Hook {
    async fn post(&mut self, mut update: Value, secret: Option<&str>) -> u16 {
        if update.get("update_id").is_none() {
            self.next_id += 1;
            update["update_id"] = self.next_id.into();
        }
        let mut req = self.http.post(&self.url).json(&update);
        if let Some(s) = secret {
            req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
        }
        req.send().await.expect("webhook answers").status().as_u16()
    }
}

fn start(tg: &FakeTelegram, db: &std::path::Path, port: u16) -> BotProcess {
    let listen = format!("127.0.0.1:{port}");
    let mut b = BotProcess::start_with(
        tg,
        db,
        &[
            ("NETPLUS_WEBHOOK_URL", "https://bot.example.org/tg/hook"),
            ("NETPLUS_WEBHOOK_LISTEN", &listen),
            ("NETPLUS_WEBHOOK_SECRET", SECRET),
        ],
    );
    b.set_args(&["serve", "--webhook"]);
    b.restart_now();
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_checks_the_secret_stores_before_answering_and_dedups() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut bot = start(&tg, &db, port);
    tg.wait_until("setWebhook", |tg| tg.webhook().is_some())
        .await;
    let (url, secret, max) = tg.webhook().unwrap();
    assert_eq!(
        (url.as_str(), secret.as_str(), max),
        ("https://bot.example.org/tg/hook", SECRET, 1)
    );
    // setWebhook comes after the listener is bound, so it is up now.
    let mut hook = Hook {
        url: format!("http://127.0.0.1:{port}/tg/hook"),
        http: reqwest::Client::new(),
        next_id: 0,
    };

    // Wrong or missing secret: 401, nothing happens.
    assert_eq!(
        hook.post(msg_update_lang(7701, "/start", Some("zh")), Some("wrong"))
            .await,
        401
    );
    assert_eq!(
        hook.post(msg_update_lang(7701, "/start", Some("zh")), None)
            .await,
        401
    );
    assert_eq!(
        hook.post(
            msg_update_lang(7701, "/start", Some("zh")),
            Some(&SECRET[..SECRET.len() - 1])
        )
        .await,
        401
    );
    assert!(tg.sent_to(7701).is_empty());

    // Right secret: applied, answered.
    assert_eq!(
        hook.post(callback_update(7701, "1L:zh-CN", 1), Some(SECRET))
            .await,
        200
    );
    let m = tg.wait_sent_to(7701, 1).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::LANG_SET)),
        "{}",
        m.text
    );

    // Stored before the 200: kill -9 right after it, restart, and the state moved.
    assert_eq!(hook.post(msg_update(7701, "1"), Some(SECRET)).await, 200);
    bot.kill9();
    bot.restart_now();
    tg.wait_until("setWebhook again", |tg| tg.calls("SetWebhook") >= 2)
        .await;
    // The reply to "1" (the package list) arrives, from the outbox if the kill
    // came first.
    let sent = tg.wait_sent_to(7701, 2).await;
    assert!(
        sent[1]
            .text
            .starts_with(&t(&w, "zh-CN", msg::PACKAGES_TITLE)),
        "{}",
        sent[1].text
    );
    // Telegram re-delivers the same update after the crash: nothing twice.
    let same = hook.next_id;
    let mut again = msg_update(7701, "1");
    again["update_id"] = same.into();
    assert_eq!(hook.post(again, Some(SECRET)).await, 200);
    // Then a new one: answered from the package list (so "1" was applied once).
    assert_eq!(hook.post(msg_update(7701, "1"), Some(SECRET)).await, 200);
    let card = t(&w, "zh-CN", "pkg-village-name");
    // (The package list may arrive twice: sent before the kill, and again from
    // the outbox if the kill came before its removal was flushed.)
    tg.wait_until("the package card", |tg| {
        tg.texts_to(7701).iter().any(|x| x.starts_with(&card))
    })
    .await;
    let texts = tg.texts_to(7701);
    assert!(texts.last().unwrap().starts_with(&card), "{texts:?}");
    assert_eq!(
        texts.iter().filter(|x| x.starts_with(&card)).count(),
        1,
        "{texts:?}"
    );
    // Malformed JSON is refused; a malformed update is acknowledged and skipped.
    let bad = hook
        .http
        .post(&hook.url)
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 400);
    assert_eq!(
        hook.post(
            serde_json::json!({"update_id": 999_000, "message": {"garbage": 1}}),
            Some(SECRET)
        )
        .await,
        200
    );
    assert!(bot.stop().success(), "{}", bot.log_text());
}
