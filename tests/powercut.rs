//! Power cuts: the store on a file system that drops every write not yet fsynced
//! (`support::lazyfs`), the bot killed with -9 and the unsynced writes dropped
//! while users are walking through the bot. Telegram never delivers an update
//! again once it is confirmed, so every update confirmed before a cut must still
//! be applied after it: no user may find an earlier language than the one they
//! chose last.

use crate::support;

use netplus::app::today_in_china;
use netplus::engine::{self, msg, Input, Profile, State};
use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::io::AsRawFd;
use support::bot::BotProcess;
use support::fake_tg::*;
use support::lazyfs::LazyFs;
use support::world::{t, world};

const USERS: i64 = 30;
const FIRST: i64 = 7700;
const CUTS: usize = 4;
/// Updates pushed at a time.
const CHUNK: usize = 4;
const LANGS: [&str; 3] = ["zh-CN", "bo", "ug"];

fn mount() -> (tempfile::TempDir, support::lazyfs::Mounted) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).expect("mount point");
    let mounted = LazyFs::mount(&mnt).unwrap_or_else(|e| {
        panic!("cannot mount the test file system (needs /dev/fuse and root): {e}")
    });
    (dir, mounted)
}

/// The file system itself behaves as a disk with a volatile cache: what was
/// fsynced survives a cut, what was only written (or "synced" with
/// sync_file_range, as sled 0.34.7 does) does not.
#[test]
fn the_test_file_system_drops_exactly_the_unsynced_writes() {
    let (_dir, m) = mount();
    let synced = m.path.join("synced");
    let unsynced = m.path.join("unsynced");
    let ranged = m.path.join("ranged");
    let mut f = std::fs::File::create(&synced).unwrap();
    f.write_all(b"kept").unwrap();
    f.sync_data().unwrap();
    f.write_all(b" and lost").unwrap();
    std::fs::write(&unsynced, b"lost").unwrap();
    let mut r = std::fs::File::create(&ranged).unwrap();
    r.write_all(b"lost too").unwrap();
    // SAFETY: a plain syscall on an open descriptor.
    let rc = unsafe {
        libc_sync_file_range(r.as_raw_fd(), 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */)
    };
    assert_eq!(rc, 0, "sync_file_range");
    r.seek(SeekFrom::Start(0)).unwrap();
    assert_eq!(std::fs::read(&synced).unwrap(), b"kept and lost");

    assert_eq!(m.fs.power_cut(), 3);
    assert_eq!(std::fs::read(&synced).unwrap(), b"kept");
    assert_eq!(std::fs::read(&unsynced).unwrap(), b"");
    assert_eq!(std::fs::read(&ranged).unwrap(), b"");
}

extern "C" {
    #[link_name = "sync_file_range"]
    fn libc_sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> i32;
}

/// Thirty users switch languages while the bot is killed and the power cut
/// four times; after each cut every user's last choice, confirmed or delivered
/// again by Telegram, is the language of their /help.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirmed_updates_survive_power_cuts() {
    let w = world();
    let (_dir, m) = mount();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(std::time::Duration::from_secs(60));
    let mut bot = BotProcess::start_with(
        &tg,
        &m.path.join("db"),
        &[("NETPLUS_FLOOD_PER_MINUTE", "0")],
    );
    let users: Vec<i64> = (0..USERS).map(|k| FIRST + k).collect();
    let first = tg.push_updates(users.iter().map(|&u| msg_update_lang(u, "/start", None)));
    tg.wait_confirmed(first[first.len() - 1] + 1).await;

    let help: HashMap<&str, String> = LANGS.iter().map(|&l| (l, t(&w, l, msg::HELP))).collect();
    // What /help gets from a user whose state was lost (no language chosen).
    let forgotten = {
        let today = today_in_china();
        let ctx = w.ctx(&today);
        let mut profile = Profile::default();
        let out = engine::step(&ctx, &mut profile, State::New, Input::from_text("/help"));
        w.render(&profile, &out.replies[0]).text
    };
    let mut chosen: HashMap<i64, &str> = HashMap::new();
    let mut lost_total = 0;
    for cut in 0..CUTS {
        // Each user chooses a language (a different one each round) twice, so
        // the bot is busy committing when the power goes.
        let mut batch = Vec::new();
        for (k, &u) in users.iter().enumerate() {
            for step in 0..2 {
                let lang = LANGS[(k + cut * 2 + step) % LANGS.len()];
                batch.push(callback_update_lang(u, &format!("1L:{lang}"), 1, None));
                chosen.insert(u, lang);
            }
        }
        // Streamed in small chunks, each pushed once the one before it was
        // taken, so the bot is committing and replying when the power goes.
        let base = tg.push_updates(batch[..CHUNK].to_vec())[0];
        let ids: Vec<i64> = (base..base + batch.len() as i64).collect();
        let pusher = {
            let tg = tg.clone();
            tokio::spawn(async move {
                // Two chunks in flight: the next is pushed while the bot works.
                let mut firsts = vec![base];
                for chunk in batch[CHUNK..].chunks(CHUNK) {
                    if firsts.len() >= 2 {
                        tg.wait_confirmed(firsts[firsts.len() - 2] + 1).await;
                    }
                    firsts.push(tg.push_updates(chunk.to_vec())[0]);
                }
            })
        };
        // Cut once a part of the round (more each time) was confirmed.
        let part = (cut + 1) * ids.len() / (CUTS + 1);
        tg.wait_confirmed(ids[part] + 1).await;
        bot.kill9();
        let confirmed = tg.confirmed_offset();
        let lost = m.fs.power_cut();
        lost_total += lost;
        eprintln!(
            "cut {cut}: {} of {} updates of this round confirmed; {lost} files lost unsynced writes",
            ids.iter().filter(|&&id| id < confirmed).count(),
            ids.len(),
        );
        bot.restart();
        pusher.await.expect("the update stream");
        // Unconfirmed updates come again; confirmed ones must already be applied.
        tg.wait_confirmed(ids[ids.len() - 1] + 1).await;

        let before: HashMap<i64, usize> =
            users.iter().map(|&u| (u, tg.texts_to(u).len())).collect();
        let is_help =
            |s: &String| help.values().any(|h| s.starts_with(h.as_str())) || *s == forgotten;
        let asked = tg.push_updates(users.iter().map(|&u| msg_update_lang(u, "/help", None)));
        tg.wait_confirmed(asked[asked.len() - 1] + 1).await;
        tg.wait_until("a /help reply for every user", |tg| {
            users
                .iter()
                .all(|&u| tg.texts_to(u)[before[&u]..].iter().any(is_help))
        })
        .await;
        let mut wrong = Vec::new();
        for &u in &users {
            let texts = tg.texts_to(u);
            let answer = texts[before[&u]..].iter().rfind(|s| is_help(s));
            if !answer.is_some_and(|s| s.starts_with(help[chosen[&u]].as_str())) {
                wrong.push(u);
            }
        }
        assert!(
            wrong.is_empty(),
            "cut {cut}: {} of {USERS} users lost confirmed language choices: {wrong:?}\n{}",
            wrong.len(),
            bot.log_text()
        );
    }
    assert!(m.fs.syncs() > 0);
    eprintln!("{lost_total} files had unsynced writes at the cuts");
}
