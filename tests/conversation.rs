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
