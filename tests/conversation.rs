//! The conversation as users really write it, on the shipped content and
//! locales, through the engine alone (no Bot API): what issue 9 found and fixed.

use crate::support;

use netplus::engine::{self, msg, Effect, Input, Profile, State};
use support::world::{t, world};

const TODAY: &str = "2026-11-30";

fn user(lang: &str) -> Profile {
    Profile {
        lang: Some(lang.into()),
        ..Profile::default()
    }
}

/// Greetings, thanks, "ok" and emoji, as each language's users type them: a
/// short friendly reply in the user's language, the buttons of where they are,
/// the state unchanged, and nothing in the staff inbox.
#[test]
fn small_talk_gets_a_friendly_word_and_is_not_an_unanswered_question() {
    let w = world();
    let ctx = w.ctx(TODAY);
    let cases: &[(&str, &str, &str)] = &[
        ("zh-CN", "你好", msg::SMALLTALK_HELLO),
        ("zh-CN", "在吗？", msg::SMALLTALK_HELLO),
        ("zh-CN", "谢谢！", msg::SMALLTALK_THANKS),
        ("zh-CN", "谢谢你", msg::SMALLTALK_THANKS),
        ("zh-CN", "好的", msg::SMALLTALK_OK),
        ("zh-CN", "👍", msg::SMALLTALK_OK),
        ("zh-CN", "🙏🙏", msg::SMALLTALK_OK),
        ("bo", "བཀྲ་ཤིས་བདེ་ལེགས།", msg::SMALLTALK_HELLO),
        ("bo", "བཀྲ ཤིས བདེ ལེགས", msg::SMALLTALK_HELLO),
        ("bo", "ཐུགས་རྗེ་ཆེ།", msg::SMALLTALK_THANKS),
        ("bo", "ཐུགས རྗེ ཆེ", msg::SMALLTALK_THANKS),
        ("bo", "👍🏽", msg::SMALLTALK_OK),
        ("ug", "ياخشىمۇسىز", msg::SMALLTALK_HELLO),
        ("ug", "سالام", msg::SMALLTALK_HELLO),
        ("ug", "رەھمەت!", msg::SMALLTALK_THANKS),
        ("ug", "rehmet", msg::SMALLTALK_THANKS),
        ("ug", "ماقۇل", msg::SMALLTALK_OK),
        ("ug", "❤️", msg::SMALLTALK_OK),
    ];
    for &(lang, text, want) in cases {
        for state in [State::Menu, State::Packages, State::Ask] {
            let mut p = user(lang);
            let out = engine::step(&ctx, &mut p, state.clone(), Input::from_text(text));
            let case = format!("{lang} {text:?} in {state:?}");
            assert_eq!(out.state, state, "{case}");
            assert!(
                !out.effects
                    .iter()
                    .any(|e| matches!(e, Effect::Unanswered { .. })),
                "{case}: recorded as unanswered"
            );
            let [r] = out.replies.as_slice() else {
                panic!("{case}: {:?}", out.replies)
            };
            let shown = w.render(&p, r);
            assert_eq!(shown.text, t(&w, lang, want), "{case}");
            let screen = engine::view(&ctx, &p, &state);
            assert_eq!(r.buttons, screen.buttons, "{case}: the screen's buttons");
        }
    }
}

/// A greeting with a question in it is a question, and while talking to staff
/// a "thank you" is for the person.
#[test]
fn small_talk_inside_a_question_or_to_staff_is_not_small_talk() {
    let w = world();
    let mut ctx = w.ctx(TODAY);
    let mut p = user("zh-CN");
    let out = engine::step(
        &ctx,
        &mut p,
        State::Menu,
        Input::from_text("你好，我的手机没有信号"),
    );
    assert!(
        matches!(out.state, State::Answered { .. } | State::Suggest { .. }),
        "{:?}",
        out.state
    );
    ctx.handoff = true;
    let out = engine::step(&ctx, &mut p, State::Human, Input::from_text("谢谢"));
    assert!(
        out.effects.iter().any(|e| matches!(e, Effect::ToStaff(_))),
        "{:?}",
        out.effects
    );
}

/// "My phone is broken" is not "suspend your number": a careful answer (one
/// that cannot be undone) needs a clear match, else it is asked first as a
/// choice, without filling the staff inbox.
#[test]
fn a_careful_answer_needs_a_clear_question_or_is_asked_first() {
    let w = world();
    let ctx = w.ctx(TODAY);
    let ask = |lang: &str, text: &str| {
        let mut p = user(lang);
        engine::step(&ctx, &mut p, State::Menu, Input::from_text(text))
    };
    for (lang, text) in [
        ("zh-CN", "手机坏了"),
        ("zh-CN", "手机摔坏了怎么办"),
        ("bo", "ཁ་པར་ཆག་སོང་།"),
        ("ug", "تېلېفونۇم بۇزۇلۇپ قالدى"),
    ] {
        let out = ask(lang, text);
        assert!(
            matches!(&out.state, State::Answered { topic, .. } if topic == "broken-phone"),
            "{lang} {text:?}: {:?}",
            out.state
        );
    }
    // Clearly about a lost SIM: answered.
    let out = ask("zh-CN", "手机卡丢了怎么办");
    assert!(
        matches!(&out.state, State::Answered { topic, .. } if topic == "lost-sim"),
        "{:?}",
        out.state
    );
    // Less clear: asked first, with that topic as the first choice.
    let out = ask("zh-CN", "我的卡丢了");
    match &out.state {
        State::Suggest { topics } => {
            assert_eq!(topics.first().map(String::as_str), Some("lost-sim"))
        }
        s => panic!("{s:?}"),
    }
    assert!(
        !out.effects
            .iter()
            .any(|e| matches!(e, Effect::Unanswered { .. })),
        "{:?}",
        out.effects
    );
}

/// A careful topic the FAQ does not have is refused with its file and line.
#[test]
fn a_careful_topic_that_is_no_faq_topic_is_refused_with_its_line() {
    let root = support::bot::root();
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for e in std::fs::read_dir(root.join("content")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), content.join(e.file_name())).unwrap();
    }
    let op = std::fs::read_to_string(content.join("operator.toml")).unwrap();
    let op = op.replace(
        "\"cancel-package\"",
        "\"cancel-package\",\n  \"no-such-topic\"",
    );
    std::fs::write(content.join("operator.toml"), &op).unwrap();
    let line = op
        .lines()
        .position(|l| l.contains("no-such-topic"))
        .unwrap()
        + 1;
    let cfg = netplus::config::Config {
        content_dir: content.clone(),
        locales_dir: root.join("locales"),
        ..netplus::config::Config::default()
    };
    let err = netplus::app::World::load(&cfg)
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains(&format!("operator.toml:{line}")) && err.contains("no-such-topic"),
        "{err}"
    );
}

/// Shipped content copied to a temporary folder, with `edit` applied to one file.
fn load_edited(file: &str, edit: impl Fn(&str) -> String) -> (String, String) {
    let root = support::bot::root();
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for e in std::fs::read_dir(root.join("content")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), content.join(e.file_name())).unwrap();
    }
    let text = edit(&std::fs::read_to_string(content.join(file)).unwrap());
    std::fs::write(content.join(file), &text).unwrap();
    let cfg = netplus::config::Config {
        content_dir: content.clone(),
        locales_dir: root.join("locales"),
        ..netplus::config::Config::default()
    };
    let err = netplus::app::World::load(&cfg)
        .err()
        .expect("refused")
        .to_string();
    (err, text)
}

fn line_with(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// Every FAQ topic has a button: a group topic the FAQ lacks, and a FAQ topic
/// in no group, are refused with file and line; so is a county language that
/// is not in the language table.
#[test]
fn faq_groups_and_county_languages_are_checked_against_the_faq_and_the_table() {
    let (err, op) = load_edited("operator.toml", |t| {
        t.replace("\"elderly\", ", "\"no-such-topic\", ")
    });
    let line = line_with(&op, "no-such-topic");
    assert!(
        err.contains(&format!("operator.toml:{line}")) && err.contains("no-such-topic"),
        "{err}"
    );
    let faq = std::fs::read_to_string(support::bot::root().join("locales/zh-CN/faq.ftl")).unwrap();
    let title = line_with(&faq, "faq-elderly-title");
    assert!(
        err.contains(&format!("zh-CN/faq.ftl:{title}")) && err.contains("elderly"),
        "{err}"
    );

    let (err, counties) = load_edited("counties.toml", |t| {
        t.replacen("lang = \"ug\"", "lang = \"xx\"", 1)
    });
    let line = line_with(&counties, "\"xx\"");
    assert!(err.contains(&format!("counties.toml:{line}")), "{err}");
}

/// The Ask screen by buttons, in every language: groups, then a topic, then its
/// answer; typed numbers do the same.
#[test]
fn the_faq_is_reached_by_buttons_alone_in_every_language() {
    let w = world();
    let ctx = w.ctx(TODAY);
    for lang in ["zh-CN", "bo", "ug"] {
        let mut p = user(lang);
        let out = engine::step(&ctx, &mut p, State::Menu, Input::from_text("/ask"));
        assert_eq!(out.state, State::Ask);
        let groups = out.replies[0]
            .flat_buttons()
            .filter(|b| matches!(b.action, engine::Action::FaqGroup { .. }))
            .count();
        assert!((6..=8).contains(&groups), "{lang}: {groups} groups");
        let out = engine::step(&ctx, &mut p, out.state, Input::from_text("3"));
        assert!(matches!(out.state, State::FaqGroup { .. }), "{lang}");
        let out = engine::step(&ctx, &mut p, out.state, Input::from_text("1"));
        let State::Answered { topic, .. } = &out.state else {
            panic!("{lang}: {:?}", out.state)
        };
        let shown = w.render(&p, &out.replies[0]).text;
        assert!(
            shown.starts_with(&t(&w, lang, &format!("faq-{topic}-a"))),
            "{shown}"
        );
    }
}
