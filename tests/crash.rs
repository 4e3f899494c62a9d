//! kill -9 in the middle of a burst of updates, restart, and prove that no update
//! was lost and none was applied twice. The expected replies come from the same
//! engine run in-process as an oracle.

use crate::support;

use netplus::app::{today_in_china, World};
use netplus::config::Config;
use netplus::engine::{self, Input, Profile, State};
use support::bot::{root, BotProcess};
use support::fake_tg::*;

const CHATS: i64 = 30;

fn script(k: i64) -> Vec<String> {
    let lang = ["1", "2", "3"][(k % 3) as usize];
    [
        "/start", lang, "1", "1", "1", "2", "4", "2", "2", "1", "3", "1", "2", "1", "/menu", "1",
        "3",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn expected(world: &World, script: &[String]) -> Vec<String> {
    let today = today_in_china();
    let ctx = world.ctx(&today);
    let mut profile = Profile::default();
    let mut state = State::New;
    let mut out = Vec::new();
    for line in script {
        let engine::Outcome {
            state: s, replies, ..
        } = engine::step(
            &ctx,
            &mut profile,
            std::mem::take(&mut state),
            Input::from_text(line),
        );
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
fn check_chat(chat: i64, sent: &[String], want: &[String]) -> usize {
    let mut j = 0;
    let mut resent = 0;
    for s in sent {
        if j < want.len() && *s == want[j] {
            j += 1;
        } else {
            assert!(want[..j].contains(s), "chat {chat}: unexpected message (an update applied twice?): {s}\nexpected: {want:#?}\nsent: {sent:#?}");
            resent += 1;
        }
    }
    assert_eq!(
        j,
        want.len(),
        "chat {chat}: {} of {} replies arrived (an update lost?)\nsent: {sent:#?}",
        j,
        want.len()
    );
    resent
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_burst_loses_nothing_and_applies_nothing_twice() {
    let cfg = Config {
        content_dir: root().join("content"),
        locales_dir: root().join("locales"),
        ..Config::default()
    };
    let world = World::load(&cfg).unwrap();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = BotProcess::start(&tg, &dir.path().join("db"));

    let scripts: Vec<Vec<String>> = (0..CHATS).map(script).collect();
    let rounds = scripts[0].len();
    let mut last_id = 0;
    for r in 0..rounds {
        for (k, s) in scripts.iter().enumerate() {
            last_id = tg.push_update(msg_update_lang(7000 + k as i64, &s[r], None));
        }
    }
    let total = CHATS as usize * rounds;
    // Three kills at different depths of the burst.
    let mut kills = 0;
    for percent in [20, 45, 70] {
        let at = total * percent / 100;
        if tg.sent().len() >= at {
            continue;
        }
        tg.wait_sent_total(at).await;
        bot.kill9();
        kills += 1;
        bot.restart();
    }
    tg.wait_confirmed(last_id + 1).await;
    // Replies go out after their updates are confirmed: wait for all of them.
    let wants: Vec<Vec<String>> = scripts.iter().map(|s| expected(&world, s)).collect();
    tg.wait_until("every chat's replies", |tg| {
        wants.iter().enumerate().all(|(k, want)| {
            let sent: Vec<String> = tg.texts_to(7000 + k as i64);
            arrived(&sent, want) == want.len()
        })
    })
    .await;

    let mut resent = 0;
    for (k, want) in wants.iter().enumerate() {
        let chat = 7000 + k as i64;
        let sent: Vec<String> = tg
            .sent_to(chat)
            .into_iter()
            .filter(|m| m.method.eq_ignore_ascii_case("sendMessage"))
            .map(|m| m.text)
            .collect();
        resent += check_chat(chat, &sent, want);
    }
    assert!(kills > 0, "the burst finished before any kill");
    // A reply goes out twice only if a kill falls between sending it and
    // flushing its removal from the outbox: at most FLUSH_SENT per chat per kill.
    let bound = kills * CHATS as usize * netplus::telegram::FLUSH_SENT;
    assert!(
        resent <= bound,
        "{resent} re-sent messages after {kills} kills (bound {bound})"
    );
    eprintln!("{kills} kills, {total} updates, {resent} replies re-sent");
}
