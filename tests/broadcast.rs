//! Staff broadcasts end to end (issue 3): the real `netplus serve` binary against
//! the fake Bot API server, with users seeded straight into its store.

use crate::support;

use netplus::app::World;
use netplus::engine::{msg, Action, BcOp, Profile};
use netplus::store::{Loaded, Store};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;
use support::bot::BotProcess;
use support::fake_tg::*;
use support::world::{button, t, world};

const STAFF: i64 = 900;
const FIRST_USER: i64 = 10_000;
const LANGS: [&str; 3] = ["zh-CN", "bo", "ug"];

/// Staff texts full of what breaks markup, in each script.
const ZH: &str = "<b>停电通知</b> & *明天* _9:00–17:00_ [详情](http://x.y) 1. `a` \\ #tag 2>1 &amp; ~删~ ||x|| 😀";
const BO: &str = "<i>གློག་མེད།</i> *སྔ་དྲོ་* _༩:༠༠_ & < > [ ] ( ) ` 📶";
const UG: &str = "ئەتە <b>توك</b> توختايدۇ *9:00* _ & < > {x} 😀 ئۇيغۇرچە";

fn data(op: BcOp) -> String {
    Action::Bc(op).encode()
}

/// `n` users from [`FIRST_USER`], languages in turn, plus the staff member (who
/// does not take announcements, to keep counts simple).
async fn seed(db: &Path, n: i64, tweak: impl Fn(i64, &mut Profile)) -> Vec<(i64, &'static str)> {
    let store = Store::open(db).unwrap();
    // Seen just now: the retention sweep keeps them.
    let now = netplus::app::unix_now();
    let seen = Profile {
        first_seen: now,
        last_seen: now,
        ..Profile::default()
    };
    let staff = Profile {
        lang: Some("zh-CN".into()),
        announcements: false,
        ..seen.clone()
    };
    store.put_profile(STAFF, &staff).unwrap();
    let mut users = Vec::new();
    for i in 0..n {
        let chat = FIRST_USER + i;
        let lang = LANGS[(i % 3) as usize];
        let mut p = Profile {
            lang: Some(lang.into()),
            ..seen.clone()
        };
        tweak(chat, &mut p);
        store.put_profile(chat, &p).unwrap();
        users.push((chat, lang));
    }
    store.flush().await.unwrap();
    users
}

fn start(tg: &FakeTelegram, db: &Path, rate: u32) -> BotProcess {
    let rate = rate.to_string();
    BotProcess::start_with(
        tg,
        db,
        &[
            ("NETPLUS_STAFF", "900"),
            ("NETPLUS_BROADCAST_RATE", rate.as_str()),
            ("NETPLUS_PAID_BROADCAST", "true"),
        ],
    )
}

fn messages(tg: &FakeTelegram, chat: i64) -> Vec<Sent> {
    tg.sent_to(chat)
        .into_iter()
        .filter(|s| s.method == "SendMessage")
        .collect()
}

fn has_button(sent: &Sent, data: &str) -> bool {
    sent.reply_markup
        .as_ref()
        .is_some_and(|m| m.to_string().contains(&format!("\"{data}\"")))
}

/// A private chat with the bot: each call waits for the bot's next messages.
struct Chat<'a> {
    tg: &'a FakeTelegram,
    id: i64,
    seen: usize,
}

impl<'a> Chat<'a> {
    fn new(tg: &'a FakeTelegram, id: i64) -> Chat<'a> {
        let seen = messages(tg, id).len();
        Chat { tg, id, seen }
    }

    /// Pushes an update and returns the next `n` messages to this chat.
    async fn next_n(&mut self, update: Value, n: usize) -> Vec<Sent> {
        self.tg.push_update(update);
        let want = self.seen + n;
        let id = self.id;
        self.tg
            .wait_until(&format!("{want} messages to {id}"), |tg| {
                messages(tg, id).len() >= want
            })
            .await;
        let all = messages(self.tg, self.id);
        let out = all[self.seen..want].to_vec();
        self.seen = want;
        out
    }

    async fn say(&mut self, text: &str) -> Sent {
        self.next_n(msg_update_lang(self.id, text, Some("zh")), 1)
            .await
            .remove(0)
    }

    async fn press(&mut self, data: &str) -> Sent {
        self.next_n(callback_update(self.id, data, 1), 1)
            .await
            .remove(0)
    }

    /// Sends `text` and waits for the first message after it that meets `cond`
    /// (late messages of an earlier job, such as its report, may come first).
    async fn say_until(&mut self, text: &str, what: &str, cond: impl Fn(&Sent) -> bool) -> Sent {
        self.tg
            .push_update(msg_update_lang(self.id, text, Some("zh")));
        self.wait_for(what, cond).await
    }

    /// Messages that arrive without an update of ours (progress, report).
    async fn wait_for(&mut self, what: &str, cond: impl Fn(&Sent) -> bool) -> Sent {
        let id = self.id;
        let seen = self.seen;
        self.tg
            .wait_until(what, |tg| {
                messages(tg, id)[seen.min(messages(tg, id).len())..]
                    .iter()
                    .any(&cond)
            })
            .await;
        let all = messages(self.tg, id);
        let hit = all[seen..].iter().find(|s| cond(s)).cloned().unwrap();
        self.seen = all.len();
        hit
    }
}

/// /broadcast, a text per language (`None`: skip), everyone, now: returns the
/// preview messages (header + verbatim text per text language, then the summary).
async fn compose(staff: &mut Chat<'_>, texts: [Option<&str>; 3]) -> Vec<Sent> {
    staff
        .say_until("/broadcast", "the first composition screen", |s| {
            has_button(s, &data(BcOp::Skip))
        })
        .await;
    for t in texts {
        match t {
            Some(t) => staff.say(t).await,
            None => staff.press(&data(BcOp::Skip)).await,
        };
    }
    staff.press(&data(BcOp::All)).await;
    let n = texts.iter().flatten().count() * 2 + 1;
    staff
        .next_n(callback_update(STAFF, &data(BcOp::Now), 1), n)
        .await
}

fn job_id(queued: &Sent) -> u64 {
    queued
        .text
        .split('#')
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no job id in {:?}", queued.text))
}

/// Each recipient's broadcast messages (those carrying the announcement button).
fn received(tg: &FakeTelegram, users: &[(i64, &str)]) -> HashMap<i64, Vec<Sent>> {
    let stop = Action::Announce(false).encode();
    users
        .iter()
        .map(|(c, _)| {
            (
                *c,
                messages(tg, *c)
                    .into_iter()
                    .filter(|s| has_button(s, &stop))
                    .collect(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_users_in_three_languages_get_their_own_text_byte_for_byte() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(60));
    // The fake enforces the same limit as the bot: any burst over it would be a 429.
    tg.set_send_rate_limit(Some(300));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    // Two who must not be reached: opted out, and known to have blocked the bot.
    let users = seed(&db, 1002, |chat, p| {
        p.announcements = chat != FIRST_USER + 1000;
        p.reachable = chat != FIRST_USER + 1001;
    })
    .await;
    let _bot = start(&tg, &db, 300);
    let mut staff = Chat::new(&tg, STAFF);

    // Refused when written: over Telegram's limit.
    staff.say("/broadcast").await;
    let m = staff.say(&"长".repeat(4097)).await;
    assert!(
        m.text.contains("4097") && m.text.contains("4096"),
        "{}",
        m.text
    );
    staff.press(&data(BcOp::Cancel)).await;

    let preview = compose(&mut staff, [Some(ZH), Some(BO), Some(UG)]).await;
    // Exactly what each language's users receive, and how many they are.
    for (i, (lang, text, n)) in [("zh-CN", ZH, "334"), ("bo", BO, "333"), ("ug", UG, "333")]
        .iter()
        .enumerate()
    {
        assert!(
            preview[2 * i].text.contains(n),
            "{lang}: {}",
            preview[2 * i].text
        );
        assert_eq!(preview[2 * i + 1].text, *text, "{lang} preview is verbatim");
        assert_eq!(preview[2 * i + 1].parse_mode, None);
    }
    let summary = preview.last().unwrap();
    assert!(summary.text.contains("1000"), "{}", summary.text);
    let queued = staff
        .press(&button(summary, &t(&w, "zh-CN", msg::BC_BTN_CONFIRM)))
        .await;
    let id = job_id(&queued);

    let report_title = format!("#{id}");
    let done = t(&w, "zh-CN", msg::BC_STATUS_DONE);
    let report = staff
        .wait_for("the report", |s| {
            s.text.contains(&report_title) && s.text.contains(&done)
        })
        .await;
    for lang in LANGS {
        assert!(
            report.text.contains(&t(&w, lang, msg::LANGUAGE_NAME)),
            "{}",
            report.text
        );
    }
    let got = received(&tg, &users);
    for (chat, lang) in &users[..1000] {
        let msgs = &got[chat];
        assert_eq!(msgs.len(), 1, "chat {chat}: {} messages", msgs.len());
        let want = match *lang {
            "zh-CN" => ZH,
            "bo" => BO,
            _ => UG,
        };
        assert_eq!(msgs[0].text, want, "chat {chat} ({lang})");
        assert_eq!(
            msgs[0].plain, want,
            "no entity parsing: what they see is what staff wrote"
        );
        assert!(msgs[0].parse_mode.is_none() && msgs[0].entities.is_none());
        // The stop button is in the recipient's language.
        assert!(msgs[0]
            .reply_markup
            .as_ref()
            .unwrap()
            .to_string()
            .contains(&t(&w, lang, msg::BTN_ANNOUNCE_OFF)));
    }
    assert!(got[&(FIRST_USER + 1000)].is_empty() && got[&(FIRST_USER + 1001)].is_empty());
    assert!(
        tg.responses_429().is_empty(),
        "never over the limit: {:?}",
        tg.responses_429().len()
    );
    // One progress message, edited rather than re-sent.
    let progress = messages(&tg, STAFF)
        .iter()
        .filter(|s| s.text.contains(&report_title) && has_button(s, &data(BcOp::Stop(id))))
        .count();
    assert_eq!(progress, 1);
    assert!(tg.calls("editMessageText") >= 1);
    // /broadcasts lists it.
    let list = staff.say("/broadcasts").await;
    assert!(
        list.text.contains(&report_title) && list.text.contains(&done),
        "{}",
        list.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_pauses_the_whole_job_and_blocked_users_become_unreachable() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(60));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 90, |_, _| {}).await;
    let blocked: Vec<i64> = users
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| c % 10 == 3)
        .collect();
    for c in &blocked {
        tg.block_chat(*c);
    }
    let mut bot = start(&tg, &db, 100);
    let mut staff = Chat::new(&tg, STAFF);
    let preview = compose(&mut staff, [Some(ZH), Some(BO), Some(UG)]).await;
    let queued = staff
        .press(&button(
            preview.last().unwrap(),
            &t(&w, "zh-CN", msg::BC_BTN_CONFIRM),
        ))
        .await;
    let id = job_id(&queued);
    // Some way in, Telegram says: wait 2 s.
    tg.wait_until("20 broadcast messages", |tg| {
        received(tg, &users).values().map(Vec::len).sum::<usize>() >= 20
    })
    .await;
    tg.fail_next("SendMessage", 429, Some(2), 1);
    let done = t(&w, "zh-CN", msg::BC_STATUS_DONE);
    staff
        .wait_for("the report", |s| {
            s.text.contains(&format!("#{id}")) && s.text.contains(&done)
        })
        .await;
    assert_eq!(
        tg.early_sends_after_429(),
        0,
        "nothing sent before retry_after expired"
    );
    let r429 = tg.responses_429();
    assert!(!r429.is_empty());
    let got = received(&tg, &users);
    for (chat, _) in &users {
        let n = got[chat].len();
        assert_eq!(n, usize::from(!blocked.contains(chat)), "chat {chat}");
    }
    // Every send after the first 429 waited out its retry_after.
    let first = r429[0].0;
    let after: Vec<_> = got
        .values()
        .flatten()
        .map(|s| s.at)
        .filter(|at| *at > first)
        .collect();
    assert!(
        after
            .iter()
            .all(|at| at.duration_since(first) >= Duration::from_millis(1990)),
        "a send came early"
    );
    // Blocked users are marked unreachable, so later broadcasts skip them.
    bot.stop();
    let store = Store::open(&db).unwrap();
    for c in &blocked {
        match store.profile(*c).unwrap() {
            Loaded::Found(p) => assert!(!p.reachable, "chat {c}"),
            other => panic!("{other:?}"),
        }
    }
    // Today's audience of "everyone", as the preview counts it.
    let everyone = netplus::broadcast::Draft {
        audience: Some(netplus::broadcast::Audience::All),
        ..Default::default()
    };
    let selection = netplus::broadcast::Selection::new(&everyone, &w.content, w.l10n.languages());
    let mut total = 0usize;
    store
        .for_each_profile(|_, p| total += usize::from(selection.audience_lang(&p).is_some()))
        .unwrap();
    assert_eq!(total, users.len() - blocked.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_in_the_middle_resumes_without_skipping_anyone() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(90));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 900, |_, _| {}).await;
    let rate = 200;
    let mut bot = start(&tg, &db, rate);
    let mut staff = Chat::new(&tg, STAFF);
    let preview = compose(&mut staff, [Some(ZH), Some(BO), Some(UG)]).await;
    let queued = staff
        .press(&button(
            preview.last().unwrap(),
            &t(&w, "zh-CN", msg::BC_BTN_CONFIRM),
        ))
        .await;
    let id = job_id(&queued);
    let mut kills = 0;
    for at in [150, 500] {
        tg.wait_until("broadcast progress", |tg| {
            received(tg, &users).values().map(Vec::len).sum::<usize>() >= at
        })
        .await;
        bot.kill9();
        kills += 1;
        bot.restart();
    }
    let done = t(&w, "zh-CN", msg::BC_STATUS_DONE);
    staff
        .wait_for("the report", |s| {
            s.text.contains(&format!("#{id}")) && s.text.contains(&done)
        })
        .await;
    let got = received(&tg, &users);
    let skipped: Vec<_> = got
        .iter()
        .filter(|(_, m)| m.is_empty())
        .map(|(c, _)| *c)
        .collect();
    assert!(skipped.is_empty(), "never reached: {skipped:?}");
    let twice: usize = got.values().map(|m| m.len() - 1).sum();
    // At most one message in flight per concurrent sender at each kill.
    let senders = (rate as usize / 4).clamp(4, 128);
    assert!(
        twice <= kills * senders,
        "{twice} duplicates after {kills} kills (bound {})",
        kills * senders
    );
    eprintln!(
        "{kills} kills: 0 skipped, {twice} sent twice (bound {})",
        kills * senders
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_completeness_gate_refuses_missing_languages_until_a_fallback_is_chosen() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 30, |_, _| {}).await;
    let _bot = start(&tg, &db, 100);
    let mut staff = Chat::new(&tg, STAFF);
    let preview = compose(&mut staff, [Some(ZH), None, None]).await;
    let summary = preview.last().unwrap();
    // Refused, naming the Tibetan and Uyghur users' languages; no confirm button.
    assert!(
        summary.text.contains(&t(&w, "bo", msg::LANGUAGE_NAME))
            && summary.text.contains(&t(&w, "ug", msg::LANGUAGE_NAME)),
        "{}",
        summary.text
    );
    assert!(!has_button(summary, &data(BcOp::Confirm)));
    // A typed or forged confirm changes nothing.
    let m = staff.press(&data(BcOp::Confirm)).await;
    assert!(!has_button(&m, &data(BcOp::Confirm)), "{}", m.text);
    // Staff choose the Mandarin text for them: now it can go.
    let fb = button(summary, &t(&w, "zh-CN", msg::LANGUAGE_NAME));
    let preview = staff.next_n(callback_update(STAFF, &fb, 1), 3).await;
    assert!(preview[0].text.contains("30"), "{}", preview[0].text);
    let queued = staff
        .press(&button(&preview[2], &t(&w, "zh-CN", msg::BC_BTN_CONFIRM)))
        .await;
    let id = job_id(&queued);
    staff
        .wait_for("the report", |s| {
            s.text.contains(&format!("#{id}"))
                && s.text.contains(&t(&w, "zh-CN", msg::BC_STATUS_DONE))
        })
        .await;
    let got = received(&tg, &users);
    assert!(users
        .iter()
        .all(|(c, _)| got[c].len() == 1 && got[c][0].text == ZH));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_staff_get_nothing_privileged_even_with_forged_staff_buttons() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 12, |_, _| {}).await;
    let _bot = start(&tg, &db, 100);
    let mallory = users[0].0; // a Mandarin user
    let mut m = Chat::new(&tg, mallory);
    let r = m.say("/broadcast").await;
    assert!(
        r.text
            .starts_with(&t(&w, "zh-CN", msg::NOTICE_UNKNOWN_COMMAND)),
        "{}",
        r.text
    );
    let r = m.say("/broadcasts").await;
    assert!(
        r.text
            .starts_with(&t(&w, "zh-CN", msg::NOTICE_UNKNOWN_COMMAND)),
        "{}",
        r.text
    );
    for op in [
        BcOp::All,
        BcOp::Now,
        BcOp::Confirm,
        BcOp::List,
        BcOp::Stop(1),
        BcOp::Fallback("zh-CN".into()),
    ] {
        let r = m.press(&data(op.clone())).await;
        assert!(
            r.text.starts_with(&t(&w, "zh-CN", msg::NOTICE_OLD_BUTTON)),
            "{op:?}: {}",
            r.text
        );
    }
    // Staff start a job; a forged stop from Mallory does not stop it.
    let mut staff = Chat::new(&tg, STAFF);
    let preview = compose(&mut staff, [Some(ZH), Some(BO), Some(UG)]).await;
    let queued = staff
        .press(&button(
            preview.last().unwrap(),
            &t(&w, "zh-CN", msg::BC_BTN_CONFIRM),
        ))
        .await;
    let id = job_id(&queued);
    m.press(&data(BcOp::Stop(id))).await;
    staff
        .wait_for("the report", |s| {
            s.text.contains(&format!("#{id}"))
                && s.text.contains(&t(&w, "zh-CN", msg::BC_STATUS_DONE))
        })
        .await;
    assert!(
        received(&tg, &users).values().all(|m| m.len() == 1),
        "the job ran to the end"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_stop_a_running_job_within_a_second_while_replies_keep_flowing() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(60));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 600, |_, _| {}).await;
    let _bot = start(&tg, &db, 20);
    let mut staff = Chat::new(&tg, STAFF);
    let preview = compose(&mut staff, [Some(ZH), Some(BO), Some(UG)]).await;
    let queued = staff
        .press(&button(
            preview.last().unwrap(),
            &t(&w, "zh-CN", msg::BC_BTN_CONFIRM),
        ))
        .await;
    let id = job_id(&queued);
    tg.wait_until("10 broadcast messages", |tg| {
        received(tg, &users).values().map(Vec::len).sum::<usize>() >= 10
    })
    .await;
    // A user chatting meanwhile is answered at once, not after 600 announcements.
    let mut u = Chat::new(&tg, 77);
    let asked = std::time::Instant::now();
    let r = u.say("/start").await;
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "reply took {:?}",
        asked.elapsed()
    );
    assert!(!r.text.is_empty());
    // The stop button on the progress message.
    let progress = messages(&tg, STAFF)
        .into_iter()
        .find(|s| has_button(s, &data(BcOp::Stop(id))))
        .expect("progress message");
    let stopped = staff.press(&button(&progress, &format!("#{id}"))).await;
    assert!(stopped.text.contains(&format!("#{id}")), "{}", stopped.text);
    let cancelled = t(&w, "zh-CN", msg::BC_STATUS_CANCELLED);
    staff
        .wait_for("the report", |s| {
            s.text.contains(&format!("#{id}")) && s.text.contains(&cancelled)
        })
        .await;
    let sends: Vec<_> = received(&tg, &users).into_values().flatten().collect();
    let late = sends
        .iter()
        .filter(|s| s.at > stopped.at + Duration::from_secs(1))
        .count();
    assert_eq!(late, 0, "messages sent more than a second after the stop");
    assert!(sends.len() < 300, "{} sent", sends.len());
    let list = staff.say("/broadcasts").await;
    assert!(
        list.text.contains(&cancelled) && !has_button(&list, &data(BcOp::Stop(id))),
        "{}",
        list.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_opt_out_with_stop_or_the_button_and_back_in_with_start() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(30));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 6, |_, _| {}).await;
    let _bot = start(&tg, &db, 100);
    let (a, b) = (users[1].0, users[2].0); // Tibetan, Uyghur
    let r = Chat::new(&tg, a).say("/stop").await;
    assert!(
        r.text.starts_with(&t(&w, "bo", msg::ANNOUNCE_OFF)),
        "{}",
        r.text
    );
    let mut staff = Chat::new(&tg, STAFF);
    broadcast(&w, &mut staff, &format!("{ZH} (1)")).await;
    let got = received(&tg, &users);
    assert!(got[&a].is_empty(), "opted out with /stop");
    assert_eq!(got[&b].len(), 1);
    // The button under the announcement, in the user's language.
    let stop = button(&got[&b][0], &t(&w, "ug", msg::BTN_ANNOUNCE_OFF));
    let r = Chat::new(&tg, b).press(&stop).await;
    assert!(
        r.text.starts_with(&t(&w, "ug", msg::ANNOUNCE_OFF)),
        "{}",
        r.text
    );
    // /start opts back in, and says so.
    let r = Chat::new(&tg, a).say("/start").await;
    assert!(
        r.text.contains(&t(&w, "bo", msg::ANNOUNCE_BACK_ON)),
        "{}",
        r.text
    );
    broadcast(&w, &mut staff, &format!("{ZH} (2)")).await;
    let got = received(&tg, &users);
    assert_eq!(got[&a].len(), 1, "back in");
    assert_eq!(got[&b].len(), 1, "opted out with the button");
}

/// The same text in every language to everyone, to the end; returns the job id.
async fn broadcast(w: &World, staff: &mut Chat<'_>, text: &str) -> u64 {
    let id = confirm(w, staff, text).await;
    report(w, staff, id, msg::BC_STATUS_DONE).await;
    id
}

/// The same text in every language to everyone, confirmed: returns the job id.
async fn confirm(w: &World, staff: &mut Chat<'_>, text: &str) -> u64 {
    let preview = compose(staff, [Some(text), Some(text), Some(text)]).await;
    let queued = staff
        .press(&button(
            preview.last().unwrap(),
            &t(w, "zh-CN", msg::BC_BTN_CONFIRM),
        ))
        .await;
    job_id(&queued)
}

/// Waits for job `id`'s final report (its title with `status`, and a line per
/// language: not the short "stopped" answer to a stop).
async fn report(w: &World, staff: &mut Chat<'_>, id: u64, status: &str) -> Sent {
    let status = t(w, "zh-CN", status);
    let title = format!("#{id}");
    let lang = t(w, "zh-CN", msg::LANGUAGE_NAME);
    staff
        .wait_for("the report", |s| {
            s.text.contains(&title) && s.text.contains(&status) && s.text.contains(&lang)
        })
        .await
}

/// Each user's announcements whose text contains `mark`.
fn received_with(tg: &FakeTelegram, users: &[(i64, &str)], mark: &str) -> HashMap<i64, usize> {
    received(tg, users)
        .into_iter()
        .map(|(c, m)| (c, m.iter().filter(|s| s.text.contains(mark)).count()))
        .collect()
}

/// `/forget` and its confirmation, in the user's own chat.
async fn forget(tg: &FakeTelegram, user: i64) {
    let mut c = Chat::new(tg, user);
    c.say("/forget").await;
    c.press(&Action::ForgetConfirm.encode()).await;
}

/// Every chat that has a recipient row in job `id`.
fn recipient_chats(store: &Store, id: u64) -> Vec<i64> {
    store
        .jobs()
        .unwrap()
        .recipients_after(id, None, 100_000)
        .unwrap()
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgotten_users_leave_every_job_and_the_unwilling_are_not_sent_to() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(60));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 40, |_, _| {}).await;
    let mut bot = start(&tg, &db, 10);
    let mut staff = Chat::new(&tg, STAFF);
    // A past job that reached everyone; then one of them forgets.
    let first = broadcast(&w, &mut staff, &format!("{ZH} (1)")).await;
    let a = users[0].0;
    forget(&tg, a).await;
    // A second job; while it runs, users late in the order forget, opt out and
    // block the bot (each applied before their turn comes).
    let second = confirm(&w, &mut staff, &format!("{ZH} (2)")).await;
    tg.wait_until("3 messages of the second job", |tg| {
        received_with(tg, &users, "(2)").values().sum::<usize>() >= 3
    })
    .await;
    let (b, c, d) = (users[39].0, users[38].0, users[37].0);
    forget(&tg, b).await;
    Chat::new(&tg, c).say("/stop").await;
    let u = tg.push_update(blocked_by_user_update(d));
    tg.wait_confirmed(u + 1).await;
    report(&w, &mut staff, second, msg::BC_STATUS_DONE).await;
    let got = received_with(&tg, &users, "(2)");
    for x in [a, b, c, d] {
        assert_eq!(got[&x], 0, "chat {x} got the second job");
    }
    assert_eq!(got.values().sum::<usize>(), users.len() - 4);
    bot.stop();
    let store = Store::open(&db).unwrap();
    for id in [first, second] {
        let chats = recipient_chats(&store, id);
        assert!(!chats.is_empty());
        for x in [a, b] {
            assert!(!chats.contains(&x), "forgotten chat {x} still in job {id}");
        }
    }
    for x in [a, b] {
        assert_eq!(store.profile(x).unwrap(), Loaded::Missing);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privilege_follows_the_user_who_pressed_not_the_chat() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(30));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 12, |_, _| {}).await;
    let mut bot = start(&tg, &db, 5);
    let (mallory, victim) = (users[0].0, users[1].0);
    let mut staff = Chat::new(&tg, STAFF);
    let preview = compose(&mut staff, [Some(ZH), Some(BO), Some(UG)]).await;
    let summary = preview.last().unwrap().clone();
    let confirm = button(&summary, &t(&w, "zh-CN", msg::BC_BTN_CONFIRM));
    // Buttons on the staff member's own message, pressed by someone else: the
    // confirm sends nothing, the cancel does not wipe the draft.
    for d in [confirm.clone(), data(BcOp::Cancel)] {
        let u = tg.push_update(callback_update_from(STAFF, mallory, &d, summary.message_id));
        tg.wait_confirmed(u + 1).await;
    }
    let queued = staff.press(&confirm).await;
    let id = job_id(&queued);
    assert!(
        queued.text.contains(&format!("#{id}")) && !has_button(&queued, &data(BcOp::Stop(id))),
        "the notice, not a progress message: {}",
        queued.text
    );
    // Nor does a stop pressed by someone else on the progress message stop it.
    tg.wait_until("a first announcement", |tg| {
        received(tg, &users).values().map(Vec::len).sum::<usize>() >= 1
    })
    .await;
    let progress = messages(&tg, STAFF)
        .into_iter()
        .find(|s| has_button(s, &data(BcOp::Stop(id))))
        .expect("progress message");
    let u = tg.push_update(callback_update_from(
        STAFF,
        mallory,
        &data(BcOp::Stop(id)),
        progress.message_id,
    ));
    tg.wait_confirmed(u + 1).await;
    // Nor can anyone confirm another user's /forget.
    let mut v = Chat::new(&tg, victim);
    v.say("/forget").await;
    let u = tg.push_update(callback_update_from(
        victim,
        mallory,
        &Action::ForgetConfirm.encode(),
        1,
    ));
    tg.wait_confirmed(u + 1).await;
    report(&w, &mut staff, id, msg::BC_STATUS_DONE).await;
    let got = received(&tg, &users);
    assert!(
        got.values().all(|m| m.len() == 1),
        "one job, run to the end: {:?}",
        got.values().map(Vec::len).collect::<Vec<_>>()
    );
    let queued_notices = messages(&tg, STAFF)
        .iter()
        .filter(|s| s.text.contains('#') && has_button(s, &data(BcOp::List)))
        .count();
    assert_eq!(queued_notices, 1, "one job confirmed");
    bot.stop();
    let store = Store::open(&db).unwrap();
    assert!(matches!(store.profile(victim).unwrap(), Loaded::Found(_)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_broadcast_exits_promptly_and_the_job_resumes() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(60));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 120, |_, _| {}).await;
    let mut bot = start(&tg, &db, 20);
    let mut staff = Chat::new(&tg, STAFF);
    let id = confirm(&w, &mut staff, ZH).await;
    tg.wait_until("10 broadcast messages", |tg| {
        received(tg, &users).values().map(Vec::len).sum::<usize>() >= 10
    })
    .await;
    let status = tokio::task::block_in_place(|| bot.stop_within(Duration::from_secs(10)));
    assert!(
        status.is_some_and(|s| s.success()),
        "no clean exit within 10 s after SIGTERM: {status:?}\n{}",
        bot.log_text()
    );
    let before = received(&tg, &users).values().map(Vec::len).sum::<usize>();
    assert!(before < users.len(), "stopped mid-broadcast");
    bot.restart();
    report(&w, &mut staff, id, msg::BC_STATUS_DONE).await;
    let got = received(&tg, &users);
    assert!(got.values().all(|m| !m.is_empty()), "nobody skipped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_stop_the_next_job_runs_and_the_list_counts_what_was_sent() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(30));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 200, |_, _| {}).await;
    let _bot = start(&tg, &db, 20);
    let mut staff = Chat::new(&tg, STAFF);
    let first = confirm(&w, &mut staff, &format!("{ZH} (1)")).await;
    tg.wait_until("10 broadcast messages", |tg| {
        received(tg, &users).values().map(Vec::len).sum::<usize>() >= 10
    })
    .await;
    let progress = messages(&tg, STAFF)
        .into_iter()
        .find(|s| has_button(s, &data(BcOp::Stop(first))))
        .expect("progress message");
    staff.press(&button(&progress, &format!("#{first}"))).await;
    report(&w, &mut staff, first, msg::BC_STATUS_CANCELLED).await;
    let sent: usize = received_with(&tg, &users, "(1)").values().sum();
    assert!(sent > 0 && sent < users.len(), "{sent} sent");
    // The next job is not held up by the stopped one.
    let second = broadcast(&w, &mut staff, &format!("{ZH} (2)")).await;
    assert_eq!(
        received_with(&tg, &users, "(2)").values().sum::<usize>(),
        users.len()
    );
    let list = staff.say("/broadcasts").await;
    let line = list
        .text
        .lines()
        .find(|l| l.contains(&format!("#{first} ")))
        .unwrap_or_else(|| panic!("job {first} not listed: {}", list.text));
    assert!(
        line.contains(&format!(" {sent}/{}", users.len())),
        "{sent} sent: {line}"
    );
    assert!(list.text.contains(&format!("#{second} ")), "{}", list.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_progress_message_follows_its_notice_survives_a_429_and_is_never_edited_in_vain() {
    let w = world();
    let tg = FakeTelegram::start()
        .await
        .with_deadline(Duration::from_secs(30));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let users = seed(&db, 40, |_, _| {}).await;
    let _bot = start(&tg, &db, 20);
    let mut staff = Chat::new(&tg, STAFF);
    let id = confirm(&w, &mut staff, ZH).await;
    // The staff chat's own limit: the next message there is refused once.
    tg.fail_next_to("SendMessage", STAFF, 429, Some(1), 1);
    let progress = staff
        .wait_for("the progress message", |s| {
            has_button(s, &data(BcOp::Stop(id)))
        })
        .await;
    // And once more for the report.
    tg.fail_next_to("SendMessage", STAFF, 429, Some(1), 1);
    report(&w, &mut staff, id, msg::BC_STATUS_DONE).await;
    let all = messages(&tg, STAFF);
    let at = |m: &Sent| all.iter().position(|s| s.message_id == m.message_id);
    let notice = all
        .iter()
        .find(|s| s.text.contains(&format!("#{id}")) && has_button(s, &data(BcOp::List)))
        .expect("the notice");
    assert!(
        at(notice) < at(&progress),
        "the progress message came before the notice that points to it"
    );
    let vain: Vec<_> = tg
        .rejected()
        .into_iter()
        .filter(|(m, _, d, _)| m == "EditMessageText" && d.contains("not modified"))
        .collect();
    assert!(vain.is_empty(), "edits without a change: {vain:?}");
    assert_eq!(
        received(&tg, &users).values().map(Vec::len).sum::<usize>(),
        users.len()
    );
}
