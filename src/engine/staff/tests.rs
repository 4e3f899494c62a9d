//! The staff broadcast flow and announcement settings, over the fixture content in
//! `tests/data/fixture/` (not the sample `content/`).

use super::*;
use crate::content::{self, Content};
use crate::engine::{step, Keywords, Outcome};
use std::path::Path;

struct T {
    content: Content,
    langs: Vec<String>,
    kw: Keywords,
    staff: bool,
    profile: Profile,
    state: State,
}

impl T {
    fn new(staff: bool) -> T {
        let content = content::load_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixture/content"),
        )
        .expect("fixture content (tests/data/fixture/)");
        T {
            content,
            langs: vec!["zh-CN".into(), "bo".into(), "ug".into()],
            kw: Keywords::default(),
            staff,
            profile: Profile {
                lang: Some("zh-CN".into()),
                ..Profile::default()
            },
            state: State::Menu,
        }
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            content: &self.content,
            languages: &self.langs,
            keywords: &self.kw,
            today: "2026-11-30",
            faq: None,
            handoff: false,
            staff: self.staff,
        }
    }

    fn send(&mut self, input: Input) -> (Vec<Reply>, Vec<Effect>) {
        let state = std::mem::take(&mut self.state);
        let mut profile = self.profile.clone();
        let Outcome {
            state,
            replies,
            effects,
        } = step(&self.ctx(), &mut profile, state, input);
        self.profile = profile;
        self.state = state;
        (replies, effects)
    }

    fn text(&mut self, t: &str) -> (Vec<Reply>, Vec<Effect>) {
        self.send(Input::from_text(t))
    }

    fn press(&mut self, op: BcOp) -> (Vec<Reply>, Vec<Effect>) {
        self.send(Input::from_callback(&Action::Bc(op).encode()))
    }

    /// What the adapter does after `Effect::PreviewBroadcast`: it counts, and
    /// steps the engine with the counts.
    fn count(&mut self, counts: &[(&str, u64)]) -> Vec<Reply> {
        let counts = counts.iter().map(|(l, n)| (l.to_string(), *n)).collect();
        let (replies, effects) = self.send(Input::Learned(Learned::Counted(counts)));
        assert!(effects.is_empty(), "{effects:?}");
        replies
    }

    fn draft(&self) -> &Composition {
        match &self.state {
            State::Compose { draft } => draft,
            s => panic!("not composing: {s:?}"),
        }
    }
}

fn first_id(r: &[Reply]) -> &str {
    &r[0].lines[0].id
}

fn actions(r: &Reply) -> Vec<Action> {
    r.flat_buttons().map(|b| b.action.clone()).collect()
}

const MARKUP: &str = "<b>停电</b> & *粗* _斜_ [链接](http://x) 1. `code` \\ བོད་ཡིག ئۇيغۇرچە 📶🙂 ";

#[test]
fn non_staff_get_nothing_privileged() {
    let mut t = T::new(false);
    let (r, e) = t.text("/broadcast");
    assert_eq!(first_id(&r), msg::NOTICE_UNKNOWN_COMMAND);
    assert!(e.is_empty());
    assert_eq!(t.state, State::Menu);
    let (r, e) = t.text("/broadcasts");
    assert_eq!(first_id(&r), msg::NOTICE_UNKNOWN_COMMAND);
    assert!(e.is_empty());
    // Forged copies of every staff button.
    for op in [
        BcOp::Confirm,
        BcOp::Stop(1),
        BcOp::List,
        BcOp::All,
        BcOp::Now,
        BcOp::Skip,
        BcOp::Fallback("zh-CN".into()),
    ] {
        let (r, e) = t.press(op.clone());
        assert_eq!(first_id(&r), msg::NOTICE_OLD_BUTTON, "{op:?}");
        assert!(e.is_empty(), "{op:?}: {e:?}");
    }
    // A draft stored while the user was staff is dropped once they are not.
    t.state = State::Compose {
        draft: Composition {
            stage: Stage::Preview {
                counts: Some(vec![("zh-CN".into(), 1)]),
            },
            draft: Draft {
                audience: Some(Audience::All),
                ..Draft::default()
            },
        },
    };
    let (_, e) = t.press(BcOp::Confirm);
    assert!(e.is_empty());
    assert_eq!(t.state, State::Menu);
}

#[test]
fn full_flow_with_the_completeness_gate_and_a_fallback() {
    let mut t = T::new(true);
    let (r, _) = t.text("/broadcast");
    assert_eq!(first_id(&r), msg::BC_TEXT_PROMPT);
    assert_eq!(
        t.draft().stage,
        Stage::Text {
            lang: "zh-CN".into()
        }
    );
    let (r, _) = t.text(MARKUP);
    assert_eq!(first_id(&r), msg::BC_TEXT_SAVED);
    assert_eq!(t.draft().texts["zh-CN"], MARKUP, "kept byte for byte");
    // Tibetan: skipped by typing the skip button's number.
    t.text("1");
    assert_eq!(t.draft().stage, Stage::Text { lang: "ug".into() });
    t.text("ئۇقتۇرۇش: ئېلېكتر توختايدۇ");
    assert_eq!(t.draft().stage, Stage::Audience);
    t.press(BcOp::All);
    assert_eq!(t.draft().stage, Stage::When);
    let (r, e) = t.press(BcOp::Now);
    assert!(r.is_empty());
    assert!(matches!(&e[..], [Effect::PreviewBroadcast(d)] if d.texts.len() == 2));
    // Tibetan users exist but have no text: refused, naming Tibetan.
    let r = t.count(&[("zh-CN", 5), ("bo", 3), ("ug", 2)]);
    // Header + verbatim text per language with a text, then the summary.
    assert_eq!(r.len(), 5);
    assert_eq!(r[1].lines[0].as_verbatim(), Some(MARKUP));
    assert_eq!(actions(&r[1]), [Action::Announce(false)]);
    let summary = r.last().unwrap();
    let missing = summary
        .lines
        .iter()
        .find(|l| l.id == msg::BC_MISSING)
        .expect("gate message");
    assert_eq!(
        missing.args,
        vec![(
            "languages",
            Arg::List(vec![Line::new(msg::LANGUAGE_NAME).in_lang("bo")])
        )]
    );
    assert!(!actions(summary).contains(&Action::Bc(BcOp::Confirm)));
    // A typed or forged confirm does not get past the gate.
    let (_, e) = t.press(BcOp::Confirm);
    assert!(e.is_empty());
    // Staff choose the Mandarin text for Tibetan users.
    let (_, e) = t.press(BcOp::Fallback("zh-CN".into()));
    assert!(
        matches!(&e[..], [Effect::PreviewBroadcast(d)] if d.fallback.as_deref() == Some("zh-CN"))
    );
    let r = t.count(&[("zh-CN", 5), ("bo", 3), ("ug", 2)]);
    let summary = r.last().unwrap();
    assert!(summary.lines.iter().all(|l| l.id != msg::BC_MISSING));
    // The Mandarin text goes to 5 + 3 users.
    assert_eq!(r[0].lines[0].args[1], ("count", Arg::Num(8)));
    assert!(actions(summary).contains(&Action::Bc(BcOp::Confirm)));
    let (r, e) = t.press(BcOp::Confirm);
    assert!(r.is_empty());
    assert_eq!(t.state, State::Menu);
    match &e[..] {
        [Effect::Broadcast(d)] => {
            assert_eq!(d.texts["zh-CN"], MARKUP);
            assert_eq!(d.audience, Some(Audience::All));
            assert_eq!(d.text_for("bo").map(|(l, _)| l), Some("zh-CN"));
            assert_eq!(d.at, None);
        }
        other => panic!("{other:?}"),
    }
    // Pressing confirm again (a second tap, or a replay) is a stale button.
    let (r, e) = t.press(BcOp::Confirm);
    assert_eq!(first_id(&r), msg::NOTICE_OLD_BUTTON);
    assert!(e.is_empty());
}

#[test]
fn texts_over_telegrams_limit_are_refused_when_written() {
    let mut t = T::new(true);
    t.text("/broadcast");
    // 2,049 emoji are 4,098 UTF-16 units: too long, though only 2,049 characters.
    let (r, _) = t.text(&"📶".repeat(2049));
    assert_eq!(first_id(&r), msg::BC_TEXT_TOO_LONG);
    assert_eq!(r[0].lines[0].args[0], ("length", Arg::Num(4098)));
    assert!(t.draft().texts.is_empty());
    let (r, _) = t.text("   ");
    assert_eq!(first_id(&r), msg::BC_TEXT_EMPTY);
    let (r, _) = t.text(&"ཀ".repeat(4096));
    assert_eq!(first_id(&r), msg::BC_TEXT_SAVED);
}

#[test]
fn all_languages_skipped_asks_again() {
    let mut t = T::new(true);
    t.text("/broadcast");
    t.press(BcOp::Skip);
    t.press(BcOp::Skip);
    let (r, _) = t.press(BcOp::Skip);
    assert_eq!(first_id(&r), msg::BC_NO_TEXT);
    assert_eq!(
        t.draft().stage,
        Stage::Text {
            lang: "zh-CN".into()
        }
    );
}

#[test]
fn audiences_by_language_county_package_and_a_scheduled_time() {
    for (by, pick, want) in [
        (
            BcOp::ByLang,
            BcOp::Lang("ug".into()),
            Audience::Lang { lang: "ug".into() },
        ),
        (
            BcOp::ByCounty,
            BcOp::County("540121".into()),
            Audience::County {
                code: "540121".into(),
            },
        ),
        (
            BcOp::ByPackage,
            BcOp::Package("village".into()),
            Audience::Package {
                id: "village".into(),
            },
        ),
    ] {
        let mut t = T::new(true);
        t.text("/broadcast");
        t.text("a");
        t.text("b");
        t.text("c");
        t.press(by);
        // Forged values are stale buttons.
        let (r, _) = t.press(BcOp::County("999999".into()));
        assert_eq!(first_id(&r), msg::NOTICE_OLD_BUTTON);
        t.press(pick);
        assert_eq!(t.draft().audience.as_ref(), Some(&want));
        let (r, _) = t.text("tomorrow");
        assert_eq!(first_id(&r), msg::BC_WHEN_BAD);
        let (_, e) = t.text("２０２６-12-01 09:30");
        assert!(
            matches!(&e[..], [Effect::PreviewBroadcast(d)] if d.at == Some(parse_china_time("2026-12-01 09:30").unwrap()))
        );
    }
}

#[test]
fn cancel_and_list_and_stop() {
    let mut t = T::new(true);
    t.text("/broadcast");
    let (r, _) = t.text("2"); // the cancel button's number
    assert_eq!(first_id(&r), msg::BC_CANCELLED);
    assert_eq!(t.state, State::Menu);
    let (_, e) = t.text("/broadcasts");
    assert_eq!(e, [Effect::ListBroadcasts]);
    let (_, e) = t.press(BcOp::Stop(42));
    assert_eq!(e, [Effect::CancelBroadcast(42)]);
}

#[test]
fn users_opt_out_and_back_in() {
    let mut t = T::new(false);
    let (r, _) = t.text("/stop");
    assert!(!t.profile.announcements);
    assert_eq!(first_id(&r), msg::ANNOUNCE_OFF);
    assert!(actions(&r[0]).contains(&Action::Announce(true)));
    let (r, _) = t.text("/start");
    assert!(t.profile.announcements);
    assert!(r[0].lines.iter().any(|l| l.id == msg::ANNOUNCE_BACK_ON));
    // The button under an announcement, and the settings toggle (typed number 1).
    t.send(Input::from_callback(&Action::Announce(false).encode()));
    assert!(!t.profile.announcements);
    let (r, _) = t.text("1");
    assert!(t.profile.announcements);
    assert_eq!(first_id(&r), msg::ANNOUNCE_ON);
    assert_eq!(r[0].lines[1].id, msg::SETTINGS_ON);
    // /start when already on says nothing extra.
    let (r, _) = t.text("/start");
    assert!(r[0].lines.iter().all(|l| l.id != msg::ANNOUNCE_BACK_ON));
}

#[test]
fn every_staff_screen_uses_known_messages_and_short_callback_data() {
    let t = T::new(true);
    let mut known: Vec<String> = msg::ALL.iter().map(|s| s.to_string()).collect();
    known.extend(t.content.message_ids());
    let draft = |stage| Composition {
        draft: Draft {
            texts: [("zh-CN".to_string(), "x".to_string())].into(),
            ..Draft::default()
        },
        stage,
    };
    let counts = Some(vec![("zh-CN".into(), 1), ("bo".into(), 2)]);
    let states = [
        State::Settings,
        State::Compose {
            draft: draft(Stage::Text { lang: "bo".into() }),
        },
        State::Compose {
            draft: draft(Stage::Audience),
        },
        State::Compose {
            draft: draft(Stage::ByLang),
        },
        State::Compose {
            draft: draft(Stage::ByCounty),
        },
        State::Compose {
            draft: draft(Stage::ByPackage),
        },
        State::Compose {
            draft: draft(Stage::When),
        },
        State::Compose {
            draft: draft(Stage::Preview { counts }),
        },
    ];
    let summary = JobSummary {
        id: u64::MAX,
        status: JobStatus::Running,
        at: Some(0),
        tally: Tally::default(),
    };
    let progress = ProgressView {
        id: 7,
        tally: Tally::default(),
        eta: Some(61),
        paused: Some(3),
    };
    let mut replies: Vec<Reply> = states
        .iter()
        .map(|s| view(&t.ctx(), &t.profile, s))
        .collect();
    replies.extend([
        list_reply(std::slice::from_ref(&summary)),
        list_reply(&[]),
        progress_reply(&progress),
        report_reply(7, JobStatus::Done, &[("bo".into(), Tally::default())], 3),
        queued_reply(7, None),
        queued_reply(7, Some(0)),
        refused_reply(&["bo".into()]),
        refused_reply(&[]),
        stop_reply(7, StopOutcome::Stopped),
        stop_reply(7, StopOutcome::AlreadyFinished),
        stop_reply(7, StopOutcome::Unknown),
    ]);
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
    for r in &replies {
        for l in &r.lines {
            check(l, &known);
        }
        for b in r.flat_buttons() {
            check(&b.label, &known);
            let data = b.action.encode();
            assert!(data.len() <= 64 && data.is_ascii(), "{data}");
        }
    }
    for s in &states {
        let json = serde_json::to_string(s).unwrap();
        assert_eq!(&serde_json::from_str::<State>(&json).unwrap(), s);
    }
}

#[test]
fn beijing_time_parses_and_formats() {
    let t = parse_china_time("2026-12-01 09:00").unwrap();
    assert_eq!(t, 1_796_086_800);
    assert_eq!(format_china_time(t), "2026-12-01 09:00");
    assert_eq!(
        parse_china_time("2028-02-29T23:59")
            .map(format_china_time)
            .as_deref(),
        Some("2028-02-29 23:59")
    );
    for bad in [
        "2026-02-29 10:00",
        "2026-13-01 10:00",
        "2026-12-01 24:00",
        "2026-12-01",
        "hello",
        "2026-12-01 09:00:00",
    ] {
        assert_eq!(parse_china_time(bad), None, "{bad}");
    }
}

#[test]
fn a_composition_is_stored_as_the_draft_was_before_it_moved_to_broadcast() {
    // The session layout of a draft being composed: the draft's fields, then
    // `stage`, in one object (as before `broadcast::Draft` existed).
    let stored = r#"{"texts":{"zh-CN":"x"},"audience":{"k":"lang","lang":"bo"},"at":5,"fallback":null,"stage":{"at":"preview","counts":[["bo",2]]}}"#;
    let c: Composition = serde_json::from_str(stored).unwrap();
    assert_eq!(c.texts["zh-CN"], "x");
    assert_eq!(c.audience, Some(Audience::Lang { lang: "bo".into() }));
    assert_eq!(c.at, Some(5));
    assert_eq!(
        c.stage,
        Stage::Preview {
            counts: Some(vec![("bo".into(), 2)])
        }
    );
    assert_eq!(serde_json::to_string(&c).unwrap(), stored);
    // Older, sparser sessions still decode.
    let c: Composition = serde_json::from_str(r#"{"stage":{"at":"when"}}"#).unwrap();
    assert_eq!((c.stage, c.draft), (Stage::When, Draft::default()));
    let c: Composition = serde_json::from_str("{}").unwrap();
    assert_eq!(c.stage, Stage::Audience);
}
