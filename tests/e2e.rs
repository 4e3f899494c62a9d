//! End to end: the real `netplus serve` binary against the fake Bot API server,
//! over HTTP on 127.0.0.1, in all three languages.

use crate::support;

use netplus::app::World;
use netplus::engine::msg;
use serde_json::{json, Value};
use support::bot::BotProcess;
use support::fake_tg::*;
use support::world::{button, t, world};

struct Chat<'a> {
    tg: &'a FakeTelegram,
    id: i64,
    seen: usize,
}

impl<'a> Chat<'a> {
    fn new(tg: &'a FakeTelegram, id: i64) -> Chat<'a> {
        Chat { tg, id, seen: 0 }
    }

    /// Sends an update and returns the next message the bot sends to this chat.
    async fn next(&mut self, update: Value) -> Sent {
        self.tg.push_update(update);
        self.seen += 1;
        let all = self.tg.wait_sent_to(self.id, self.seen).await;
        let msgs: Vec<Sent> = all
            .into_iter()
            .filter(|s| s.method.eq_ignore_ascii_case("sendMessage"))
            .collect();
        assert!(
            msgs.len() >= self.seen,
            "chat {}: expected {} messages, got {}",
            self.id,
            self.seen,
            msgs.len()
        );
        msgs[self.seen - 1].clone()
    }

    async fn say(&mut self, text: &str) -> Sent {
        let u = msg_update(self.id, text);
        self.next(u).await
    }

    async fn say_lang(&mut self, text: &str, lang: Option<&str>) -> Sent {
        let u = msg_update_lang(self.id, text, lang);
        self.next(u).await
    }

    /// A first contact: `/start` (the picker, whatever Telegram's language),
    /// then one tap on 中文.
    async fn start_zh(&mut self, code: Option<&str>) -> Sent {
        self.say_lang("/start", code).await;
        self.press("1L:zh-CN").await
    }

    async fn press(&mut self, data: &str) -> Sent {
        let u = callback_update(self.id, data, 1);
        self.next(u).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn picker_packages_and_questionnaire_in_three_languages() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = BotProcess::start(&tg, &dir.path().join("db"));

    // Mandarin: Telegram says zh-hans, which is no guide (Tibetan and Uyghur
    // readers arrive with it too): the picker in three scripts, one tap to 中文.
    let mut zh = Chat::new(&tg, 1001);
    let m = zh.say_lang("/start", Some("zh-hans")).await;
    for l in ["zh-CN", "bo", "ug"] {
        assert!(m.text.contains(&t(&w, l, msg::LANG_PROMPT)), "{}", m.text);
    }
    let m = zh
        .press(&button(&m, &t(&w, "zh-CN", msg::LANGUAGE_NAME)))
        .await;
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::LANG_SET)),
        "{}",
        m.text
    );
    // The way back to the picker is labelled in every script.
    let to_picker = language_button(&m);
    for l in ["zh-CN", "bo", "ug"] {
        assert!(
            to_picker.contains(&t(&w, l, msg::LANGUAGE_WORD)),
            "{to_picker}"
        );
    }

    // Tibetan and Uyghur users arrive with "en" or nothing: the picker, each
    // language in its own script.
    for (chat, lang, code) in [(1002, "bo", Some("en")), (1003, "ug", None)] {
        let mut c = Chat::new(&tg, chat);
        let m = c.say_lang("/start", code).await;
        for l in ["zh-CN", "bo", "ug"] {
            assert!(m.text.contains(&t(&w, l, msg::LANG_PROMPT)), "{}", m.text);
        }
        let name = t(&w, lang, msg::LANGUAGE_NAME);
        let m = c.press(&button(&m, &name)).await;
        assert!(
            m.text.starts_with(&t(&w, lang, msg::LANG_SET)),
            "{}",
            m.text
        );
        run_packages_and_quiz(&w, &mut c, lang).await;
    }
    run_packages_and_quiz(&w, &mut zh, "zh-CN").await;

    // setMyCommands: the default list and one per language, from Fluent.
    for code in ["zh", "bo", "ug"] {
        let cmds = tg
            .commands(Some(code))
            .unwrap_or_else(|| panic!("no commands for {code}"));
        let lang = match code {
            "zh" => "zh-CN",
            other => other,
        };
        assert!(
            cmds.to_string().contains(&t(&w, lang, msg::CMD_CHECK)),
            "{cmds}"
        );
    }
    assert!(tg.commands(None).is_some());
}

/// The label of the button that opens the language picker.
fn language_button(m: &Sent) -> String {
    let rows = m
        .reply_markup
        .as_ref()
        .and_then(|k| k["inline_keyboard"].as_array().cloned())
        .unwrap_or_default();
    rows.iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .find(|b| b["callback_data"] == "1l")
        .and_then(|b| b["text"].as_str().map(String::from))
        .unwrap_or_else(|| panic!("no language button in {:?}", m.reply_markup))
}

/// A first contact from a Tibetan county's poster (`/start 540121`) while
/// Telegram says `zh`: the picker, Tibetan first, in three scripts. Then the FAQ
/// by buttons only: Ask → a topic group → a topic's answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn county_language_first_and_the_faq_by_buttons() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = BotProcess::start(&tg, &dir.path().join("db"));
    let mut c = Chat::new(&tg, 1101);
    let m = c.say_lang("/start 540121", Some("zh")).await;
    let rows = m.reply_markup.as_ref().unwrap()["inline_keyboard"].clone();
    assert_eq!(rows[0][0]["callback_data"], "1L:bo", "{rows}");
    assert_eq!(rows.as_array().map(Vec::len), Some(3), "{rows}");
    for l in ["zh-CN", "bo", "ug"] {
        assert!(m.text.contains(&t(&w, l, msg::LANG_PROMPT)), "{}", m.text);
    }
    assert!(
        m.text.starts_with(&t(&w, "bo", msg::LANG_PROMPT)),
        "{}",
        m.text
    );
    let m = c.press("1L:bo").await;
    assert!(
        m.text.starts_with(&t(&w, "bo", msg::LANG_SET)),
        "{}",
        m.text
    );

    let m = c.press(&button(&m, &t(&w, "bo", msg::MENU_ASK))).await;
    assert!(
        m.text.starts_with(&t(&w, "bo", msg::ASK_PROMPT)),
        "{}",
        m.text
    );
    let signal = t(&w, "bo", "faq-group-signal");
    let m = c.press(&button(&m, &signal)).await;
    assert!(m.text.contains(&signal), "{}", m.text);
    let title = t(&w, "bo", "faq-no-signal-title");
    let m = c.press(&button(&m, &title)).await;
    assert!(
        m.text.starts_with(&t(&w, "bo", "faq-no-signal-a")),
        "{}",
        m.text
    );

    // Typed numbers pick the same buttons: Ask, the second group, its first topic.
    let m = c.say("/ask").await;
    let fees = t(&w, "bo", "faq-group-fees");
    assert_eq!(button(&m, &fees), "1g:fees:0");
    let m = c.say("2").await;
    assert!(m.text.contains(&fees), "{}", m.text);
    let m = c.say("༡").await;
    assert!(m.text.starts_with(&t(&w, "bo", "faq-fees-a")), "{}", m.text);
}

async fn run_packages_and_quiz(w: &World, c: &mut Chat<'_>, lang: &str) {
    let m = c.say("/menu").await;
    let m = c.press(&button(&m, &t(w, lang, msg::MENU_PACKAGES))).await;
    assert!(m.text.starts_with(&t(w, lang, msg::PACKAGES_TITLE)));
    let village = t(w, lang, "pkg-village-name");
    let m = c.press(&button(&m, &village)).await;
    assert!(m.text.starts_with(&village), "{}", m.text);
    assert!(
        m.text.contains(" 8 ") || m.text.contains(" 8") || m.text.contains("8 "),
        "price as a plain number: {}",
        m.text
    );
    // "Can I get it?" from the card asks only what this package needs: the
    // county by name, the household, whether they already have it.
    let m = c.press(&button(&m, &t(w, lang, msg::BTN_CHECK))).await;
    let (asked, m) = answer_quiz(
        w,
        c,
        m,
        lang,
        &[
            ("county", "540121"),
            ("household", "dibao"),
            ("has-support", "no"),
        ],
    )
    .await;
    assert_eq!(asked, ["county", "household", "has-support"]);
    assert!(m.text.starts_with("✅"), "{}", m.text);
    let m = c.press(&button(&m, &t(w, lang, msg::BTN_APPLY))).await;
    assert!(
        m.text.contains(&t(w, lang, "pkg-village-bring")),
        "{}",
        m.text
    );
    // The whole questionnaire: the county is known now, and at 68 nobody asks
    // about school.
    let m = c.say("/check").await;
    assert!(
        m.text.starts_with(&t(w, lang, msg::QUIZ_INTRO)),
        "{}",
        m.text
    );
    let (asked, m) = answer_quiz(
        w,
        c,
        m,
        lang,
        &[
            ("age", "60-plus"),
            ("household", "dibao"),
            ("has-support", "no"),
        ],
    )
    .await;
    assert_eq!(asked, ["age", "household", "has-support"]);
    assert!(m.text.starts_with("✅"), "{}", m.text);
    // Each package they can get is a button to what to bring; the rest, "why not?".
    let elderly = t(w, lang, "pkg-elderly-name");
    let m2 = c.press(&button(&m, &elderly)).await;
    assert!(
        m2.text.contains(&t(w, lang, "pkg-elderly-bring")),
        "{}",
        m2.text
    );
    let m = c.press(&button(&m2, &t(w, lang, msg::BTN_BACK))).await;
    let m = c.press(&button(&m, &t(w, lang, msg::BTN_WHY_NOT))).await;
    let m = c.press(&button(&m, &t(w, lang, "pkg-student-name"))).await;
    assert!(
        m.text.contains(&t(w, lang, "need-student-yes")),
        "{}",
        m.text
    );
    assert!(m.text.chars().count() < 500, "{}", m.text);
}

/// Answers the questionnaire from `script` (question → choice) by pressing
/// buttons, whatever it asks, until it stops asking; returns the questions
/// asked and the last message.
async fn answer_quiz(
    w: &World,
    c: &mut Chat<'_>,
    mut m: Sent,
    lang: &str,
    script: &[(&str, &str)],
) -> (Vec<String>, Sent) {
    let questions = [
        "county",
        "age",
        "household",
        "disability",
        "student",
        "has-support",
    ];
    let mut asked = Vec::new();
    while let Some(q) = questions
        .iter()
        .find(|q| m.text.contains(&t(w, lang, &format!("q-{q}"))))
    {
        let v = script
            .iter()
            .find(|(x, _)| x == q)
            .unwrap_or_else(|| panic!("asked {q}: {}", m.text))
            .1;
        let label = if *q == "county" {
            t(w, lang, &format!("county-{v}"))
        } else {
            t(w, lang, &format!("q-{q}-{v}"))
        };
        asked.push(q.to_string());
        m = c.press(&button(&m, &label)).await;
        assert!(asked.len() <= 6, "{}", m.text);
    }
    (asked, m)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_numbers_in_every_script_and_keywords() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = BotProcess::start(&tg, &dir.path().join("db"));
    let mut c = Chat::new(&tg, 2001);
    c.say("/start").await;
    let m = c.say("༢").await; // Tibetan 2: the second language in the picker
    assert!(m.text.starts_with(&t(&w, "bo", msg::LANG_SET)));
    for (typed, expect) in [
        ("１", msg::PACKAGES_TITLE),
        ("/menu", msg::MENU_TITLE),
        ("١", msg::PACKAGES_TITLE),
        ("/menu", msg::MENU_TITLE),
        ("۱", msg::PACKAGES_TITLE),
    ] {
        let m = c.say(typed).await;
        assert!(
            m.text.starts_with(&t(&w, "bo", expect)),
            "{typed}: {}",
            m.text
        );
    }
    // A Tibetan keyword for the menu.
    let kw = t(&w, "bo", "kw-menu");
    let first = kw.split(',').next().unwrap().trim().to_string();
    let m = c.say(&first).await;
    assert!(
        m.text.starts_with(&t(&w, "bo", msg::MENU_TITLE)),
        "{first}: {}",
        m.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_polite_answers_and_loses_nothing() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bot = BotProcess::start(&tg, &dir.path().join("db"));
    let mut c = Chat::new(&tg, 3001);
    c.start_zh(Some("zh-CN")).await;
    let updated = t(&w, "zh-CN", msg::NOTICE_UPDATED);
    for forged in [
        "garbage",
        "0m",
        "9P:village",
        "1P:../../etc",
        &"1".repeat(64),
        "1a:age:999",
    ] {
        let m = c.press(forged).await;
        assert!(
            m.text.starts_with(&updated)
                || m.text.starts_with(&t(&w, "zh-CN", msg::NOTICE_OLD_BUTTON)),
            "{forged}: {}",
            m.text
        );
    }
    let m = c.next(sticker_update(3001)).await;
    assert!(m.text.starts_with(&t(&w, "zh-CN", msg::NOTICE_UNSUPPORTED)));
    let m = c.next(photo_update(3001)).await;
    assert!(m.text.starts_with(&t(&w, "zh-CN", msg::NOTICE_UNSUPPORTED)));
    // 4,000 characters: read as a question, politely not answered.
    let m = c.say(&"话".repeat(4000)).await;
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::FAQ_UNSURE))
            || m.text.starts_with(&t(&w, "zh-CN", msg::FAQ_NOTHING)),
        "{}",
        m.text
    );
    let m = c.say("/nonsense").await;
    assert!(m
        .text
        .starts_with(&t(&w, "zh-CN", msg::NOTICE_UNKNOWN_COMMAND)));
    // Ignored on purpose: edits, groups, and updates that do not parse.
    tg.push_update(edited_message_update(3001, "edited"));
    tg.push_update(group_message_update(-100500, 3001, "/start"));
    tg.push_raw_update(json!({"update_id": 999_999_000, "message": {"garbage": true}}));
    tg.push_raw_update(json!({"no_update_id": true}));
    // The next real message is still answered, in order.
    let m = c.say("/menu").await;
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::MENU_TITLE)),
        "{}",
        m.text
    );
    assert!(tg.sent_to(-100500).is_empty(), "group chats are ignored");
    tg.wait_confirmed(999_999_001).await;
    assert!(
        !bot.log_text().contains(FakeTelegram::TOKEN),
        "the token must never be logged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_errors_do_not_stop_the_bot() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let _bot = BotProcess::start(&tg, &dir.path().join("db"));
    let mut c = Chat::new(&tg, 4001);
    c.start_zh(Some("zh")).await;
    // 429: the reply waits for retry_after, then arrives.
    tg.fail_next("SendMessage", 429, Some(1), 1);
    let m = c.say("/menu").await;
    assert!(m.text.starts_with(&t(&w, "zh-CN", msg::MENU_TITLE)));
    assert_eq!(
        tg.early_sends_after_429(),
        0,
        "nothing sent before retry_after expired"
    );
    // 400 on one reply: logged, dropped, the next one flows.
    tg.fail_next("SendMessage", 400, None, 1);
    tg.push_update(msg_update(4001, "/help"));
    let m = c.say("/menu").await;
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::MENU_TITLE)),
        "{}",
        m.text
    );
    // 403: a user who blocked the bot does not hold up anyone else.
    tg.block_chat(4002);
    tg.push_update(msg_update_lang(4002, "/start", Some("zh")));
    let mut other = Chat::new(&tg, 4003);
    let m = other.say_lang("/start", Some("zh")).await;
    assert!(
        m.text.contains(&t(&w, "zh-CN", msg::LANG_PROMPT)),
        "{}",
        m.text
    );
}

/// A 5xx is transient: the reply is retried with backoff, never dropped, and
/// arrives exactly once (it used to be counted as a 400 and lost).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_answered_500_is_retried_and_arrives_once() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bot = BotProcess::start(&tg, &dir.path().join("db"));
    let mut c = Chat::new(&tg, 4101);
    c.start_zh(Some("zh")).await;
    tg.fail_next("SendMessage", 500, None, 2);
    tg.fail_next("SendMessage", 502, None, 1);
    let m = c.say("/menu").await;
    assert!(
        m.text.starts_with(&t(&w, "zh-CN", msg::MENU_TITLE)),
        "{}",
        m.text
    );
    // The next reply comes after it, and the menu came exactly once.
    let m = c.say("/help").await;
    assert!(m.text.starts_with(&t(&w, "zh-CN", msg::HELP)), "{}", m.text);
    let menus = tg
        .texts_to(4101)
        .iter()
        .filter(|t| t.starts_with(&netplus_menu_title(&w)))
        .count();
    assert_eq!(menus, 1, "{:?}", tg.texts_to(4101));
    assert!(
        !bot.log_text().contains("Telegram refused a reply"),
        "{}",
        bot.log_text()
    );
}

fn netplus_menu_title(w: &World) -> String {
    t(w, "zh-CN", msg::MENU_TITLE)
}

/// A bot restart in the middle of the questionnaire continues where it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questionnaire_survives_a_restart() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut bot = BotProcess::start(&tg, &dir.path().join("db"));
    let mut c = Chat::new(&tg, 5001);
    c.say("/start").await;
    c.say("3").await; // ug
    let mut m = c.say("/check").await;
    for (q, v) in [
        ("county", "653121"),
        ("age", "18-59"),
        ("household", "low-income"),
    ] {
        let label = if q == "county" {
            t(&w, "ug", &format!("county-{v}"))
        } else {
            t(&w, "ug", &format!("q-{q}-{v}"))
        };
        m = c.press(&button(&m, &label)).await;
    }
    let status = bot.stop();
    assert!(
        status.success(),
        "clean exit on SIGTERM: {status:?}\n{}",
        bot.log_text()
    );
    bot.restart();
    // The old message's button for the student question still works after the restart.
    assert!(m.text.contains(&t(&w, "ug", "q-student")), "{}", m.text);
    let m = c.press(&button(&m, &t(&w, "ug", "q-student-no"))).await;
    let next = t(&w, "ug", "q-has-support");
    assert!(
        m.text.contains(&next),
        "continues with the next question: {}",
        m.text
    );
    let m = c.press(&button(&m, &t(&w, "ug", "q-has-support-no"))).await;
    assert!(m.text.starts_with("✅"), "{}", m.text);
    button(&m, &t(&w, "ug", "pkg-village-name"));
}

/// A session stored by an incompatible version: the user is told, not stuck.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undecodable_session_gets_the_updated_notice() {
    let w = world();
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let store = netplus::store::Store::open(&db).unwrap();
        // Seen just now: the retention sweep erases profiles unseen for 180 days.
        let p = netplus::engine::Profile {
            lang: Some("bo".into()),
            last_seen: netplus::app::unix_now(),
            ..Default::default()
        };
        store.put_profile(6001, &p).unwrap();
        store
            .put_session_bytes(
                6001,
                br#"{"v":1,"state":{"at":"screen-from-the-future"},"last_update":0}"#,
            )
            .unwrap();
        store.flush().await.unwrap();
    }
    let _bot = BotProcess::start(&tg, &db);
    let mut c = Chat::new(&tg, 6001);
    let m = c.say("1").await;
    assert!(
        m.text.starts_with(&t(&w, "bo", msg::NOTICE_UPDATED)),
        "{}",
        m.text
    );
    let m = c.say("/menu").await;
    assert!(m.text.starts_with(&t(&w, "bo", msg::MENU_TITLE)));
}

/// Replaces, in the Fluent text `ftl`, every message that `over` defines.
fn override_messages(ftl: &str, over: &str) -> String {
    let ids: Vec<&str> = over
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains(" ="))
        .filter_map(|l| l.split(" =").next())
        .collect();
    let mut out = String::new();
    let mut skipping = false;
    for line in ftl.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            skipping = ids.iter().any(|id| line.starts_with(&format!("{id} =")));
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    for block in split_messages(over) {
        if ftl.contains(&format!("\n{} =", block.0)) || ftl.starts_with(&format!("{} =", block.0)) {
            out.push_str(&block.1);
        }
    }
    out
}

/// (id, text with its continuation lines) of each message in `ftl`.
fn split_messages(ftl: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in ftl.lines() {
        match out.last_mut() {
            Some((_, text)) if line.starts_with(' ') => {
                text.push_str(line);
                text.push('\n');
            }
            _ => {
                if let Some(id) = line.split(" =").next().filter(|_| line.contains(" =")) {
                    out.push((id.to_string(), format!("{line}\n")));
                }
            }
        }
    }
    out
}

/// A fourth language is data: a folder and a table row. Kazakh (written in
/// Arabic script in China) gets its own menu and FAQ answers, its questions
/// do not land in the Uyghur documents, and Uyghur questions still do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fourth_language_kazakh_is_data_only() {
    let root = support::bot::root();
    let fixture = root.join("tests/data/locales-kk");
    let dir = tempfile::tempdir().unwrap();
    let locales = dir.path().join("locales");
    for lang in ["zh-CN", "bo", "ug"] {
        std::fs::create_dir_all(locales.join(lang)).unwrap();
        for e in std::fs::read_dir(root.join("locales").join(lang)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), locales.join(lang).join(e.file_name())).unwrap();
        }
    }
    let over = std::fs::read_to_string(fixture.join("kk.ftl")).unwrap();
    std::fs::create_dir_all(locales.join("kk")).unwrap();
    for e in std::fs::read_dir(root.join("locales/ug")).unwrap() {
        let e = e.unwrap();
        let ug = std::fs::read_to_string(e.path()).unwrap();
        std::fs::write(
            locales.join("kk").join(e.file_name()),
            override_messages(&ug, &over),
        )
        .unwrap();
    }
    let mut table = std::fs::read_to_string(root.join("locales/languages.toml")).unwrap();
    table.push_str(&std::fs::read_to_string(fixture.join("row.toml")).unwrap());
    std::fs::write(locales.join("languages.toml"), table).unwrap();

    let cfg = netplus::config::Config {
        content_dir: root.join("content"),
        locales_dir: locales.clone(),
        languages: vec!["zh-CN".into(), "bo".into(), "ug".into(), "kk".into()],
        ..netplus::config::Config::default()
    };
    let w = World::load(&cfg).expect("the four-language fixture loads");
    let kk_answer = t(&w, "kk", "faq-balance-a");
    let ug_answer = t(&w, "ug", "faq-balance-a");
    assert_ne!(kk_answer, ug_answer);

    let tg = FakeTelegram::start().await;
    let loc = locales.to_string_lossy().to_string();
    let _bot = BotProcess::start_with(
        &tg,
        &dir.path().join("db"),
        &[
            ("NETPLUS_LOCALES_DIR", loc.as_str()),
            ("NETPLUS_LANGUAGES", "zh-CN,bo,ug,kk"),
        ],
    );
    // Kazakh: in the picker, its own menu, its own answer to a Kazakh question.
    let mut kk = Chat::new(&tg, 4001);
    let m = kk.say("/start").await;
    let m = kk
        .press(&button(&m, &t(&w, "kk", msg::LANGUAGE_NAME)))
        .await;
    assert!(
        m.text.starts_with(&t(&w, "kk", msg::LANG_SET)),
        "{}",
        m.text
    );
    assert!(m.text.contains(&t(&w, "kk", msg::MENU_TITLE)), "{}", m.text);
    let m = kk.say("تەلەفون اقشامنىڭ قالدىعىن قالاي كورەمىن؟").await;
    assert!(m.text.contains(&kk_answer), "kk got: {}", m.text);

    // Uyghur: the same script, still the Uyghur documents.
    let mut ug = Chat::new(&tg, 4002);
    let m = ug.say("/start").await;
    ug.press(&button(&m, &t(&w, "ug", msg::LANGUAGE_NAME)))
        .await;
    let m = ug.say("تېلېفون پۇلۇمنىڭ قالدۇقىنى قانداق كۆرىمەن؟").await;
    assert!(m.text.contains(&ug_answer), "ug got: {}", m.text);
    assert!(
        tg.commands(Some("kk")).is_some(),
        "kk command menu from the table row"
    );
}
