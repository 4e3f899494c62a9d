//! Property tests (issue 5): the callback codec, the text normalizer and the
//! number masker, the engine under arbitrary input sequences, and the content,
//! configuration and locale parsers under mutated input.
//!
//! Every block is bounded (`cases` below) so the whole file runs in well under a
//! minute in a debug build on two cores. `PROPTEST_CASES=N` overrides every bound,
//! e.g. `PROPTEST_CASES=5000 cargo test --release --test tests properties::` for a long run.
//! A failure prints the minimal (shrunk) input; proptest also records its seed
//! under `tests/proptest-regressions/` so the next run tries it first.

use crate::support;

use netplus::app::World;
use netplus::config::{Config, ConfigError};
use netplus::content::{self, ContentError, Sources};
use netplus::engine::mask::mask_numbers;
use netplus::engine::{self, Action, Arg, Effect, Input, Line, Profile, StaffMessage, State};
use netplus::faq::lang::uyghur::{arabic_to_uly, uly_loose, uyghur_stems};
use netplus::faq::{normalize, tokens};
use netplus::l10n::{self, L10nError};
use netplus::text::{detect_script, fold_digits, parse_number, Languages};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::FileFailurePersistence;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::bot::root;

/// `cases` unless `PROPTEST_CASES` says otherwise (an explicit `cases` would
/// otherwise hide proptest's own reading of that variable).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/proptest-regressions/properties.txt"
        )))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Generators shared by several properties
// ---------------------------------------------------------------------------

/// Content ids as the loader accepts them (and as the codec must carry).
fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9-]{0,23}"
}

/// Every action of the codec, with ids from `ids`.
fn action_with(ids: BoxedStrategy<String>) -> BoxedStrategy<Action> {
    prop_oneof![
        Just(Action::Menu),
        Just(Action::Help),
        Just(Action::LanguageMenu),
        ids.clone().prop_map(Action::SetLang),
        Just(Action::Packages),
        ids.clone().prop_map(Action::Package),
        ids.clone().prop_map(Action::Apply),
        Just(Action::Quiz),
        ids.clone().prop_map(Action::CheckPackage),
        proptest::option::of(ids.clone()).prop_map(Action::WhyNot),
        (ids.clone(), ids.clone()).prop_map(|(q, v)| Action::Answer { q, v }),
        Just(Action::Back),
        Just(Action::QuizRestart),
        Just(Action::Ask),
        Just(Action::Human),
        Just(Action::EndHandoff),
        ids.clone().prop_map(Action::Faq),
        (ids.clone(), 0u8..4).prop_map(|(id, page)| Action::FaqGroup { id, page }),
        (ids.clone(), any::<bool>()).prop_map(|(topic, yes)| Action::Helpful { topic, yes }),
        ids.prop_map(Action::InboxDone),
        Just(Action::Forget),
        Just(Action::ForgetConfirm),
    ]
    .boxed()
}

/// Strings shaped like callback data (version digit, an operation letter,
/// `:`-separated arguments): they reach every branch of `decode`, including
/// operations added after this file was written.
fn codec_shaped() -> impl Strategy<Value = String> {
    "[0-9]([a-zA-Z]|[:_ ]|)(:[a-zA-Z0-9_-]{0,26}){0,3}"
}

/// The digit scripts the bot reads: ASCII, full-width, Tibetan, Arabic-Indic,
/// Extended Arabic-Indic.
const DIGIT_ZERO: [u32; 5] = [0x30, 0xFF10, 0x0F20, 0x0660, 0x06F0];

fn digit_in(script: usize, d: u32) -> char {
    char::from_u32(DIGIT_ZERO[script] + d).expect("a digit")
}

fn number_in(script: usize, n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| digit_in(script, c.to_digit(10).expect("decimal")))
        .collect()
}

/// Where a generated character comes from.
enum Pool {
    Range(char, char),
    List(&'static [char]),
    /// A digit of one of the scripts the bot reads ([`DIGIT_ZERO`]).
    Digit,
    /// Any scalar value.
    Any,
}

/// Characters that have broken text handling before, with weights: digits of many
/// scripts (also ones NFKC folds: superscripts, circled, mathematical), Han
/// (common, extensions, compatibility, traditional), Tibetan, Arabic and its
/// presentation forms, invisible controls (ZWJ, ZWNJ, bidi marks and isolates,
/// BOM, tatweel, combining hamza), combining marks, Hangul jamo, case oddities,
/// emoji and punctuation of each script. Plain ASCII comes first so that failing
/// cases shrink towards it.
const POOLS: &[(u32, Pool)] = &[
    (3, Pool::Range('a', 'z')),
    (
        2,
        Pool::List(&[
            ' ', ' ', '\t', '\n', '\r', '\u{3000}', '\u{00A0}', '。', '，', '、', '！', '？', '-',
            '.', '\'', '’', '`', '་', '།', '༄', '،', '؟', '؛', '…', '*', '/', '@', 'X', 'x', 'Ｘ',
            'ｘ',
        ]),
    ),
    (3, Pool::Digit),
    (
        1,
        Pool::List(&[
            '०', '९', '০', '๓', '᠑', '𝟎', '𝟗', '𝟵', '²', '³', '¹', '₂', '①', '⑩', '⒈', '㈠', '〡',
            'Ⅻ', '½',
        ]),
    ),
    (1, Pool::Range('A', 'Z')),
    (3, Pool::Range('\u{4E00}', '\u{9FFF}')),
    (
        1,
        Pool::List(&[
            '〇', '一', '十', '們', '說', '機', '號', '錢', '體', '龍', '麼', '臺', '裡', '後',
            '髮',
        ]),
    ),
    (1, Pool::Range('\u{3400}', '\u{4DBF}')),
    (1, Pool::Range('\u{20000}', '\u{2A6DF}')),
    (1, Pool::Range('\u{F900}', '\u{FAFF}')),
    (4, Pool::Range('\u{0F00}', '\u{0FFF}')),
    (4, Pool::Range('\u{0600}', '\u{06FF}')),
    (3, Pool::Range('\u{FB50}', '\u{FEFF}')),
    (1, Pool::Range('\u{0750}', '\u{077F}')),
    (
        3,
        Pool::List(&[
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}',
            '\u{202C}', '\u{202D}', '\u{202E}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{FEFF}', '\u{00AD}', '\u{061C}', '\u{0640}', '\u{0654}', '\u{0655}',
            '\u{180E}', '\u{FE00}', '\u{FE0F}', '\u{034F}', '\u{0F0C}',
        ]),
    ),
    (1, Pool::Range('\u{00C0}', '\u{024F}')),
    (
        1,
        Pool::List(&['İ', 'ẞ', 'Σ', 'ς', 'K', 'Ω', 'ǅ', 'ﬁ', 'ŉ']),
    ),
    (1, Pool::Range('\u{0300}', '\u{036F}')),
    (1, Pool::Range('\u{1100}', '\u{11FF}')),
    (1, Pool::Range('\u{1F300}', '\u{1FAFF}')),
    (4, Pool::Any),
];

fn pick_char(mut w: u32, x: u32) -> char {
    for (weight, pool) in POOLS {
        if w >= *weight {
            w -= weight;
            continue;
        }
        return match pool {
            Pool::Range(a, b) => {
                let (a, b) = (*a as u32, *b as u32);
                char::from_u32(a + x % (b - a + 1)).unwrap_or('\u{FFFD}')
            }
            Pool::List(l) => l[x as usize % l.len()],
            Pool::Digit => digit_in(x as usize % 5, (x / 5) % 10),
            Pool::Any => char::from_u32(x % 0x11_0000).unwrap_or('\u{FFFD}'),
        };
    }
    unreachable!("weight out of range")
}

/// One character from [`POOLS`]. Generated as two integers (cheap in a debug
/// build, and shrinking moves towards the first pool and its first character).
fn tricky_char() -> impl Strategy<Value = char> {
    let total: u32 = POOLS.iter().map(|(w, _)| w).sum();
    (0..total, any::<u32>()).prop_map(|(w, x)| pick_char(w, x))
}

fn tricky_text(max: usize) -> BoxedStrategy<String> {
    proptest::collection::vec(tricky_char(), 0..=max)
        .prop_map(String::from_iter)
        .boxed()
}

// ---------------------------------------------------------------------------
// 1. The callback codec
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn codec_encodes_short_ascii_that_decodes_back(a in action_with(id().boxed())) {
        let e = a.encode();
        prop_assert!(e.is_ascii(), "{e:?}");
        prop_assert!(!e.is_empty() && e.len() <= engine::action::MAX_LEN, "{} bytes: {e:?}", e.len());
        prop_assert_eq!(Action::decode(&e), Ok(a.clone()));
        prop_assert_eq!(a.to_string(), e);
    }

    #[test]
    fn codec_decode_never_panics_and_what_it_accepts_re_encodes(
        s in prop_oneof![
            proptest::collection::vec(any::<char>(), 0..=200).prop_map(String::from_iter),
            tricky_text(200),
            codec_shaped(),
        ]
    ) {
        if let Ok(a) = Action::decode(&s) {
            prop_assert_eq!(a.encode(), s);
        }
    }
}

// ---------------------------------------------------------------------------
// 2. The text normalizer and the number masker
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn text_functions_never_panic(s in tricky_text(80)) {
        let n = normalize(&s);
        let _ = fold_digits(&s);
        let _ = parse_number(&s);
        let _ = tokens(&s);
        let _ = tokens(&n);
        let _ = detect_script(&s);
        let table = Languages::builtin();
        let _ = detect_script(&s).map(|sc| table.for_script(sc, Some("ug"), |_| true).map(str::to_string));
        for w in n.split(' ') {
            let _ = uyghur_stems(&uly_loose(&arabic_to_uly(w)));
            let _ = uyghur_stems(w);
        }
        let m = mask_numbers(&s);
        prop_assert_eq!(m.chars().count(), s.chars().count());
    }

    #[test]
    fn fold_digits_keeps_the_char_count_and_leaves_no_foreign_digit(s in tricky_text(80)) {
        let f = fold_digits(&s);
        prop_assert_eq!(f.chars().count(), s.chars().count());
        for (a, b) in s.chars().zip(f.chars()) {
            if a != b {
                prop_assert!(b.is_ascii_digit(), "{a:?} became {b:?}");
            }
        }
        prop_assert_eq!(fold_digits(&f), f.clone());
    }

    /// BUG (src/faq/normalize.rs): `normalize` runs NFKC first and then drops
    /// invisible characters and lowercases, which can leave text that is not in
    /// NFKC any more, so a second `normalize` changes it again. Minimal inputs:
    /// `"\u{F71}\u{FE71}"` (Tibetan vowel sign AA, then a presentation form that
    /// NFKC turns into tatweel + fathatan: the tatweel is dropped and the two marks
    /// end up in non-canonical order) → `"\u{F71}\u{64B}"`, whose `normalize` is
    /// `"\u{64B}\u{F71}"`; and `"İ\u{316}"` → `"i\u{307}\u{316}"` → `"i\u{316}\u{307}"`.
    /// `normalize_is_idempotent_on_nfkc_text_without_marks_or_controls` covers the
    /// rest of the pipeline.
    #[test]
    fn normalize_is_idempotent(s in tricky_text(40)) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone(), "input {:?}", s);
    }

    /// Idempotence where the bug above cannot bite: input already in NFKC, with no
    /// combining marks and no format controls. Still covers Uyghur letter folding,
    /// digits, case, punctuation, apostrophes and traditional → simplified.
    #[test]
    fn normalize_is_idempotent_on_nfkc_text_without_marks_or_controls(s in tricky_text(40)) {
        let s = without_marks_or_controls(&s);
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone(), "input {:?}", s);
    }

    #[test]
    fn parse_number_reads_every_digit_script(n in 1u64..=9999, script in 0usize..5, pad in select(vec!["", " ", "\u{3000}", "\u{200F}"]), dot in select(vec!["", ".", "、", "。"])) {
        let typed = format!("{pad}{}{dot}{pad}", number_in(script, n));
        prop_assert_eq!(parse_number(&typed), Some(n as u32), "{:?}", typed);
    }

    #[test]
    fn mask_numbers_is_a_fixed_point(s in tricky_text(80)) {
        let once = mask_numbers(&s);
        prop_assert_eq!(mask_numbers(&once), once.clone());
    }

    #[test]
    fn mask_numbers_hides_all_but_the_last_four_digits_of_long_numbers(
        prefix in tricky_text(30),
        number in long_number(),
        suffix in tricky_text(30),
    ) {
        let input = format!("{prefix}{}{suffix}", number.text);
        let out: Vec<char> = mask_numbers(&input).chars().collect();
        prop_assert_eq!(out.len(), input.chars().count());
        let at = prefix.chars().count();
        let digits = number.digit_positions.len();
        for &p in &number.digit_positions[..digits - 4] {
            prop_assert_eq!(out[at + p], '*', "digit at {} of {:?} left in {:?}", p, input, out.iter().collect::<String>());
        }
        // What a reader of the staff chat could copy: the first five digits.
        let first5: String = number.text.chars().take(5).collect();
        if first5.chars().count() == 5
            && !prefix.contains(&first5)
            && !suffix.contains(&first5)
            && fold_digits(&first5).chars().all(|c| c.is_ascii_digit())
        {
            let out: String = out.iter().collect();
            prop_assert!(!out.contains(&first5), "{first5:?} visible in {out:?}");
        }
    }
}

/// `s` in NFKC without combining marks and without the characters `normalize`
/// drops after NFKC.
fn without_marks_or_controls(s: &str) -> String {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::UnicodeNormalization;
    s.nfkc()
        .filter(|&c| canonical_combining_class(c) == 0 && normalize(&format!("a{c}b")) != "ab")
        .collect()
}

/// A phone or ID number as a user might type it.
#[derive(Debug, Clone)]
struct LongNumber {
    text: String,
    /// Char offsets of the digits (and a final X) in `text`.
    digit_positions: Vec<usize>,
}

fn long_number() -> impl Strategy<Value = LongNumber> {
    (
        proptest::collection::vec(0u32..10, 11..=18),
        prop_oneof![
            3 => (0usize..5).prop_map(|s| vec![s; 18]),
            1 => proptest::collection::vec(0usize..5, 18),
        ],
        proptest::collection::vec(
            prop_oneof![8 => Just(None), 1 => select(vec![' ', '-', '\u{3000}']).prop_map(Some)],
            18,
        ),
        select(vec![None, Some('X'), Some('x'), Some('Ｘ')]),
    )
        .prop_map(|(digits, scripts, seps, x)| {
            let mut text = String::new();
            let mut pos = Vec::new();
            let mut n = 0;
            for (i, d) in digits.iter().enumerate() {
                if i > 0 {
                    if let Some(sep) = seps[i] {
                        text.push(sep);
                        n += 1;
                    }
                }
                text.push(digit_in(scripts[i], *d));
                pos.push(n);
                n += 1;
            }
            if let Some(x) = x {
                text.push(x);
                pos.push(n);
            }
            LongNumber {
                text,
                digit_positions: pos,
            }
        })
}

// ---------------------------------------------------------------------------
// 3. The engine under arbitrary input sequences
// ---------------------------------------------------------------------------

const TODAY: &str = "2026-11-30";

struct Fixture {
    world: World,
    /// Words and phrases from the shipped locales: keywords and FAQ questions.
    phrases: Vec<String>,
    /// Real ids: packages, questions, choices, FAQ topics, languages, counties.
    ids: Vec<String>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let world = support::world::world();
        let mut phrases = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for lang in world.l10n.languages() {
            ids.push(lang.clone());
            let dir = root().join("locales").join(lang);
            let main = std::fs::read_to_string(dir.join("main.ftl")).expect("main.ftl");
            for line in main.lines().filter(|l| l.starts_with("kw-")) {
                if let Some((_, v)) = line.split_once('=') {
                    phrases.extend(v.split(',').map(|p| p.trim().to_string()));
                }
            }
            let faq = std::fs::read_to_string(dir.join("faq.ftl")).expect("faq.ftl");
            let mut in_q = false;
            for line in faq.lines() {
                if let Some(rest) = line.strip_prefix("faq-") {
                    in_q = rest.trim_end().ends_with("-q =");
                    if let Some(t) = rest
                        .split(" =")
                        .next()
                        .and_then(|k| k.strip_suffix("-title"))
                    {
                        ids.push(t.to_string());
                    }
                } else if in_q && line.starts_with(' ') && !line.trim().is_empty() {
                    phrases.push(line.trim().to_string());
                }
            }
        }
        for p in &world.content.packages {
            ids.push(p.id.clone());
        }
        for q in &world.content.questions {
            ids.push(q.id.clone());
            ids.extend(q.choices.iter().cloned());
        }
        for c in &world.content.counties {
            ids.push(c.code.clone());
        }
        for g in &world.content.faq_groups {
            ids.push(g.id.clone());
        }
        ids.sort();
        ids.dedup();
        phrases.sort();
        phrases.dedup();
        Fixture {
            world,
            phrases,
            ids,
        }
    })
}

/// Real ids most of the time (so buttons hit live branches), random ones else.
fn any_id() -> BoxedStrategy<String> {
    prop_oneof![3 => select(fixture().ids.clone()), 1 => id()].boxed()
}

fn typed_number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0usize..5, 0u64..=14).prop_map(|(s, n)| number_in(s, n)),
        1 => select(vec!["一", "三", "十", "(2)", "【1】", "1.", "3、", "99999999999", "0"]).prop_map(String::from),
    ]
}

fn typed_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => typed_number(),
        4 => select(fixture().phrases.clone()),
        3 => tricky_text(40),
        1 => (tricky_text(20), long_number(), tricky_text(20)).prop_map(|(a, n, b)| format!("{a}{}{b}", n.text)),
        1 => (select(fixture().phrases.clone()), select(fixture().phrases.clone())).prop_map(|(a, b)| format!("{a} {b}")),
        1 => (1usize..5000).prop_map(|n| "我的手机没有信号 13800138000 ".chars().cycle().take(n).collect()),
    ]
    .boxed()
}

const COMMANDS: &[&str] = &[
    "/start",
    "/start 540121",
    "/start 653221",
    "/start 999999",
    "/start ../../etc",
    "/start@netplus_bot",
    "/menu",
    "/MENU@netplus_bot extra",
    "/check",
    "/human",
    "/staff",
    "/help",
    "/language",
    "/lang",
    "/packages",
    "/ask",
    "/unanswered",
    "/forget",
    "/reload",
    "/nonsense",
    "/",
    "  /menu",
];

/// One thing a user does: an input, or a press of the `n`-th button (modulo
/// their number) of the last reply, which is how real users go deep (a full
/// questionnaire, a package card, an application).
#[derive(Debug, Clone)]
enum Step {
    Send(Input),
    Press(usize),
}

fn user_step() -> BoxedStrategy<Step> {
    prop_oneof![
        3 => input().prop_map(Step::Send),
        // The first buttons are the choices of a question or the items of a list.
        2 => (0usize..2).prop_map(Step::Press),
        1 => (0usize..16).prop_map(Step::Press),
    ]
    .boxed()
}

fn input() -> BoxedStrategy<Input> {
    prop_oneof![
        6 => typed_text().prop_map(|t| Input::from_text(&t)),
        3 => select(COMMANDS).prop_map(Input::from_text),
        4 => action_with(any_id()).prop_map(|a| Input::from_callback(&a.encode())),
        1 => codec_shaped().prop_map(|s| Input::from_callback(&s)),
        1 => tricky_text(70).prop_map(|s| Input::from_callback(&s)),
        1 => Just(Input::Unsupported),
        1 => "[A-Za-z0-9_-]{1,40}".prop_map(|file_id| Input::Voice { file_id }),
        1 => ("[A-Za-z0-9_-]{1,40}", proptest::option::of(typed_text()))
            .prop_map(|(file_id, caption)| Input::Photo { file_id, caption }),
    ]
    .boxed()
}

fn lang_choice() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        4 => select(vec!["zh-CN", "bo", "ug"]).prop_map(|l| Some(l.to_string())),
        1 => select(vec!["fr", "en", "zh", "", "ZH-cn"]).prop_map(|l| Some(l.to_string())),
    ]
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        lang_choice(),
        lang_choice(),
        proptest::option::of(any_id()),
        proptest::collection::vec((any_id(), any_id()), 0..4),
    )
        .prop_map(|(lang, hint, county, answers)| Profile {
            lang,
            hint,
            county,
            answers,
            ..Profile::default()
        })
}

/// Any state a session may hold, including stale ones (content edited since).
fn state() -> BoxedStrategy<State> {
    prop_oneof![
        Just(State::New),
        Just(State::Language),
        Just(State::Menu),
        Just(State::Packages),
        any_id().prop_map(|id| State::Package { id }),
        any_id().prop_map(|id| State::Apply { id, back: None }),
        any_id().prop_map(|id| State::Apply {
            id,
            back: Some(Box::new(State::Result))
        }),
        (
            proptest::collection::vec((any_id(), any_id()), 0..8),
            proptest::option::of(any_id())
        )
            .prop_map(|(answers, only)| State::Quiz { answers, only }),
        Just(State::Result),
        proptest::option::of(any_id()).prop_map(|id| State::WhyNot { id }),
        Just(State::Switching {
            back: Box::new(State::Result)
        }),
        Just(State::Ask),
        (any_id(), prop_oneof![3 => 0u8..3, 1 => any::<u8>()])
            .prop_map(|(id, page)| State::FaqGroup { id, page }),
        Just(State::Human),
        (any_id(), tricky_text(20)).prop_map(|(topic, question)| State::Answered {
            topic,
            question,
            offer: None
        }),
        (any_id(), select(vec!["zh-CN", "bo", "ug", "fr"])).prop_map(|(topic, l)| {
            State::Answered {
                topic,
                question: String::new(),
                offer: Some(l.to_string()),
            }
        }),
        Just(State::Sorry),
        proptest::collection::vec(any_id(), 0..4).prop_map(|topics| State::Suggest { topics }),
        Just(State::Forget),
    ]
    .boxed()
}

fn round_trips<T>(v: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(v).map_err(|e| TestCaseError::fail(format!("{e}: {v:?}")))?;
    let back: T =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, v, "through {}", json);
    Ok(())
}

/// Effects only a staff member may cause.
fn privileged(e: &Effect) -> bool {
    matches!(
        e,
        Effect::ListUnanswered | Effect::MarkHandled(_) | Effect::Reload
    )
}

/// Runs `steps` from `state` and checks every step. `all_messages_exist`: every
/// line of every reply names a Fluent message that exists (off for stored states
/// that may name content that is gone: see
/// `a_stored_state_naming_a_removed_faq_topic_shows_no_raw_message_id`).
fn run(
    all_messages_exist: bool,
    handoff: bool,
    staff: bool,
    mut profile: Profile,
    mut state: State,
    steps: &[Step],
) -> Result<(), TestCaseError> {
    let f = fixture();
    let mut ctx = f.world.ctx(TODAY);
    ctx.handoff = handoff;
    ctx.staff = staff;
    let mut buttons: Vec<String> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let inp = match s {
            Step::Send(inp) => inp.clone(),
            Step::Press(n) if buttons.is_empty() => Input::from_text(&(n + 1).to_string()),
            Step::Press(n) => Input::from_callback(&buttons[n % buttons.len()]),
        };
        let before = state.clone();
        let out = engine::step(&ctx, &mut profile, std::mem::take(&mut state), inp.clone());
        let at = || format!("step {i}: {inp:?} in {before:?}");
        for r in &out.replies {
            let rendered = f.world.render(&profile, r);
            let chars = rendered.text.chars().count();
            prop_assert!(
                !rendered.text.trim().is_empty(),
                "{}: empty reply {:?}",
                at(),
                r
            );
            prop_assert!(chars <= l10n::MAX_TEXT_CHARS, "{}: {} chars", at(), chars);
            prop_assert!(
                chars < l10n::MAX_TEXT_CHARS || !rendered.text.ends_with('…'),
                "{}: the reply was cut to Telegram's limit",
                at()
            );
            let lang = profile.lang.clone().unwrap_or_else(|| "zh-CN".to_string());
            let mut lines: Vec<&Line> = r.lines.iter().collect();
            lines.extend(r.flat_buttons().map(|b| &b.label));
            while let Some(line) = lines.pop() {
                prop_assert!(
                    !all_messages_exist || f.world.l10n.line(&lang, line) != line.id,
                    "{}: message {} does not exist",
                    at(),
                    line.id
                );
                for (_, arg) in &line.args {
                    match arg {
                        Arg::Line(l) => lines.push(l),
                        Arg::List(ls) | Arg::Alt(ls) => lines.extend(ls),
                        Arg::Text(_) | Arg::Num(_) => {}
                    }
                }
            }
            for (label, data) in rendered.buttons.iter().flatten() {
                prop_assert!(!label.trim().is_empty(), "{}: empty label", at());
                prop_assert!(
                    data.is_ascii() && !data.is_empty() && data.len() <= 64,
                    "{}: data {:?}",
                    at(),
                    data
                );
                prop_assert!(
                    Action::decode(data).is_ok(),
                    "{}: data {:?} does not decode",
                    at(),
                    data
                );
            }
            for b in r.flat_buttons() {
                prop_assert_eq!(Action::decode(&b.action.encode()), Ok(b.action.clone()));
            }
            if !r.buttons.is_empty() {
                buttons = rendered
                    .buttons
                    .iter()
                    .flatten()
                    .map(|(_, d)| d.clone())
                    .collect();
            }
        }
        for e in &out.effects {
            if !staff {
                prop_assert!(!privileged(e), "{}: non-staff caused {:?}", at(), e);
            }
            // Privacy: whatever reaches staff or the inbox is already masked.
            let text = match e {
                Effect::ToStaff(StaffMessage::Text(t)) => Some(t),
                Effect::ToStaff(StaffMessage::Photo {
                    caption: Some(t), ..
                }) => Some(t),
                Effect::Unanswered { text, .. } => Some(text),
                _ => None,
            };
            if let Some(t) = text {
                prop_assert_eq!(&mask_numbers(t), t, "{}: unmasked text for staff", at());
            }
        }
        if let State::Answered { question, .. } = &out.state {
            prop_assert_eq!(
                &mask_numbers(question),
                question,
                "{}: unmasked question kept",
                at()
            );
        }
        // One screen value: the buttons a user last saw are the ones a typed
        // number or word is resolved against (`view` of the new state), with
        // every transient row (offers, "not helpful", hand-over) included.
        if let Some(last) = out.replies.last().filter(|r| !r.buttons.is_empty()) {
            let shown: Vec<&Action> = last.flat_buttons().map(|b| &b.action).collect();
            let screen = engine::view(&ctx, &profile, &out.state);
            let resolved: Vec<&Action> = screen.flat_buttons().map(|b| &b.action).collect();
            prop_assert_eq!(
                &shown,
                &resolved,
                "{}: shown buttons are not the ones typed input resolves against (state {:?})",
                at(),
                &out.state
            );
        }
        state = out.state;
        round_trips(&state)?;
        round_trips(&profile)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn engine_survives_any_input_sequence_from_the_start(
        handoff in any::<bool>(),
        staff in any::<bool>(),
        hint in lang_choice(),
        steps in proptest::collection::vec(user_step(), 0..=30),
    ) {
        let profile = Profile { hint, ..Profile::default() };
        run(true, handoff, staff, profile, State::New, &steps)?;
    }

    #[test]
    fn engine_survives_any_input_sequence_from_any_stored_state(
        handoff in any::<bool>(),
        staff in any::<bool>(),
        profile in profile(),
        state in state(),
        steps in proptest::collection::vec(user_step(), 0..=30),
    ) {
        run(false, handoff, staff, profile, state, &steps)?;
    }
}

/// A long question whose phone number straddles the engine's length limit:
/// `MAX_TEXT` (500 chars) for a question to the FAQ and the inbox, `MAX_STAFF_TEXT`
/// (3,500) for a message to staff.
fn number_at_the_limit() -> impl Strategy<Value = (bool, usize, String)> {
    (
        any::<bool>(),
        0usize..=24,
        proptest::collection::vec(0u32..10, 11..=18),
    )
        .prop_map(|(staff_chat, back, digits)| {
            let limit = if staff_chat { 3500 } else { 500 };
            let number: String = digits.iter().map(|d| digit_in(0, *d)).collect();
            (staff_chat, limit - back, number)
        })
}

proptest! {
    #![proptest_config(config(64))]

    /// BUG (src/engine/mod.rs): the engine cuts a message to its length limit and
    /// masks afterwards, so a number that the cut splits keeps up to 10 of its
    /// first digits in the unanswered inbox, in `State::Answered.question` and in
    /// the staff chat. Minimal case: profile language zh-CN, state Menu,
    /// `Input::Text("啊".repeat(495) + "13800138000")` gives
    /// `Effect::Unanswered { text: "啊…啊13800", .. }`; in State::Human with a
    /// staff chat, 3,495 characters before the number give
    /// `Effect::ToStaff(Text("…13800"))`. Masking before the cut fixes both.
    #[test]
    fn engine_masks_numbers_that_the_length_limit_cuts((staff_chat, before, number) in number_at_the_limit()) {
        let f = fixture();
        let mut ctx = f.world.ctx(TODAY);
        ctx.handoff = staff_chat;
        let mut profile = Profile { lang: Some("zh-CN".into()), ..Profile::default() };
        let state = if staff_chat { State::Human } else { State::Menu };
        let text = format!("{}{number}", "啊".repeat(before));
        let out = engine::step(&ctx, &mut profile, state, Input::from_text(&text));
        let first5 = &number[..5];
        let mut seen = Vec::new();
        for e in &out.effects {
            match e {
                Effect::ToStaff(StaffMessage::Text(t)) | Effect::Unanswered { text: t, .. } => seen.push(t.clone()),
                _ => {}
            }
        }
        if let State::Answered { question, .. } = &out.state {
            seen.push(question.clone());
        }
        prop_assert!(!seen.is_empty(), "nothing for staff or the inbox: {:?}", out);
        for t in seen {
            let tail: String = t.chars().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
            prop_assert!(!t.contains(first5), "{first5} of {number} visible: …{tail}");
        }
    }
}

/// BUG (src/engine/mod.rs, `view`): a session stored in `State::Answered` or
/// `State::Suggest` names FAQ topics; when a content reload (`/reload`, SIGHUP) or
/// an upgrade removes such a topic, the next reply on that screen shows the raw
/// Fluent id: `Answered { topic: "gone" }` + a sticker (`Input::Unsupported`)
/// replies "…\nfaq-gone-a\n…", and `Suggest { topics: ["gone"] }` gets a button
/// labelled "1. faq-gone-title" (pressing it is handled: `Action::Faq` checks
/// `has_topic`). Found by `engine_survives_any_input_sequence_from_any_stored_state`
/// with the message check on.
#[test]
fn a_stored_state_naming_a_removed_faq_topic_shows_no_raw_message_id() {
    let f = fixture();
    let ctx = f.world.ctx(TODAY);
    for state in [
        State::Answered {
            topic: "gone".into(),
            question: String::new(),
            offer: None,
        },
        State::Suggest {
            topics: vec!["gone".into()],
        },
    ] {
        let mut profile = Profile {
            lang: Some("zh-CN".into()),
            ..Profile::default()
        };
        let out = engine::step(&ctx, &mut profile, state.clone(), Input::Unsupported);
        for r in &out.replies {
            let rendered = f.world.render(&profile, r);
            let labels: Vec<&String> = rendered.buttons.iter().flatten().map(|(l, _)| l).collect();
            assert!(
                !rendered.text.contains("faq-gone")
                    && !labels.iter().any(|l| l.contains("faq-gone")),
                "{state:?}: {:?} {labels:?}",
                rendered.text
            );
        }
    }
}

/// BUG (src/content/load.rs, src/config.rs): a TOML file that ends right after
/// `key =` is refused with an empty explanation, e.g.
/// `content/packages.toml:12: ` and `configuration …: line 1: `, because
/// `toml::de::Error::message()` is empty for an unexpected end of input. Found by
/// `content_parse_never_panics_and_locates_every_issue` (a truncated file).
#[test]
fn toml_errors_at_the_end_of_a_file_explain_themselves() {
    let packages = "[[package]]\nid =";
    let eligibility = shipped("eligibility.toml");
    let counties = shipped("counties.toml");
    let operator = shipped("operator.toml");
    let result = content::parse(&Sources {
        dir: Path::new("content"),
        packages,
        eligibility: &eligibility,
        counties: &counties,
        operator: &operator,
    });
    let Err(ContentError::Invalid(issues)) = result else {
        panic!("truncated content was accepted");
    };
    for i in &issues {
        assert!(
            !i.message.trim().is_empty(),
            "issue without a message: {i:?}"
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("netplus.toml");
    std::fs::write(&path, "data_dir =").expect("write");
    let e = Config::load_with(Some(&path), |_| None).expect_err("a truncated file");
    let text = e.to_string();
    assert!(
        !text.trim_end().ends_with("line 1:"),
        "no explanation: {text:?}"
    );
}

// ---------------------------------------------------------------------------
// 4. Content, configuration and locale parsers under mutation
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    /// Replace the chars `[at, at + len)` with `with`.
    Replace(Index, usize, String),
    Truncate(Index),
}

fn apply(text: &str, m: &Mutation) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let chars: Vec<char> = text.chars().collect();
    match m {
        Mutation::DeleteLine(i) if !lines.is_empty() => {
            let k = i.index(lines.len());
            lines
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, l)| *l)
                .collect()
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let k = i.index(lines.len());
            let mut out = String::new();
            for (j, l) in lines.iter().enumerate() {
                out.push_str(l);
                if j == k {
                    if !l.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(l);
                }
            }
            out
        }
        Mutation::Replace(i, len, with) => {
            let at = i.index(chars.len() + 1);
            let end = (at + len).min(chars.len());
            chars[..at]
                .iter()
                .chain(with.chars().collect::<Vec<_>>().iter())
                .chain(chars[end..].iter())
                .collect()
        }
        Mutation::Truncate(i) => chars[..i.index(chars.len() + 1)].iter().collect(),
        _ => text.to_string(),
    }
}

fn mutation(pieces: &'static [&'static str]) -> BoxedStrategy<Mutation> {
    let with = prop_oneof![
        3 => proptest::collection::vec(select(pieces), 0..6).prop_map(|v| v.concat()),
        1 => tricky_text(12),
    ];
    prop_oneof![
        2 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        5 => (any::<Index>(), 0usize..40, with).prop_map(|(i, n, w)| Mutation::Replace(i, n, w)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
    .boxed()
}

const TOML_PIECES: &[&str] = &[
    "\n",
    " = ",
    "=",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "[",
    "]",
    "[[package]]\n",
    "[[question]]\n",
    "[[county]]\n",
    "{",
    "}",
    ",",
    "#",
    "\\",
    "\\u00e9",
    "\\uD800",
    "id = \"village\"\n",
    "id = \"x\"\n",
    "kind = \"plan\"\n",
    "kind = \"rocket\"\n",
    "monthly_fee = \"8\"\n",
    "price = \"19.9\"\n",
    "monthly_fee = 8\n",
    "from = \"2026-02-30\"\n",
    "until = \"2025-01-01\"\n",
    "from = 2026-01-01\n",
    "data_gb = -1\n",
    "data_gb = 99999999999\n",
    "all = [\"county=yes\"]\n",
    "any = [\"nobody=yes\"]\n",
    "none = [\"x\"]\n",
    "try = \"village\"\n",
    "try = \"nowhere\"\n",
    "counties = [\"540121\"]\n",
    "counties = [\"000000\"]\n",
    "choices = []\n",
    "choices = [\"yes\", \"yes\"]\n",
    "code = \"540121\"\n",
    "designated = \"yes\"\n",
    "hotline = \"\"\n",
    "office_hours = \"9:00–17:00\"\n",
    "hotline = \"10086\"\n",
    "1979-05-27T07:32:00Z",
    "inf",
    "nan",
    "0x1F",
    "1e999",
    "true",
    "-",
    "a.b.c = 1\n",
    "\u{0}",
    "\r\n",
    "\t",
    "é",
    "套餐",
    "ཐུམ་སྒྲིལ",
    "بوغچا",
];

const FTL_PIECES: &[&str] = &[
    "\n",
    "\n    ",
    "\n\n",
    "-",
    "=",
    " = ",
    "{",
    "}",
    "{ $n }",
    "{ $text }",
    "{ -term }",
    "{ other-message }",
    "{ NUMBER($n) }",
    "{ $n ->\n",
    "[one] x\n",
    "*[other] y\n",
    "}\n",
    "->",
    "\"",
    "{ \"\\u0041\" }",
    "{ \"\\uD800\" }",
    "\\",
    "# ",
    "## ",
    "### ",
    ".attr = v\n",
    "menu-title = x\n",
    "kw-menu = 菜单, menu\n",
    "btn-menu = ",
    "-term = t\n",
    "  ",
    "\t",
    "[",
    "]",
    "*",
    "\u{0}",
    "\r\n",
    "é",
    "套餐",
    "ཐུམ་སྒྲིལ",
    "بوغچا",
];

/// The four content files, in the order of [`Sources`]' fields.
const CONTENT_FILES: [&str; 4] = [
    "packages.toml",
    "eligibility.toml",
    "counties.toml",
    "operator.toml",
];

fn shipped(name: &str) -> String {
    std::fs::read_to_string(root().join("content").join(name)).expect("shipped content")
}

fn lines_in(text: &str) -> usize {
    text.lines().count() + 1
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn content_parse_never_panics_and_locates_every_issue(
        edits in proptest::collection::vec((0usize..4, mutation(TOML_PIECES)), 1..4),
    ) {
        let names = CONTENT_FILES;
        let mut texts: Vec<String> = names.iter().map(|n| shipped(n)).collect();
        for (file, m) in &edits {
            texts[*file] = apply(&texts[*file], m);
        }
        let dir = Path::new("content");
        let result = content::parse(&Sources {
            dir,
            packages: &texts[0],
            eligibility: &texts[1],
            counties: &texts[2],
            operator: &texts[3],
        });
        match result {
            Ok(_) => {}
            Err(ContentError::Invalid(issues)) => {
                prop_assert!(!issues.is_empty());
                for i in &issues {
                    let k = names.iter().position(|n| i.file == dir.join(n));
                    prop_assert!(k.is_some(), "issue in an unknown file: {i}");
                    let max = lines_in(&texts[k.unwrap_or(0)]);
                    prop_assert!(i.line >= 1 && i.line <= max, "{i} (the file has {} lines)", max - 1);
                }
            }
            Err(e) => prop_assert!(false, "parse gave {e}"),
        }
    }

    #[test]
    fn config_load_never_panics(
        file in prop_oneof![
            proptest::collection::vec(select(CONFIG_LINES), 0..8).prop_map(|v| v.concat()),
            (proptest::collection::vec(select(CONFIG_LINES), 0..8), mutation(TOML_PIECES))
                .prop_map(|(v, m)| apply(&v.concat(), &m)),
            tricky_text(60),
        ],
        env in proptest::collection::hash_map(select(ENV_NAMES), env_value(), 0..5),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("netplus.toml");
        std::fs::write(&path, &file).expect("write");
        let env: HashMap<String, String> = env.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        match Config::load_with(Some(&path), |k| env.get(k).cloned()) {
            Ok(c) => {
                prop_assert!(!c.languages.is_empty());
                if let Some(v) = env.get("NETPLUS_DATA_DIR") {
                    prop_assert_eq!(c.data_dir, PathBuf::from(v));
                }
            }
            Err(ConfigError::Parse { message, .. }) => {
                let line: usize = message
                    .strip_prefix("line ")
                    .and_then(|r| r.split(':').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                prop_assert!(line >= 1 && line <= lines_in(&file), "{message:?} for a file of {} lines", lines_in(&file) - 1);
            }
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn locale_parse_never_panics_and_locates_every_issue(
        edits in proptest::collection::vec(mutation(FTL_PIECES), 1..4),
    ) {
        let mut text = std::fs::read_to_string(root().join("locales/zh-CN/main.ftl")).expect("main.ftl");
        for m in &edits {
            text = apply(&text, m);
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("zh-CN");
        std::fs::create_dir(&folder).expect("mkdir");
        let file = folder.join("main.ftl");
        std::fs::write(&file, &text).expect("write");
        match l10n::read_locale(dir.path(), "zh-CN") {
            Ok(src) => {
                for (id, info) in &src.messages {
                    prop_assert!(info.line >= 1 && info.line <= lines_in(&text), "{id} at line {}", info.line);
                }
            }
            Err(L10nError::Invalid(issues)) => {
                prop_assert!(!issues.is_empty());
                for i in &issues {
                    prop_assert_eq!(&i.file, &file);
                    prop_assert!(i.line >= 1 && i.line <= lines_in(&text), "{i} (the file has {} lines)", lines_in(&text) - 1);
                }
            }
            Err(e) => prop_assert!(false, "read_locale gave {e}"),
        }
        // The bundle and keyword table built from it, and the FAQ reader, must
        // not panic either.
        let _ = netplus::l10n::L10n::load(dir.path(), &["zh-CN".to_string()]);
        let _ = netplus::faq::docs_from_ftl("zh-CN", &text);
    }
}

const CONFIG_LINES: &[&str] = &[
    "data_dir = \"/var/lib/netplus\"\n",
    "languages = [\"bo\", \"zh-CN\"]\n",
    "languages = []\n",
    "languages = [\"bo\", \"bo\"]\n",
    "languages = [\"not a tag!\"]\n",
    "languages = \"bo\"\n",
    "staff = [1, 2]\n",
    "staff = [\"1\"]\n",
    "staff = [99999999999999999999]\n",
    "staff_chat = -100123\n",
    "staff_chat = 1.5\n",
    "content_dir = 'content'\n",
    "locales_dir = \"\"\n",
    "languagez = [\"bo\"]\n",
    "[section]\n",
    "[[array]]\n",
    "data_dir = \"x\"\ndata_dir = \"y\"\n",
    "# comment\n",
    "\n",
    "= 1\n",
    "data_dir = \"\\uZZZZ\"\n",
    "flood_per_minute = 0\n",
    "flood_per_minute = -1\n",
    "retention_days = 99999999999\n",
    "http_addr = \"127.0.0.1:9187\"\n",
    "http_addr = \"\"\n",
    "http_addr = \"localhost\"\n",
    "http_addr = 9187\n",
    "\u{FEFF}",
];

const ENV_NAMES: &[&str] = &[
    "NETPLUS_DATA_DIR",
    "NETPLUS_LANGUAGES",
    "NETPLUS_STAFF",
    "NETPLUS_STAFF_CHAT",
    "NETPLUS_CONTENT_DIR",
    "NETPLUS_LOCALES_DIR",
    "NETPLUS_FLOOD_PER_MINUTE",
    "NETPLUS_RETENTION_DAYS",
    "NETPLUS_HTTP_ADDR",
];

fn env_value() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(vec![
            "", " ", " , ", ",,", "bo", "bo,bo", "zh-CN, ug", "x-", "zh_CN", "12,abc", "5,6",
            "-100123", "+7", "9999999999999999999999", "0x10", " 42 ", "127.0.0.1:0", "[::1]:9187",
            "127.0.0.1", ":80",
        ])
        .prop_map(String::from),
        1 => tricky_text(20),
    ]
}
