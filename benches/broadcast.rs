//! A 100,000-recipient broadcast (issue 3) through the real `netplus serve` binary
//! against the fake Bot API server, whose send limit is set to 1,000/s like the
//! bot's (`NETPLUS_BROADCAST_RATE=1000`, `NETPLUS_PAID_BROADCAST=true`).
//!
//! Run: `cargo bench --bench broadcast` (about two minutes; `BROADCAST_USERS=N`
//! for another size). Prints: time to enqueue (from the bot's log, and from the
//! staff's confirm to the first recipient's message), sustained send rate as a
//! fraction of the limit, 429s, the bot's peak RSS, and the latency of an
//! ordinary user's replies while the broadcast runs.

#[path = "../tests/support/mod.rs"]
mod support;

use netplus::engine::{Action, BcOp, Profile};
use netplus::store::Store;
use serde_json::Value;
use std::time::{Duration, Instant};
use support::bot::BotProcess;
use support::fake_tg::*;

const STAFF: i64 = 900;
const USER: i64 = 901;
const FIRST: i64 = 1_000_000;
const RATE: u32 = 1000;

fn data(op: BcOp) -> String {
    Action::Bc(op).encode()
}

fn sends_to(tg: &FakeTelegram, chat: i64) -> Vec<Sent> {
    tg.sent_to(chat)
        .into_iter()
        .filter(|s| s.method == "SendMessage")
        .collect()
}

/// Pushes an update and waits for `n` more messages to `chat`.
async fn ask(tg: &FakeTelegram, chat: i64, update: Value, n: usize) -> Vec<Sent> {
    let before = sends_to(tg, chat).len();
    tg.push_update(update);
    tg.wait_until("bot reply", |tg| {
        tg.sent_to(chat)
            .iter()
            .filter(|s| s.method == "SendMessage")
            .count()
            >= before + n
    })
    .await;
    sends_to(tg, chat)[before..].to_vec()
}

fn button_with(sent: &Sent, data: &str) -> bool {
    sent.reply_markup
        .as_ref()
        .is_some_and(|m| m.to_string().contains(&format!("\"{data}\"")))
}

/// The bot child's pid, found by its data directory.
fn bot_pid(data: &std::path::Path) -> Option<u32> {
    let needle = format!("NETPLUS_DATA_DIR={}", data.display());
    for e in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let env = std::fs::read(e.path().join("environ")).unwrap_or_default();
        if env.split(|b| *b == 0).any(|v| v == needle.as_bytes()) {
            return Some(pid);
        }
    }
    None
}

fn status_kb(pid: u32, key: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn main() {
    let users: i64 = std::env::var("BROADCAST_USERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run(users));
}

async fn run(users: i64) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let t = Instant::now();
    {
        let store = Store::open(&db).unwrap();
        store
            .put_profile(
                STAFF,
                &Profile {
                    lang: Some("zh-CN".into()),
                    announcements: false,
                    ..Profile::default()
                },
            )
            .unwrap();
        for i in 0..users {
            let lang = ["zh-CN", "bo", "ug"][(i % 3) as usize];
            store
                .put_profile(
                    FIRST + i,
                    &Profile {
                        lang: Some(lang.into()),
                        ..Profile::default()
                    },
                )
                .unwrap();
        }
        store.flush().await.unwrap();
    }
    println!("seeded {users} users in {:.1?}", t.elapsed());

    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(60));
    tg.set_send_rate_limit(Some(RATE));
    let rate = RATE.to_string();
    let env = [
        ("NETPLUS_STAFF", "900"),
        ("NETPLUS_BROADCAST_RATE", rate.as_str()),
        ("NETPLUS_PAID_BROADCAST", "true"),
        ("RUST_LOG", "info"),
    ];
    let bot = BotProcess::start_with(&tg, &db, &env);
    let lang = Some("zh");
    // A user who will chat during the broadcast, and the staff's composition.
    ask(&tg, USER, msg_update_lang(USER, "/start", lang), 1).await;
    ask(&tg, STAFF, msg_update_lang(STAFF, "/broadcast", lang), 1).await;
    for text in [
        "明天 9:00–17:00 <b>停电</b> & *维修*，请提前充电。",
        "སང་ཉིན་གློག་མེད། *9:00–17:00*",
        "ئەتە توك توختايدۇ <b>9:00–17:00</b> & 😀",
    ] {
        ask(&tg, STAFF, msg_update_lang(STAFF, text, lang), 1).await;
    }
    ask(&tg, STAFF, callback_update(STAFF, &data(BcOp::All), 1), 1).await;
    let t = Instant::now();
    let preview = ask(&tg, STAFF, callback_update(STAFF, &data(BcOp::Now), 1), 7).await;
    println!("preview (counting {users} recipients): {:.0?}", t.elapsed());
    if let Some(kb) = bot_pid(&bot.data).and_then(|p| status_kb(p, "VmRSS:")) {
        println!("bot RSS before the broadcast: {:.1} MB", kb as f64 / 1024.0);
    }
    assert!(
        button_with(preview.last().unwrap(), &data(BcOp::Confirm)),
        "{}",
        preview.last().unwrap().text
    );

    let confirmed = Instant::now();
    tg.push_update(callback_update(STAFF, &data(BcOp::Confirm), 1));
    let first_at = loop {
        if let Some(s) = tg
            .sent()
            .into_iter()
            .find(|s| s.method == "SendMessage" && s.chat_id >= FIRST)
        {
            break s.at;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let to_first = first_at.duration_since(confirmed);

    // An ordinary user's replies while the broadcast runs: /menu every 0.5 s.
    let mut latencies = Vec::new();
    let mut peak_kb = 0;
    let pid = bot_pid(&bot.data);
    let report = loop {
        let t = Instant::now();
        ask(&tg, USER, msg_update_lang(USER, "/menu", lang), 1).await;
        latencies.push(t.elapsed());
        if let Some(kb) = pid.and_then(|p| status_kb(p, "VmHWM:")) {
            peak_kb = peak_kb.max(kb);
        }

        if let Some(r) = sends_to(&tg, STAFF)
            .into_iter()
            .find(|s| s.text.contains("已发完"))
        {
            break r;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    let total = confirmed.elapsed();
    if let Some(kb) = pid.and_then(|p| status_kb(p, "VmHWM:")) {
        peak_kb = peak_kb.max(kb);
    }

    let mut at: Vec<Instant> = tg
        .sent()
        .into_iter()
        .filter(|s| s.method == "SendMessage" && s.chat_id >= FIRST)
        .map(|s| s.at)
        .collect();
    at.sort();
    let n = at.len();
    let span = at[n - 1].duration_since(at[0]).as_secs_f64();
    let sustained = (n - 1) as f64 / span;
    // The middle 90 %, without the start and the tail.
    let (a, b) = (n / 20, n - n / 20);
    let middle = (b - a) as f64 / at[b - 1].duration_since(at[a]).as_secs_f64();
    let log = bot.log_text();
    let enqueue_ms = log
        .lines()
        .find_map(|l| l.split("broadcast enqueued in ").nth(1))
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or("?")
        .to_string();
    latencies.sort();
    println!(
        "recipients: {n} of {users}; report: {}",
        report.text.replace('\n', " | ")
    );
    println!(
        "enqueue: {enqueue_ms} ms (bot log); confirm → first recipient's message: {to_first:.2?}"
    );
    println!(
        "send rate: {sustained:.1}/s over the whole job = {:.1} % of {RATE}/s; middle 90 %: {middle:.1}/s = {:.1} %; total {total:.1?}",
        100.0 * sustained / f64::from(RATE),
        100.0 * middle / f64::from(RATE)
    );
    println!(
        "429 answers: {}, early sends after a 429: {}",
        tg.responses_429().len(),
        tg.early_sends_after_429()
    );
    println!("bot peak RSS (VmHWM): {:.1} MB", peak_kb as f64 / 1024.0);
    println!(
        "user reply latency during the broadcast ({} replies): p50 {:.1?}, p95 {:.1?}, max {:.1?}",
        latencies.len(),
        pct(&latencies, 0.5),
        pct(&latencies, 0.95),
        latencies[latencies.len() - 1]
    );
    drop(bot);
}
