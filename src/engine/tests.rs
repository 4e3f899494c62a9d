//! Engine unit tests over the fixture content in `tests/data/fixture/` (not the
//! sample `content/`, so editing the sample does not break them), with keywords added
//! by hand (the l10n layer builds them from Fluent in the real bot).

use super::*;
use crate::content::{self, Content};
use std::path::Path;

/// `tests/data/fixture/`: the engine tests' own content and FAQ.
fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixture")
}

fn content() -> Content {
    content::load_dir(&fixture().join("content")).expect("fixture content loads")
}

fn langs() -> Vec<String> {
    vec!["zh-CN".into(), "bo".into(), "ug".into()]
}

fn keywords() -> Keywords {
    let mut k = Keywords::default();
    k.add("packages", "套餐");
    k.add("packages", "ཐུམ་སྒྲིལ");
    k.add("back", "返回");
    k.add("choice-yes", "是");
    k.add("choice-unknown", "不知道");
    k.add("language", "语言");
    k.add("q-household-neither", "都不是");
    k.add("language-name@bo", "བོད་ཡིག");
    k
}

struct T {
    content: Content,
    langs: Vec<String>,
    kw: Keywords,
    today: String,
    profile: Profile,
    state: State,
    faq: Option<FaqIndex>,
    handoff: bool,
    staff: bool,
}

impl T {
    fn new() -> T {
        T {
            content: content(),
            langs: langs(),
            kw: keywords(),
            today: "2026-11-30".into(),
            profile: Profile::default(),
            state: State::New,
            faq: None,
            handoff: false,
            staff: false,
        }
    }

    fn zh() -> T {
        let mut t = T::new();
        t.profile.lang = Some("zh-CN".into());
        t.state = State::Menu;
        t
    }

    fn send(&mut self, input: Input) -> Vec<Reply> {
        let (r, _) = self.effects(input);
        assert!(!r.is_empty(), "every input gets an answer");
        r
    }

    fn text(&mut self, t: &str) -> Vec<Reply> {
        self.send(Input::from_text(t))
    }

    fn press(&mut self, a: Action) -> Vec<Reply> {
        self.send(Input::from_callback(&a.encode()))
    }
}

fn ids(r: &[Reply]) -> Vec<String> {
    r.iter()
        .flat_map(|r| r.lines.iter().map(|l| l.id.clone()))
        .collect()
}

#[test]
fn new_user_without_a_known_language_gets_the_picker_in_every_script() {
    let mut t = T::new();
    let r = t.text("/start");
    assert_eq!(t.state, State::Language);
    let langs: Vec<_> = r[0].lines.iter().map(|l| l.lang.clone()).collect();
    assert_eq!(
        langs,
        [Some("zh-CN".into()), Some("bo".into()), Some("ug".into())]
    );
    let actions: Vec<_> = r[0].flat_buttons().map(|b| b.action.clone()).collect();
    assert_eq!(
        actions,
        [
            Action::SetLang("zh-CN".into()),
            Action::SetLang("bo".into()),
            Action::SetLang("ug".into())
        ]
    );
    // Anything else still leads to the picker.
    t.text("hello");
    assert_eq!(t.state, State::Language);
    // Typing the language's own name picks it.
    let r = t.text("བོད་ཡིག");
    assert_eq!(t.profile.lang.as_deref(), Some("bo"));
    assert_eq!(ids(&r)[0], msg::LANG_SET);
}

#[test]
fn a_chinese_telegram_user_gets_the_picker_and_one_tap_to_mandarin() {
    let mut t = T::new();
    t.profile.hint = Some("zh-CN".into());
    let r = t.text("/start");
    assert_eq!(t.profile.lang, None);
    assert_eq!(t.state, State::Language);
    assert_eq!(ids(&r), [msg::LANG_PROMPT; 3]);
    let langs: Vec<_> = r[0].lines.iter().map(|l| l.lang.clone()).collect();
    assert_eq!(
        langs,
        [Some("zh-CN".into()), Some("bo".into()), Some("ug".into())]
    );
    let r = t.press(Action::SetLang("zh-CN".into()));
    assert_eq!(t.profile.lang.as_deref(), Some("zh-CN"));
    assert_eq!(ids(&r)[0], msg::LANG_SET);
}

#[test]
fn a_county_deep_link_puts_its_language_first_in_the_picker() {
    for (county, first) in [("540121", "bo"), ("653121", "ug"), ("999", "zh-CN")] {
        let mut t = T::new();
        t.profile.hint = Some("zh-CN".into());
        let r = t.text(&format!("/start {county}"));
        let first_button = r[0].flat_buttons().next().map(|b| b.action.clone());
        assert_eq!(
            first_button,
            Some(Action::SetLang(first.into())),
            "{county}"
        );
        assert_eq!(r[0].lines[0].lang.as_deref(), Some(first), "{county}");
        assert_eq!(r[0].flat_buttons().count(), 3);
        // Typed 1 picks what is shown first; the county is then confirmed in it.
        let r = t.text("1");
        assert_eq!(t.profile.lang.as_deref(), Some(first), "{county}");
        let known = county != "999";
        assert_eq!(
            ids(&r).get(1).map(String::as_str) == Some(msg::NOTICE_COUNTY_SET),
            known,
            "{county}"
        );
    }
}

#[test]
fn the_language_button_is_labelled_in_every_language() {
    let mut t = T::zh();
    let r = t.text("/menu");
    let b = r[0]
        .flat_buttons()
        .find(|b| b.action == Action::LanguageMenu)
        .expect("a language button");
    assert_eq!(b.label.id, msg::MENU_LANGUAGE);
    // The words of every language, each in its own, joined.
    fn words(l: &Line, out: &mut Vec<Option<String>>) {
        if l.id == msg::LANGUAGE_WORD {
            out.push(l.lang.clone());
        }
        for (_, a) in &l.args {
            if let Arg::Line(x) = a {
                words(x, out);
            }
        }
    }
    let mut found = Vec::new();
    words(&b.label, &mut found);
    assert_eq!(
        found,
        [Some("zh-CN".into()), Some("bo".into()), Some("ug".into())]
    );
}

#[test]
fn typed_numbers_in_every_script_press_the_same_button() {
    for one in ["1", "１", "༡", "١", "۱", " 1. ", "一"] {
        let mut t = T::zh();
        t.text(one);
        assert_eq!(t.state, State::Packages, "{one:?}");
    }
    let mut t = T::zh();
    let r = t.text("42");
    assert_eq!(t.state, State::Menu);
    assert_eq!(r[0].lines[0].id, msg::NOTICE_NUMBER_RANGE);
}

#[test]
fn keywords_work_where_buttons_do() {
    let mut t = T::zh();
    t.text("套餐");
    assert_eq!(t.state, State::Packages);
    t.text("返回");
    assert_eq!(t.state, State::Menu);
    t.text("ཐུམ་སྒྲིལ");
    assert_eq!(t.state, State::Packages);
}

/// The question on screen: its id, from the `q-<id>` line.
fn asked(r: &[Reply]) -> Option<String> {
    r.first()?
        .lines
        .iter()
        .find_map(|l| l.id.strip_prefix("q-").map(str::to_string))
}

/// Answers whatever is asked from `script` (question id → choice) until the
/// result; returns the questions asked, in order.
fn answer_all(t: &mut T, first: Vec<Reply>, script: &[(&str, &str)]) -> (Vec<String>, Vec<Reply>) {
    let mut r = first;
    let mut asked_ids = Vec::new();
    while let Some(q) = asked(&r) {
        let v = script
            .iter()
            .find(|(x, _)| *x == q)
            .unwrap_or_else(|| panic!("asked {q}, which the persona does not expect"))
            .1;
        asked_ids.push(q.clone());
        r = t.press(Action::Answer { q, v: v.into() });
        assert!(asked_ids.len() <= 6, "the questionnaire does not end");
    }
    (asked_ids, r)
}

/// The package ids offered as buttons to what to bring.
fn can_get(r: &[Reply]) -> Vec<String> {
    r[0].flat_buttons()
        .filter_map(|b| match &b.action {
            Action::Apply(id) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_herder_of_68_on_dibao_from_a_poster_is_asked_three_questions() {
    let mut t = T::zh();
    t.text("/start 540121");
    let r = t.press(Action::Quiz);
    let (asked_ids, r) = answer_all(
        &mut t,
        r,
        &[
            ("age", "60-plus"),
            ("household", "dibao"),
            ("has-support", "no"),
        ],
    );
    // The county came from the poster; no student question at 68; the
    // disability question cannot change anything once dibao qualifies.
    assert_eq!(asked_ids, ["age", "household", "has-support"]);
    assert_eq!(t.state, State::Result);
    assert_eq!(
        can_get(&r),
        [
            "village",
            "broadband",
            "elderly",
            "phone",
            "bilingual-phone",
            "gift"
        ]
    );
    assert!(r[0].lines.iter().all(|l| l.id != msg::RESULT_NONE));
}

#[test]
fn the_county_is_asked_by_name_and_judged_with_the_package_counties() {
    let mut t = T::zh();
    let r = t.press(Action::Quiz);
    assert_eq!(asked(&r).as_deref(), Some("county"));
    let labels: Vec<String> = r[0].flat_buttons().map(|b| b.label.id.clone()).collect();
    assert!(labels.contains(&"county-540123".to_string()));
    assert!(labels.contains(&"q-county-unknown".to_string()));
    // Disabled, outside a designated county: nothing that needs one.
    let (_, r) = answer_all(
        &mut t,
        r,
        &[
            ("county", "540123"),
            ("age", "18-59"),
            ("household", "neither"),
            ("disability", "yes"),
            ("student", "no"),
        ],
    );
    assert_eq!(t.profile.county.as_deref(), Some("540123"));
    assert_eq!(can_get(&r), ["gift"]);
    // Broadband is not offered there at all; the village package needs a
    // designated county, said as the counties where it is.
    let r = t.press(Action::WhyNot(None));
    let listed: Vec<Action> = r[0].flat_buttons().map(|b| b.action.clone()).collect();
    assert!(!listed.contains(&Action::WhyNot(Some("broadband".into()))));
    let r = t.press(Action::WhyNot(Some("village".into())));
    let live_in = r[0]
        .lines
        .iter()
        .flat_map(|l| &l.args)
        .find_map(|(_, a)| match a {
            Arg::Line(l) if l.id == msg::NEED_LIVE_IN => Some(l.clone()),
            _ => None,
        })
        .expect("a county requirement");
    let Arg::Alt(names) = &live_in.args[0].1 else {
        panic!("counties as alternatives")
    };
    assert_eq!(names.len(), 5);
    assert!(!names.contains(&Line::new("county-540123")));
    // Back: the list, then the result.
    t.press(Action::Back);
    assert_eq!(t.state, State::WhyNot { id: None });
    t.press(Action::Back);
    assert_eq!(t.state, State::Result);
}

#[test]
fn someone_who_qualifies_for_nothing_is_told_why_as_requirements() {
    let mut t = T::zh();
    t.text("/start 540123");
    let r = t.press(Action::Quiz);
    let (_, r) = answer_all(
        &mut t,
        r,
        &[
            ("age", "18-59"),
            ("household", "neither"),
            ("disability", "no"),
            ("student", "no"),
        ],
    );
    assert_eq!(can_get(&r), ["gift"]);
    let r = t.press(Action::WhyNot(Some("elderly".into())));
    assert_eq!(r[0].lines[0].id, msg::RESULT_ONE_NO);
    assert_eq!(
        r[0].lines[1],
        Line::new(msg::NEED_ONE).line("need", Line::new("need-age-60-plus"))
    );
    // What they can get instead is one tap away.
    assert!(r[0]
        .flat_buttons()
        .any(|b| b.action == Action::Package("gift".into())));
    // The phone: any one of three, said as such.
    let r = t.press(Action::WhyNot(Some("phone".into())));
    let one_of = Line::new(msg::NEED_ONE_OF).arg(
        "options",
        Arg::Alt(vec![
            Line::new("need-household-low-income"),
            Line::new("need-household-dibao"),
            Line::new("need-age-60-plus"),
        ]),
    );
    assert_eq!(r[0].lines[1], Line::new(msg::NEED_ONE).line("need", one_of));
}

#[test]
fn a_card_asks_only_what_its_package_needs() {
    let mut t = T::zh();
    t.press(Action::Package("student".into()));
    let r = t.press(Action::CheckPackage("student".into()));
    assert_eq!(asked(&r).as_deref(), Some("student"));
    let r = t.press(Action::Answer {
        q: "student".into(),
        v: "yes".into(),
    });
    assert_eq!(r[0].lines[0].id, msg::RESULT_ONE_YES);
    assert!(r[0]
        .flat_buttons()
        .any(|b| b.action == Action::Apply("student".into())));
    // The gift needs nothing: no question at all.
    let r = t.press(Action::CheckPackage("gift".into()));
    assert_eq!(r[0].lines[0].id, msg::RESULT_ONE_YES);
    // The elderly plan asks the age only; the answer is kept, so the second
    // time the card answers at once.
    let r = t.press(Action::CheckPackage("elderly".into()));
    assert_eq!(asked(&r).as_deref(), Some("age"));
    let r = t.press(Action::Answer {
        q: "age".into(),
        v: "under-18".into(),
    });
    assert_eq!(r[0].lines[0].id, msg::RESULT_ONE_NO);
    let r = t.press(Action::CheckPackage("elderly".into()));
    assert_eq!(r[0].lines[0].id, msg::RESULT_ONE_NO);
}

#[test]
fn typed_natural_answers_work_where_a_choice_is_asked() {
    for (lang, age) in [
        ("zh-CN", "68"),
        ("zh-CN", "68岁"),
        ("zh-CN", "六十八"),
        ("bo", "༦༨"),
        ("ug", "٦٨"),
    ] {
        let mut t = T::zh();
        t.profile.lang = Some(lang.into());
        t.text("/start 540121");
        t.press(Action::Quiz);
        let r = t.text(age);
        assert_eq!(asked(&r).as_deref(), Some("household"), "{lang} {age}");
        assert!(
            matches!(&t.state, State::Quiz { answers, .. } if answers == &[("age".to_string(), "60-plus".to_string())]),
            "{lang} {age}"
        );
    }
    // A small number is still the button of that number: 2 = 18–59.
    let mut t = T::zh();
    t.text("/start 540121");
    t.press(Action::Quiz);
    t.text("2");
    assert!(matches!(&t.state, State::Quiz { answers, .. } if answers[0].1 == "18-59"));
    // Yes and no typed in words.
    t.text("都不是");
    t.text("是");
    assert!(
        matches!(&t.state, State::Quiz { answers, .. } if answers.last() == Some(&("disability".to_string(), "yes".to_string())))
    );
    // "I don't know" the county.
    let mut t = T::zh();
    t.press(Action::Quiz);
    t.text("不知道");
    assert!(
        matches!(&t.state, State::Quiz { answers, .. } if answers[0] == ("county".to_string(), "unknown".to_string()))
    );
}

#[test]
fn a_language_switch_in_the_middle_keeps_the_answers() {
    let mut t = T::zh();
    t.text("/start 540121");
    t.press(Action::Quiz);
    t.press(Action::Answer {
        q: "age".into(),
        v: "60-plus".into(),
    });
    t.text("语言");
    assert!(matches!(t.state, State::Switching { .. }));
    let r = t.press(Action::SetLang("bo".into()));
    assert_eq!(r[0].lines[0].id, msg::LANG_SET);
    assert_eq!(asked(&r).as_deref(), Some("household"));
    assert!(matches!(&t.state, State::Quiz { answers, .. } if answers.len() == 1));
}

#[test]
fn quiz_back_restart_and_stale_answers() {
    let mut t = T::zh();
    t.text("/start 540123");
    t.press(Action::Quiz);
    t.press(Action::Answer {
        q: "age".into(),
        v: "18-59".into(),
    });
    t.press(Action::Answer {
        q: "household".into(),
        v: "neither".into(),
    });
    // A button from the first question, pressed again, changes nothing.
    let r = t.press(Action::Answer {
        q: "age".into(),
        v: "60-plus".into(),
    });
    assert_eq!(r[0].lines[0].id, msg::NOTICE_OLD_BUTTON);
    assert_eq!(
        t.state,
        State::Quiz {
            answers: vec![
                ("age".into(), "18-59".into()),
                ("household".into(), "neither".into())
            ],
            only: None,
        }
    );
    // A forged choice is refused too.
    t.press(Action::Answer {
        q: "disability".into(),
        v: "200".into(),
    });
    assert!(matches!(&t.state, State::Quiz { answers, .. } if answers.len() == 2));
    t.press(Action::Back);
    assert!(matches!(&t.state, State::Quiz { answers, .. } if answers.len() == 1));
    // Text during the quiz: a polite nudge towards the buttons; "是" is no choice here.
    let r = t.text("what?");
    assert_eq!(r[0].lines[0].id, msg::NOTICE_USE_BUTTONS);
    t.press(Action::QuizRestart);
    assert_eq!(
        t.state,
        State::Quiz {
            answers: vec![],
            only: None
        }
    );
    // Answer buttons outside the quiz are old buttons.
    t.press(Action::Menu);
    let r = t.press(Action::Answer {
        q: "household".into(),
        v: "dibao".into(),
    });
    assert_eq!(r[0].lines[0].id, msg::NOTICE_OLD_BUTTON);
    assert_eq!(t.state, State::Menu);
}

#[test]
fn old_and_forged_buttons_get_the_updated_notice_and_the_menu() {
    for data in ["0m", "9P:x", "garbage", "", "1P:../../etc"] {
        let mut t = T::zh();
        t.state = State::Packages;
        let r = t.send(Input::from_callback(data));
        assert_eq!(r[0].lines[0].id, msg::NOTICE_UPDATED, "{data:?}");
        assert_eq!(t.state, State::Menu);
    }
    let mut t = T::zh();
    let r = t.press(Action::Package("no-such".into()));
    assert_eq!(r[0].lines[0].id, msg::NOTICE_OLD_BUTTON);
    let r = t.press(Action::SetLang("fr".into()));
    assert_eq!(r[0].lines[0].id, msg::NOTICE_OLD_BUTTON);
    assert_eq!(t.profile.lang.as_deref(), Some("zh-CN"));
}

#[test]
fn a_disabled_language_leads_back_to_the_picker_with_a_reason() {
    let mut t = T::zh();
    t.profile.lang = Some("kk".into());
    let r = t.text("1");
    assert_eq!(t.state, State::Language);
    assert!(ids(&r).contains(&msg::LANG_GONE.to_string()));
    assert_eq!(t.profile.lang, None);
}

#[test]
fn deep_links_set_the_county_and_filter_packages() {
    let mut t = T::zh();
    let r = t.text("/start 540123");
    assert_eq!(t.profile.county.as_deref(), Some("540123"));
    assert!(ids(&r).contains(&msg::NOTICE_COUNTY_SET.to_string()));
    let r = t.press(Action::Packages);
    let offered: Vec<_> = r[0]
        .flat_buttons()
        .filter_map(|b| match &b.action {
            Action::Package(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    assert!(
        !offered.contains(&"broadband".to_string()),
        "broadband is not offered in 540123"
    );
    assert!(offered.contains(&"bilingual-phone".to_string()));
    let r = t.text("/start not-a-county");
    assert!(ids(&r).contains(&msg::NOTICE_COUNTY_UNKNOWN.to_string()));
    assert_eq!(t.profile.county.as_deref(), Some("540123"));
}

#[test]
fn unsupported_huge_and_empty_inputs_get_polite_answers() {
    let mut t = T::zh();
    t.state = State::Packages;
    let r = t.send(Input::Unsupported);
    assert_eq!(r[0].lines[0].id, msg::NOTICE_UNSUPPORTED);
    assert_eq!(t.state, State::Packages);
    // Long free text is a question: without an answer it is offered to staff.
    let r = t.text(&"套".repeat(4000));
    assert_eq!(r[0].lines[0].id, msg::FAQ_NOTHING);
    let r = t.text("");
    assert_eq!(r[0].lines[0].id, msg::NOTICE_NOT_UNDERSTOOD);
    let r = t.text("/nonsense");
    assert_eq!(r[0].lines[0].id, msg::NOTICE_UNKNOWN_COMMAND);
}

#[test]
fn expired_packages_are_not_offered() {
    let mut t = T::zh();
    t.today = "2029-01-01".into();
    let r = t.press(Action::Packages);
    assert!(!r[0]
        .flat_buttons()
        .any(|b| b.action == Action::Package("gift".into())));
    let r = t.press(Action::Package("gift".into()));
    assert_eq!(r[0].lines[0].id, msg::NOTICE_OLD_BUTTON);
}

/// Walks every screen: each button fits in callback data and every message id
/// is one `netplus check` verifies.
#[test]
fn every_screen_uses_known_messages_and_short_callback_data() {
    let c = content();
    let mut known: Vec<String> = msg::ALL.iter().map(|s| s.to_string()).collect();
    known.extend(c.message_ids());
    let mut states = vec![
        State::New,
        State::Language,
        State::Menu,
        State::Packages,
        State::Result,
        State::WhyNot { id: None },
        State::Ask,
        State::Human,
    ];
    for p in &c.packages {
        states.push(State::Package { id: p.id.clone() });
        states.push(State::Apply {
            id: p.id.clone(),
            back: None,
        });
        states.push(State::Quiz {
            answers: vec![],
            only: Some(p.id.clone()),
        });
        states.push(State::WhyNot {
            id: Some(p.id.clone()),
        });
    }
    for n in 0..=c.questions.len() {
        let answers = c.questions[..n]
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    q.choices.first().cloned().unwrap_or("unknown".into()),
                )
            })
            .collect();
        states.push(State::Quiz {
            answers,
            only: None,
        });
    }
    let kw = keywords();
    let langs = langs();
    let ctx = Ctx {
        content: &c,
        languages: &langs,
        keywords: &kw,
        today: "2026-11-30",
        faq: None,
        handoff: true,
        staff: false,
    };
    let profile = Profile {
        lang: Some("zh-CN".into()),
        answers: vec![("age".into(), "60-plus".into())],
        ..Profile::default()
    };
    fn check(l: &Line, known: &[String]) {
        assert!(known.contains(&l.id), "unknown message id {}", l.id);
        for (_, a) in &l.args {
            match a {
                Arg::Line(x) => check(x, known),
                Arg::List(xs) | Arg::Alt(xs) => xs.iter().for_each(|x| check(x, known)),
                _ => {}
            }
        }
    }
    for s in &states {
        let r = view(&ctx, &profile, s);
        assert!(!r.buttons.is_empty(), "{s:?} has buttons");
        for l in &r.lines {
            check(l, &known);
        }
        for b in r.flat_buttons() {
            check(&b.label, &known);
            let data = b.action.encode();
            assert!(data.len() <= 64 && data.is_ascii(), "{data}");
        }
        // State survives a round trip through its persisted form.
        let json = serde_json::to_string(s).unwrap();
        assert_eq!(&serde_json::from_str::<State>(&json).unwrap(), s);
    }
}

fn faq_index() -> FaqIndex {
    let root = fixture();
    let mut docs = Vec::new();
    for lang in langs() {
        let text =
            std::fs::read_to_string(root.join("locales").join(&lang).join("faq.ftl")).unwrap();
        docs.extend(crate::faq::docs_from_ftl(&lang, &text).unwrap());
    }
    FaqIndex::new(docs)
}

impl T {
    fn with_faq(mut self) -> T {
        self.faq = Some(faq_index());
        self
    }

    fn effects(&mut self, input: Input) -> (Vec<Reply>, Vec<Effect>) {
        let ctx = Ctx {
            content: &self.content,
            languages: &self.langs,
            keywords: &self.kw,
            today: &self.today,
            faq: self.faq.as_ref(),
            handoff: self.handoff,
            staff: self.staff,
        };
        let out = step(
            &ctx,
            &mut self.profile,
            std::mem::take(&mut self.state),
            input,
        );
        self.state = out.state;
        (out.replies, out.effects)
    }
}

#[test]
fn a_confident_question_is_answered_with_a_helpful_pair() {
    let mut t = T::zh().with_faq();
    let (r, fx) = t.effects(Input::from_text("我的手机怎么充话费？"));
    assert_eq!(
        t.state,
        State::Answered {
            topic: "top-up".into(),
            question: "我的手机怎么充话费？".into(),
            offer: None,
        }
    );
    assert_eq!(r[0].lines[0].id, "faq-top-up-a");
    assert!(fx.is_empty());
    let actions: Vec<_> = r[0].flat_buttons().map(|b| b.action.clone()).collect();
    assert!(actions.contains(&Action::Helpful {
        topic: "top-up".into(),
        yes: true
    }));
    // "Not helpful" puts the question in the inbox, numbers masked.
    t.state = State::Answered {
        topic: "top-up".into(),
        question: mask::mask_numbers("号码13800138000怎么充"),
        offer: None,
    };
    let (_, fx) = t.effects(Input::from_callback(
        &Action::Helpful {
            topic: "top-up".into(),
            yes: false,
        }
        .encode(),
    ));
    assert_eq!(
        fx,
        vec![Effect::Unanswered {
            lang: "zh-CN".into(),
            text: "号码*******8000怎么充".into(),
            topic: Some("top-up".into())
        }]
    );
}

#[test]
fn a_question_in_another_of_our_languages_is_answered_in_the_users_with_a_switch_offer() {
    let mut t = T::zh().with_faq();
    let (r, _) = t.effects(Input::from_text("ཁ་པར་གྱི་དངུལ་ཚར་སོང་། ག་པར་སྣོན་དགོས།"));
    let State::Answered { topic, .. } = &t.state else {
        panic!("{:?}", t.state)
    };
    assert_eq!(r[0].lines[0].id, format!("faq-{topic}-a"));
    assert!(
        r[0].lines[0].lang.is_none(),
        "answered in the user's language"
    );
    assert!(r[0].lines.iter().any(|l| l.id == msg::FAQ_OTHER_LANG));
    assert!(r[0]
        .flat_buttons()
        .any(|b| b.action == Action::SetLang("bo".into())));
}

/// Typed numbers press the button shown at that place, on the two screens
/// whose extra rows once shifted them (issue 9: one screen value).
#[test]
fn typed_numbers_match_the_offer_and_not_helpful_rows() {
    let mut t = T::zh().with_faq();
    let r = t.text("ཁ་པར་གྱི་དངུལ་ཚར་སོང་། ག་པར་སྣོན་དགོས།");
    let n = r[0]
        .flat_buttons()
        .position(|b| b.action == Action::SetLang("bo".into()))
        .expect("the switch button");
    t.text(&(n + 1).to_string());
    assert_eq!(t.profile.lang.as_deref(), Some("bo"), "typed {}", n + 1);

    let mut t = T::zh().with_faq();
    let r = t.text("我的手机怎么充话费？");
    let no = r[0]
        .flat_buttons()
        .find(|b| matches!(b.action, Action::Helpful { yes: false, .. }))
        .map(|b| b.action.clone())
        .expect("the not-helpful button");
    let r = t.press(no);
    let shown: Vec<Action> = r[0].flat_buttons().map(|b| b.action.clone()).collect();
    assert_eq!(shown[0], Action::Human);
    assert_eq!(shown.iter().filter(|a| **a == Action::Human).count(), 1);
    // Typed numbers count the buttons shown: "1" the person, "2" packages.
    assert_eq!(shown[1], Action::Packages);
    t.text("2");
    assert_eq!(t.state, State::Packages);
}

#[test]
fn an_unsure_question_offers_topics_and_staff_and_is_recorded() {
    let mut t = T::zh().with_faq();
    let (r, fx) = t.effects(Input::from_text("兔子吃什么"));
    assert!(matches!(&t.state, State::Suggest { .. }), "{:?}", t.state);
    assert!(r[0].flat_buttons().any(|b| b.action == Action::Human));
    assert!(
        matches!(&fx[..], [Effect::Unanswered { lang, text, .. }] if lang == "zh-CN" && text == "兔子吃什么")
    );
}

#[test]
fn talking_to_staff_with_and_without_a_staff_chat() {
    let mut t = T::zh();
    let (r, fx) = t.effects(Input::from_text("/human"));
    assert_eq!(r[0].lines[0].id, msg::HUMAN_UNAVAILABLE);
    assert!(fx.is_empty());
    assert_eq!(t.state, State::Human);
    // Its buttons answer to their numbers: 2 is the menu there.
    t.effects(Input::from_text("2"));
    assert_eq!(t.state, State::Menu);

    let mut t = T::zh();
    t.handoff = true;
    let (r, fx) = t.effects(Input::from_text("/human"));
    assert_eq!(
        (r[0].lines[0].id.as_str(), fx),
        (msg::HANDOFF_OPEN, vec![Effect::OpenHandoff])
    );
    assert_eq!(t.state, State::Human);
    let (_, fx) = t.effects(Input::from_text("我的身份证是54012119900101123X，卡丢了"));
    assert_eq!(
        fx,
        vec![Effect::ToStaff(StaffMessage::Text(
            "我的身份证是**************123X，卡丢了".into()
        ))]
    );
    let (_, fx) = t.effects(Input::Photo {
        file_id: "p1".into(),
        caption: Some("13800138000".into()),
    });
    assert_eq!(
        fx,
        vec![Effect::ToStaff(StaffMessage::Photo {
            file_id: "p1".into(),
            caption: Some("*******8000".into())
        })]
    );
    let (r, fx) = t.effects(Input::from_callback(&Action::EndHandoff.encode()));
    assert_eq!(
        (r[0].lines[0].id.as_str(), fx),
        (msg::HANDOFF_CLOSED, vec![Effect::CloseHandoff])
    );
    assert_eq!(t.state, State::Menu);
    // A voice message is always accepted: it opens a conversation by itself.
    let (r, fx) = t.effects(Input::Voice {
        file_id: "v1".into(),
    });
    assert_eq!(
        fx,
        vec![
            Effect::OpenHandoff,
            Effect::ToStaff(StaffMessage::Voice {
                file_id: "v1".into()
            })
        ]
    );
    assert_eq!(r[0].lines[0].id, msg::HANDOFF_VOICE);
    assert_eq!(t.state, State::Human);
}

#[test]
fn the_inbox_is_for_staff_only() {
    let mut t = T::zh();
    let (r, fx) = t.effects(Input::from_text("/unanswered"));
    assert_eq!(r[0].lines[0].id, msg::NOTICE_UNKNOWN_COMMAND);
    assert!(fx.is_empty());
    let (r, fx) = t.effects(Input::from_callback(
        &Action::InboxDone("0123456789abcdef".into()).encode(),
    ));
    assert_eq!(r[0].lines[0].id, msg::NOTICE_OLD_BUTTON);
    assert!(fx.is_empty());
    t.staff = true;
    let (_, fx) = t.effects(Input::from_text("/unanswered"));
    assert_eq!(fx, vec![Effect::ListUnanswered]);
    let (_, fx) = t.effects(Input::from_callback(
        &Action::InboxDone("0123456789abcdef".into()).encode(),
    ));
    assert_eq!(fx, vec![Effect::MarkHandled("0123456789abcdef".into())]);
}

/// With no staff chat, "talk to staff" shows the hotline once; a question typed
/// after it is answered by the FAQ, not met with the same hotline text again.
#[test]
fn without_a_staff_chat_a_question_after_talk_to_staff_is_still_answered() {
    let mut t = T::zh().with_faq();
    let r = t.press(Action::Human);
    assert_eq!(r[0].lines[0].id, msg::HUMAN_UNAVAILABLE);
    let (r, fx) = t.effects(Input::from_text("我的手机怎么充话费？"));
    assert_eq!(r[0].lines[0].id, "faq-top-up-a");
    assert!(matches!(t.state, State::Answered { .. }), "{:?}", t.state);
    assert!(!fx.iter().any(|e| matches!(e, Effect::ToStaff(_))));
    // With a staff chat the same words go to the person.
    let mut t = T::zh().with_faq();
    t.handoff = true;
    t.press(Action::Human);
    let (_, fx) = t.effects(Input::from_text("我的手机怎么充话费？"));
    assert!(fx.iter().any(|e| matches!(e, Effect::ToStaff(_))));
    assert_eq!(t.state, State::Human);
}

fn has_offer(r: &[Reply]) -> bool {
    r[0].lines.iter().any(|l| l.id == msg::FAQ_OTHER_LANG)
        || r[0]
            .flat_buttons()
            .any(|b| matches!(b.action, Action::SetLang(_)))
}

fn bo() -> T {
    let mut t = T::zh().with_faq();
    t.profile.lang = Some("bo".into());
    t
}

/// The offer is written in the language it offers: the user wrote in it.
#[test]
fn the_switch_offer_is_written_in_the_language_it_offers() {
    let mut t = bo();
    let r = t.text("我的手机怎么充话费？");
    let offer = r[0]
        .lines
        .iter()
        .find(|l| l.id == msg::FAQ_OTHER_LANG)
        .expect("an offer for a message wholly in Chinese");
    assert_eq!(offer.lang.as_deref(), Some("zh-CN"));
    let switch = r[0]
        .flat_buttons()
        .find(|b| b.action == Action::SetLang("zh-CN".into()))
        .expect("the switch button");
    assert_eq!(switch.label.lang.as_deref(), Some("zh-CN"));
    assert!(r[0].lines[0].lang.is_none(), "the answer in the user's own");
}

/// Mixing in Chinese words is how these users write: no offer for a loanword.
#[test]
fn a_chinese_word_inside_a_tibetan_message_is_no_reason_to_switch() {
    for text in ["信号 མི་འདུག", "我的手机 ཆག་སོང་", "话费 ག་ཚོད་ཡིན།"]
    {
        let mut t = bo();
        let r = t.text(text);
        assert!(!has_offer(&r), "{text}: {:?}", r[0]);
    }
    // Understood through the Chinese word, answered in Tibetan, no offer.
    let mut t = bo();
    t.text("信号 མི་འདུག");
    assert!(
        matches!(&t.state, State::Answered { topic, offer: None, .. } if topic == "no-signal"),
        "{:?}",
        t.state
    );
    // An Uyghur user's "4G" does not make a Chinese question Uyghur.
    let mut t = T::zh().with_faq();
    t.profile.lang = Some("ug".into());
    let r = t.text("4G手机多少钱");
    if matches!(t.state, State::Answered { .. }) {
        assert!(has_offer(&r), "{:?}", r[0]);
    }
}

#[test]
fn the_ask_screen_offers_the_topic_groups_and_a_person() {
    let mut t = T::zh().with_faq();
    let r = t.press(Action::Ask);
    assert_eq!(t.state, State::Ask);
    let shown: Vec<Action> = r[0].flat_buttons().map(|b| b.action.clone()).collect();
    let groups: Vec<Action> = t
        .content
        .faq_groups
        .iter()
        .map(|g| Action::FaqGroup {
            id: g.id.clone(),
            page: 0,
        })
        .collect();
    assert!((6..=8).contains(&groups.len()));
    assert_eq!(shown[..groups.len()], groups[..]);
    assert_eq!(shown[groups.len()..], [Action::Human, Action::Menu]);
    // Two groups a row: a short screen.
    assert!(r[0].buttons.iter().all(|row| row.len() <= 2));
}

#[test]
fn a_group_pages_its_topics_and_typed_numbers_pick_them() {
    let mut t = T::zh().with_faq();
    t.press(Action::Ask);
    let apply = t.content.faq_group("apply").unwrap().clone();
    assert!(
        apply.topics.len() > screens::FAQ_PAGE,
        "a group with two pages"
    );
    // Typed 1 on the Ask screen: the first group.
    let r = t.text("1");
    assert_eq!(
        t.state,
        State::FaqGroup {
            id: "apply".into(),
            page: 0
        }
    );
    let shown: Vec<Action> = r[0].flat_buttons().map(|b| b.action.clone()).collect();
    let first: Vec<Action> = apply.topics[..screens::FAQ_PAGE]
        .iter()
        .map(|t| Action::Faq(t.clone()))
        .collect();
    assert_eq!(shown[..screens::FAQ_PAGE], first[..]);
    let next = Action::FaqGroup {
        id: "apply".into(),
        page: 1,
    };
    assert_eq!(
        shown[screens::FAQ_PAGE..],
        [next.clone(), Action::Back, Action::Menu]
    );
    let r = t.press(next);
    let shown: Vec<Action> = r[0].flat_buttons().map(|b| b.action.clone()).collect();
    let rest = apply.topics.len() - screens::FAQ_PAGE;
    assert_eq!(
        shown[0],
        Action::Faq(apply.topics[screens::FAQ_PAGE].clone())
    );
    assert_eq!(
        shown[rest],
        Action::FaqGroup {
            id: "apply".into(),
            page: 0
        }
    );
    // A typed number picks that topic: its answer.
    let r = t.text("1");
    let topic = &apply.topics[screens::FAQ_PAGE];
    assert_eq!(r[0].lines[0].id, format!("faq-{topic}-a"));
    // Back from a group is the Ask screen; a question typed there is answered.
    t.press(Action::FaqGroup {
        id: "fees".into(),
        page: 0,
    });
    t.press(Action::Back);
    assert_eq!(t.state, State::Ask);
    t.press(Action::FaqGroup {
        id: "fees".into(),
        page: 0,
    });
    let r = t.text("我的手机怎么充话费？");
    assert_eq!(r[0].lines[0].id, "faq-top-up-a");
}

#[test]
fn a_group_label_typed_opens_it_and_an_unknown_group_is_an_old_button() {
    let mut t = T::zh().with_faq();
    t.kw.add("faq-group-signal", "信号和上网");
    t.press(Action::Ask);
    t.text("信号和上网");
    assert_eq!(
        t.state,
        State::FaqGroup {
            id: "signal".into(),
            page: 0
        }
    );
    let r = t.press(Action::FaqGroup {
        id: "gone".into(),
        page: 0,
    });
    assert_eq!(r[0].lines[0].id, msg::NOTICE_OLD_BUTTON);
    // A page past the end (the group got shorter by /reload): the last page.
    t.state = State::FaqGroup {
        id: "signal".into(),
        page: 9,
    };
    let r = t.text("1");
    assert!(matches!(t.state, State::Answered { .. }), "{:?}", r[0]);
}

/// Staff are the operator's own people: their Telegram's language will do.
#[test]
fn staff_are_greeted_in_their_telegram_language() {
    let mut t = T::new();
    t.staff = true;
    t.profile.hint = Some("zh-CN".into());
    let r = t.text("/start");
    assert_eq!(t.profile.lang.as_deref(), Some("zh-CN"));
    assert_eq!(ids(&r)[0], msg::WELCOME);
}

#[test]
fn browsing_screens_may_replace_each_other_but_answers_and_hand_over_are_kept() {
    let mut t = T::zh().with_faq();
    // Screens reached by buttons may be edited in place.
    assert!(!t.press(Action::Packages)[0].keep);
    assert!(!t.press(Action::Menu)[0].keep);
    // An FAQ answer, by button or typed, stays as a new message.
    assert!(t.press(Action::Faq("top-up".into()))[0].keep);
    assert!(t.text("我的手机怎么充话费？")[0].keep);
    // Staff's words are for keeping too.
    assert!(answers::staff_reply("你好", true).keep);
}
