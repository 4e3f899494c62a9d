//! Operating the bot: /forget, inbound flood control, and content reload by
//! /reload and SIGHUP, end to end against the fake Bot API.

use crate::support;

use netplus::engine::{msg, Line};
use support::bot::{root, BotProcess};
use support::fake_tg::*;
use support::world::{button, t, world};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_erases_the_user_after_confirmation() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mut bot = BotProcess::start(&tg, &db);
    let user = 9101;
    tg.push_update(msg_update_lang(user, "/start 540121", Some("zh")));
    tg.wait_sent_to(user, 1).await;
    // A first contact picks the language (the picker shows Tibetan first here).
    tg.push_update(callback_update(user, "1L:zh-CN", 1));
    tg.wait_sent_to(user, 2).await;
    tg.push_update(msg_update(user, "/forget"));
    let m = tg.wait_sent_to(user, 3).await.pop().unwrap();
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::FORGET_CONFIRM)),
        "{}",
        m.text
    );
    tg.push_update(callback_update(
        user,
        &button(&m, &t(&w, "zh-CN", msg::BTN_FORGET_YES)),
        m.message_id,
    ));
    let m = tg.wait_sent_to(user, 4).await.pop().unwrap();
    assert_eq!(
        m.text,
        t(&w, "zh-CN", msg::FORGET_DONE),
        "said in the user's language before it was erased"
    );
    // Not a dead end: the language buttons start again in one tap.
    button(&m, &t(&w, "bo", msg::LANGUAGE_NAME));
    // Graceful shutdown (SIGTERM): clean exit well within 10 s.
    let stopping = std::time::Instant::now();
    assert!(bot.stop().success());
    assert!(
        stopping.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        stopping.elapsed()
    );
    let store = netplus::store::Store::open(&db).unwrap();
    assert_eq!(
        store.profile(user).unwrap(),
        netplus::store::Loaded::Missing
    );
    // The session keeps only the marker that the last update was applied.
    let session = store.session(user).unwrap().expect("marker session");
    assert_eq!(session.state, netplus::engine::State::New);
    assert!(session.outbox.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_gets_one_notice_then_silence_and_staff_are_exempt() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = BotProcess::start_with(
        &tg,
        &dir.path().join("db"),
        &[("NETPLUS_FLOOD_PER_MINUTE", "3"), ("NETPLUS_STAFF", "9202")],
    );
    for chat in [9201, 9202] {
        let mut last = 0;
        for _ in 0..6 {
            last = tg.push_update(msg_update_lang(chat, "/menu", Some("zh")));
        }
        tg.wait_confirmed(last + 1).await;
    }
    // A later message from a third user shows the others are done.
    tg.push_update(msg_update_lang(9203, "/menu", Some("zh")));
    tg.wait_sent_to(9203, 1).await;
    tg.wait_sent_to(9202, 6).await;
    let user = tg.texts_to(9201);
    assert_eq!(user.len(), 4, "3 answers and one notice: {user:?}");
    assert_eq!(user[3], t(&w, "zh-CN", msg::NOTICE_FLOOD));
    assert_eq!(tg.texts_to(9202).len(), 6, "staff are exempt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_refuses_broken_content_and_takes_good_content_by_command_and_sighup() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for f in [
        "packages.toml",
        "eligibility.toml",
        "counties.toml",
        "operator.toml",
    ] {
        std::fs::copy(root().join("content").join(f), content.join(f)).unwrap();
    }
    let content_env = content.to_string_lossy().into_owned();
    let bot = BotProcess::start_with(
        &tg,
        &dir.path().join("db"),
        &[
            ("NETPLUS_CONTENT_DIR", &content_env),
            ("NETPLUS_STAFF", "9301"),
        ],
    );
    let staff = 9301;
    tg.push_update(msg_update_lang(staff, "/start", Some("zh")));
    tg.wait_sent_to(staff, 1).await;

    // Broken: refused with file and line, the old content keeps serving.
    let packages = content.join("packages.toml");
    let good = std::fs::read_to_string(&packages).unwrap();
    std::fs::write(
        &packages,
        good.replacen("try = \"gift\"", "try = \"nowhere\"", 1),
    )
    .unwrap();
    tg.push_update(msg_update(staff, "/reload"));
    let m = tg.wait_sent_to(staff, 2).await.pop().unwrap();
    let failed = w
        .l10n
        .line("zh-CN", &Line::new(msg::RELOAD_FAILED).text("error", "§"));
    assert!(
        m.text.starts_with(failed.split('§').next().unwrap()),
        "{}",
        m.text
    );
    assert!(
        m.text.contains("packages.toml:") && m.text.contains("nowhere"),
        "{}",
        m.text
    );
    tg.push_update(msg_update(staff, "/packages"));
    let m = tg.wait_sent_to(staff, 3).await.pop().unwrap();
    assert!(
        m.reply_markup.as_ref().unwrap().to_string().contains("8"),
        "old prices still served"
    );

    // Not staff: /reload is no command.
    tg.push_update(callback_update(9302, "1L:zh-CN", 1));
    tg.push_update(msg_update_lang(9302, "/reload", Some("zh")));
    let m = tg.wait_sent_to(9302, 2).await.pop().unwrap();
    assert!(
        m.text
            .starts_with(&t(&w, "zh-CN", msg::NOTICE_UNKNOWN_COMMAND)),
        "{}",
        m.text
    );

    // Good: taken by /reload …
    std::fs::write(
        &packages,
        good.replacen("monthly_fee = \"8\"", "monthly_fee = \"7\"", 1),
    )
    .unwrap();
    tg.push_update(msg_update(staff, "/reload"));
    let m = tg.wait_sent_to(staff, 4).await.pop().unwrap();
    assert_eq!(m.text, t(&w, "zh-CN", msg::RELOAD_OK));
    tg.push_update(msg_update(staff, "/packages"));
    let m = tg.wait_sent_to(staff, 5).await.pop().unwrap();
    let price7 = w
        .l10n
        .line("zh-CN", &Line::new(msg::PRICE_MONTH_SHORT).text("amount", "7"));
    assert!(
        m.reply_markup
            .as_ref()
            .unwrap()
            .to_string()
            .contains(&price7),
        "{:?}",
        m.reply_markup
    );

    // … and by SIGHUP.
    std::fs::write(
        &packages,
        good.replacen("monthly_fee = \"8\"", "monthly_fee = \"6\"", 1),
    )
    .unwrap();
    let pid = bot.pid();
    assert!(std::process::Command::new("kill")
        .arg("-HUP")
        .arg(pid.to_string())
        .status()
        .unwrap()
        .success());
    let price6 = w
        .l10n
        .line("zh-CN", &Line::new(msg::PRICE_MONTH_SHORT).text("amount", "6"));
    // The signal is handled asynchronously: ask until the new price shows (each
    // ask is awaited, no sleeping).
    let mut seen = 5;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while std::time::Instant::now() < deadline {
        tg.push_update(msg_update(staff, "/packages"));
        seen += 1;
        let m = tg.wait_sent_to(staff, seen).await.pop().unwrap();
        if m.reply_markup
            .as_ref()
            .unwrap()
            .to_string()
            .contains(&price6)
        {
            return;
        }
    }
    panic!("SIGHUP did not reload the content\n{}", bot.log_text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_metrics_over_http() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let _bot = BotProcess::start_with(&tg, &dir.path().join("db"), &[("NETPLUS_HTTP_ADDR", &addr)]);
    // Typed 1 on first contact picks the picker's first language, 中文.
    tg.push_update(msg_update_lang(9401, "1", Some("zh")));
    tg.push_update(msg_update(9401, "怎么充话费"));
    tg.wait_sent_to(9401, 2).await;
    let http = reqwest::Client::new();
    let health = http
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .expect("health server is up");
    assert_eq!(health.status().as_u16(), 200);
    assert_eq!(health.text().await.unwrap(), "ok\n");
    let text = http
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for want in [
        "netplus_updates_total{kind=\"message\"} 2",
        "netplus_handling_seconds_count 2",
        "netplus_faq_answered_total 1",
        "netplus_sessions 1",
        "netplus_handoffs_open 0",
        "netplus_broadcasts_active 0",
    ] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    // The bot counts a message once Telegram's answer is back, which may be a
    // moment after the fake server recorded it: at least the first one is in.
    let sent: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("netplus_messages_sent_total "))
        .and_then(|v| v.parse().ok())
        .expect("messages sent counter");
    assert!((1..=2).contains(&sent), "{text}");
}

/// `/healthz` is 200 as soon as the bot has talked to Telegram at start (getMe,
/// setMyCommands), not only after a finished long poll; failed getUpdates calls
/// (500s) are counted in the Telegram-errors metric.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthy_right_after_start_and_failed_polls_are_counted() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    tg.fail_next("GetUpdates", 500, None, 2);
    let bot = BotProcess::start_with(&tg, &dir.path().join("db"), &[("NETPLUS_HTTP_ADDR", &addr)]);
    // The two failed polls and the one after them.
    tg.wait_calls("GetUpdates", 3).await;
    let http = reqwest::Client::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let health = loop {
        match http.get(format!("http://{addr}/healthz")).send().await {
            Ok(r) => break r,
            // The HTTP server may still be binding.
            Err(_) if std::time::Instant::now() < deadline => tokio::task::yield_now().await,
            Err(e) => panic!("health server: {e}\n{}", bot.log_text()),
        }
    };
    assert_eq!(health.status().as_u16(), 200, "{:?}", health.text().await);
    let text = http
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("netplus_telegram_errors_total{code=\"500\"} 2"),
        "{text}"
    );
}

/// A SIGHUP reload with broken content is shown to staff (the staff chat),
/// with file and line, in the staff language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_sighup_reload_is_shown_to_staff() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for f in [
        "packages.toml",
        "eligibility.toml",
        "counties.toml",
        "operator.toml",
    ] {
        std::fs::copy(root().join("content").join(f), content.join(f)).unwrap();
    }
    let content_env = content.to_string_lossy().into_owned();
    let staff_chat = -100_777;
    let bot = BotProcess::start_with(
        &tg,
        &dir.path().join("db"),
        &[
            ("NETPLUS_CONTENT_DIR", &content_env),
            ("NETPLUS_STAFF", "9311"),
            ("NETPLUS_STAFF_CHAT", &staff_chat.to_string()),
        ],
    );
    tg.wait_calls("GetUpdates", 1).await;
    let packages = content.join("packages.toml");
    let good = std::fs::read_to_string(&packages).unwrap();
    std::fs::write(
        &packages,
        good.replacen("try = \"gift\"", "try = \"nowhere\"", 1),
    )
    .unwrap();
    assert!(std::process::Command::new("kill")
        .arg("-HUP")
        .arg(bot.pid().to_string())
        .status()
        .unwrap()
        .success());
    let m = tg.wait_sent_to(staff_chat, 1).await.pop().unwrap();
    let failed = w.l10n.line(
        "zh-CN",
        &Line::new(msg::RELOAD_FAILED_SIGNAL).text("error", "§"),
    );
    assert!(
        m.text.starts_with(failed.split('§').next().unwrap()),
        "{}",
        m.text
    );
    assert!(
        m.text.contains("packages.toml:") && m.text.contains("nowhere"),
        "{}",
        m.text
    );
}

/// The retention sweep erases users unseen for longer than the retention, keeps
/// the others, and keeps profiles whose last-seen time was never recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retention_sweep_erases_only_inactive_users() {
    use netplus::engine::Profile;
    use netplus::store::Session;
    use netplus::store::{Loaded, Store};
    use netplus::telegram::{connect_to, Runner, Team};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let now = 1_800_000_000;
    let day = 86_400;
    for (chat, last_seen) in [(1, now - 181 * day), (2, now - 179 * day), (3, 0)] {
        store
            .put_profile(
                chat,
                &Profile {
                    lang: Some("bo".into()),
                    last_seen,
                    ..Profile::default()
                },
            )
            .unwrap();
    }
    store
        .record_unanswered(1, "bo", "q", "q", None, now - 181 * day)
        .unwrap();
    store.put_session(1, &Session::default()).unwrap();
    // Nothing here talks to Telegram: an address nobody listens on will do.
    let api = connect_to("1:unused", "http://127.0.0.1:9").unwrap();
    let team = Team {
        retention_days: 180,
        ..Team::default()
    };
    let runner = Runner::new(api, std::sync::Arc::new(world()), store.clone(), team);
    assert_eq!(runner.sweep_once(now).await.unwrap(), 1);
    assert_eq!(store.profile(1).unwrap(), Loaded::Missing);
    assert!(store.session(1).unwrap().is_none());
    assert!(store.open_unanswered(5).unwrap().is_empty());
    assert!(matches!(store.profile(2).unwrap(), Loaded::Found(_)));
    assert!(matches!(store.profile(3).unwrap(), Loaded::Found(_)));
}
