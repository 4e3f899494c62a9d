//! Twenty kill -9 at pseudo-random moments while ~20 chats stream long scripts at
//! the real binary; after the last restart every chat must have received exactly
//! the replies the engine (run in-process as the oracle) gives for its script:
//! nothing lost, nothing applied twice, and no more re-sent replies than the
//! outbox's flush interval allows (`FLUSH_SENT` per chat per kill).
//!
//! The scripts and the kill moments (a number of sends to wait for) come from a
//! seeded xorshift; the seed is printed, and `CRASH_LOOP_SEED=<seed>` replays the
//! same scripts and kill points (thread timing still varies).

use crate::support;

use netplus::app::{today_in_china, World};
use netplus::engine::{self, Input, Profile, State};
use netplus::telegram::FLUSH_SENT;
use support::bot::BotProcess;
use support::fake_tg::*;
use support::world::world;

const CHATS: i64 = 20;
const FIRST_CHAT: i64 = 9100;
const SCRIPT_LEN: usize = 40;
const KILLS: usize = 20;

/// xorshift64* (Vigna): small, seedable, good enough to pick test inputs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn seed() -> u64 {
    match std::env::var("CRASH_LOOP_SEED") {
        Ok(s) => s.trim().parse().expect("CRASH_LOOP_SEED is a number"),
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1),
    }
}

/// One thing a user sends.
#[derive(Debug, Clone)]
enum Said {
    Text(String),
    Button(String),
}

impl Said {
    fn input(&self) -> Input {
        match self {
            Said::Text(t) => Input::from_text(t),
            Said::Button(d) => Input::from_callback(d),
        }
    }

    fn update(&self, chat: i64) -> serde_json::Value {
        match self {
            Said::Text(t) => msg_update_lang(chat, t, None),
            Said::Button(d) => callback_update_lang(chat, d, 1, None),
        }
    }
}

/// Typed inputs valid on any screen (numbers pick buttons, words are keywords or
/// questions for the FAQ) and button presses (current, stale, forged and from an
/// older version). Nothing staff-only and nothing that erases data: the oracle
/// runs the engine alone.
const TYPED: &[&str] = &[
    "1",
    "2",
    "3",
    "4",
    "5",
    "１",
    "༢",
    "٣",
    "9",
    "/menu",
    "/check",
    "/help",
    "/packages",
    "/ask",
    "/human",
    "/language",
    "/start 540121",
    "/start 653221",
    "/nonsense",
    "套餐",
    "返回",
    "菜单",
    "是",
    "我的手机没有信号怎么办",
    "流量用完了",
    "ཁ་པར་ཐུམ་སྒྲིལ",
    "تور يوق",
    "boghcha",
    "我的电话13800138000",
];

const PRESSED: &[&str] = &[
    "1m",
    "1p",
    "1q",
    "1b",
    "1h",
    "1k",
    "1s",
    "1P:village",
    "1A:village",
    "1L:bo",
    "1L:ug",
    "1L:zh-CN",
    "1a:household:dibao",
    "zz",
    "0m",
    "1P:../x",
];

fn script(rng: &mut Rng) -> Vec<Said> {
    let mut s = vec![
        Said::Text("/start".into()),
        Said::Text(rng.pick(&["1", "2", "3"]).to_string()),
    ];
    while s.len() < SCRIPT_LEN {
        s.push(if rng.below(4) == 0 {
            Said::Button(rng.pick(PRESSED).to_string())
        } else {
            Said::Text(rng.pick(TYPED).to_string())
        });
    }
    s
}

fn expected(world: &World, script: &[Said]) -> Vec<String> {
    let today = today_in_china();
    let ctx = world.ctx(&today);
    let mut profile = Profile::default();
    let mut state = State::New;
    let mut out = Vec::new();
    for said in script {
        let engine::Outcome {
            state: s, replies, ..
        } = engine::step(&ctx, &mut profile, std::mem::take(&mut state), said.input());
        state = s;
        out.extend(replies.iter().map(|r| world.render(&profile, r).text));
    }
    out
}

/// How many of the expected replies have arrived, in order.
fn arrived(sent: &[String], want: &[String]) -> usize {
    let mut j = 0;
    for s in sent {
        if j < want.len() && *s == want[j] {
            j += 1;
        }
    }
    j
}

/// Matches what was sent against what was expected: every expected message in
/// order (nothing lost), anything else only a re-send of an earlier one. Returns
/// the number of re-sends.
fn check_chat(chat: i64, sent: &[String], want: &[String], seed: u64) -> usize {
    let mut j = 0;
    let mut resent = 0;
    for s in sent {
        if j < want.len() && *s == want[j] {
            j += 1;
        } else {
            assert!(
                want[..j].contains(s),
                "seed {seed}, chat {chat}: unexpected message (an update applied twice?): {s}\nexpected: {want:#?}\nsent: {sent:#?}"
            );
            resent += 1;
        }
    }
    assert_eq!(
        j,
        want.len(),
        "seed {seed}, chat {chat}: {} of {} replies arrived (an update lost?)\nsent: {sent:#?}",
        j,
        want.len()
    );
    resent
}

/// The stricter reading of the same guarantee: after a crash a chat's delivery
/// starts again from its last flushed outbox, so what a chat received must be its
/// expected replies in order, restarted at most `back` messages earlier at each
/// crash. Returns the fewest such restarts that explain `sent`, or `None` when no
/// sequence of them does (a reply lost, or one no replay explains).
fn min_rewinds(sent: &[String], want: &[String], back: usize) -> Option<usize> {
    const NONE: usize = usize::MAX;
    let n = want.len();
    // best[p]: fewest restarts so far when the next expected reply is want[p].
    let mut best = vec![NONE; n + 1];
    best[0] = 0;
    for s in sent {
        // A crash may restart delivery up to `back` replies earlier ...
        let mut from = best.clone();
        for (p, &b) in best.iter().enumerate().filter(|(_, b)| **b != NONE) {
            for f in &mut from[p.saturating_sub(back)..p] {
                *f = (*f).min(b + 1);
            }
        }
        // ... and then `s` must be the next expected reply.
        let mut next = vec![NONE; n + 1];
        for (p, (&f, w)) in from.iter().zip(want).enumerate() {
            if f != NONE && w == s {
                next[p + 1] = next[p + 1].min(f);
            }
        }
        best = next;
    }
    (best[n] != NONE).then_some(best[n])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_kill_9_under_a_stream_lose_nothing_and_apply_nothing_twice() {
    let seed = seed();
    eprintln!("crash_loop seed {seed} (replay with CRASH_LOOP_SEED={seed})");
    let mut rng = Rng::new(seed);
    let world = world();
    let chats: Vec<i64> = (0..CHATS).map(|k| FIRST_CHAT + k).collect();
    let scripts: Vec<Vec<Said>> = chats.iter().map(|_| script(&mut rng)).collect();
    let wants: Vec<Vec<String>> = scripts.iter().map(|s| expected(&world, s)).collect();
    let total_replies: usize = wants.iter().map(Vec::len).sum();

    // Twenty restarts of a debug build on a busy two-core machine can hold up
    // progress (confirmations, sends) for longer than the default 20 s.
    let tg = FakeTelegram::start()
        .await
        .with_deadline(std::time::Duration::from_secs(90));
    let dir = tempfile::tempdir().unwrap();
    // Forty messages a chat in a few seconds is a flood by the default limit.
    let mut bot = BotProcess::start_with(
        &tg,
        &dir.path().join("db"),
        &[("NETPLUS_FLOOD_PER_MINUTE", "0")],
    );

    // The stream: round r (one update per chat) is pushed once the bot has
    // confirmed everything before round r - 2, so updates keep arriving while
    // the bot is down, restarting or catching up.
    let pusher = {
        let tg = tg.clone();
        let batches: Vec<Vec<serde_json::Value>> = (0..SCRIPT_LEN)
            .map(|r| {
                chats
                    .iter()
                    .zip(&scripts)
                    .map(|(chat, s)| s[r].update(*chat))
                    .collect()
            })
            .collect();
        tokio::spawn(async move {
            let mut firsts = Vec::new();
            let mut last = 0;
            for (r, batch) in batches.into_iter().enumerate() {
                if r >= 2 {
                    tg.wait_confirmed(firsts[r - 2]).await;
                }
                let ids = tg.push_updates(batch);
                firsts.push(ids[0]);
                last = *ids.last().unwrap();
            }
            last
        })
    };

    let delivered = |tg: &FakeTelegram| -> usize {
        chats
            .iter()
            .zip(&wants)
            .map(|(chat, want)| arrived(&tg.texts_to(*chat), want))
            .sum()
    };
    let mut kill_points = Vec::new();
    for k in 0..KILLS {
        let now = tg.sent_total();
        let remaining = total_replies - delivered(&tg);
        // At least `remaining` more sends will come, so the target is reachable;
        // spreading the kills over what is left keeps all twenty in the run.
        let gap = (remaining / (KILLS - k + 1)).max(1);
        if remaining > 0 {
            let target = now + 1 + rng.below(gap);
            tg.wait_sent_total(target).await;
            kill_points.push(target);
        } else {
            kill_points.push(now);
        }
        bot.kill9();
        bot.restart();
    }
    let last_id = pusher.await.expect("the update stream");
    tg.wait_confirmed(last_id + 1).await;
    // Replies go out after their updates are confirmed: wait for all of them.
    tg.wait_until("every chat's replies", |tg| delivered(tg) == total_replies)
        .await;

    let mut resent = 0;
    let mut replays = 0;
    for (chat, want) in chats.iter().zip(&wants) {
        let sent = tg.texts_to(*chat);
        let r = check_chat(*chat, &sent, want, seed);
        match min_rewinds(&sent, want, FLUSH_SENT) {
            Some(n) => {
                assert!(
                    n <= KILLS,
                    "seed {seed}, chat {chat}: {n} replays after {KILLS} kills\nsent: {sent:#?}"
                );
                replays += n;
            }
            None => panic!(
                "seed {seed}, chat {chat}: not the expected replies replayed at most {FLUSH_SENT} back per crash\nexpected: {want:#?}\nsent: {sent:#?}"
            ),
        }
        assert!(
            r <= KILLS * FLUSH_SENT,
            "seed {seed}, chat {chat}: {r} re-sent replies after {KILLS} kills"
        );
        resent += r;
    }
    // A reply goes out twice only if a kill falls between sending it and
    // flushing its removal from the outbox: at most FLUSH_SENT per chat per kill.
    let bound = KILLS * CHATS as usize * FLUSH_SENT;
    assert!(
        resent <= bound,
        "seed {seed}: {resent} re-sent replies after {KILLS} kills (bound {bound})"
    );
    eprintln!(
        "seed {seed}: {KILLS} kills after {kill_points:?} sends; {} updates, {total_replies} replies, {resent} re-sent in {replays} replays",
        CHATS as usize * SCRIPT_LEN
    );
}
