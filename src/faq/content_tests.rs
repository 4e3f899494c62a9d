//! Tests of the shipped content: `locales/*/faq.ftl` and
//! `tests/data/faq-eval.tsv` (read from the crate root at test time).

use super::{eval, FaqIndex};
use crate::text::{detect_script, Script};

const LANGS: [&str; 3] = ["zh-CN", "bo", "ug"];

fn read(rel: &str) -> String {
    let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ftl(lang: &str) -> String {
    read(&format!("locales/{lang}/faq.ftl"))
}

/// The topics of the reference locale (zh-CN), in file order: the FAQ is data,
/// so the shipped set is whatever the reference holds.
fn topics() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in docs("zh-CN") {
        if !out.contains(&d.topic) {
            out.push(d.topic);
        }
    }
    out
}

fn full_index() -> FaqIndex {
    FaqIndex::new(LANGS.iter().flat_map(|l| docs(l)).collect())
}

/// One language's FAQ documents, titles and questions with its terms.
fn docs(lang: &str) -> Vec<super::FaqDoc> {
    let terms = read(&format!("locales/{lang}/terms.ftl"));
    let terms = super::plain_terms(&[&terms]);
    super::docs_with_terms(lang, &ftl(lang), &terms).unwrap_or_else(|e| panic!("{e}"))
}

/// The shipped locales as the bot renders them: terms resolved, the
/// catalogue's numbers filled in.
fn rendered() -> crate::l10n::L10n {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = crate::content::load_dir(&root.join("content")).unwrap_or_else(|e| panic!("{e}"));
    let langs: Vec<String> = LANGS.map(String::from).to_vec();
    let mut l =
        crate::l10n::L10n::load(&root.join("locales"), &langs).unwrap_or_else(|e| panic!("{e}"));
    l.set_facts(crate::app::fact_args(&content));
    l
}

/// Values of simple messages `id = value` / multi-line `id =\n    line…`.
fn messages(src: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in src.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("    ") {
            if let Some(last) = out.last_mut() {
                last.1.push(rest.trim().to_string());
            }
        } else if let Some((id, value)) = line.split_once(" =") {
            let v = value.trim();
            out.push((
                id.trim().to_string(),
                if v.is_empty() {
                    vec![]
                } else {
                    vec![v.to_string()]
                },
            ));
        }
    }
    out
}

#[test]
fn every_language_has_exactly_the_reference_topics() {
    let all = topics();
    assert!(all.len() >= 30, "the shipped FAQ has {} topics", all.len());
    for lang in LANGS {
        let src = ftl(lang);
        let lang_docs = docs(lang);
        let mut topics: Vec<&str> = lang_docs.iter().map(|d| d.topic.as_str()).collect();
        topics.sort_unstable();
        let mut expected: Vec<&str> = all.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(topics, expected, "{lang}");
        // Besides the topics, only the labels of the Ask screen's topic groups.
        let ids: Vec<String> = messages(&src)
            .into_iter()
            .map(|(id, _)| id)
            .filter(|id| !id.starts_with("faq-group-"))
            .collect();
        assert_eq!(
            ids.len(),
            3 * all.len(),
            "{lang}: (title, q, a) per topic and the faq-group-* labels, nothing else"
        );
        for t in &all {
            for suffix in ["title", "q", "a"] {
                assert!(
                    ids.contains(&format!("faq-{t}-{suffix}")),
                    "{lang}: faq-{t}-{suffix}"
                );
            }
        }
    }
}

#[test]
fn messages_follow_the_content_rules() {
    let l10n = rendered();
    for lang in LANGS {
        let src = ftl(lang);
        for c in src.chars() {
            assert!(
                !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
                "{lang}: bidi control U+{:04X}",
                c as u32
            );
        }
        for (id, lines) in messages(&src) {
            // Questions are plain text (what users type); titles may name a
            // term; answers terms and the catalogue's variables.
            for l in &lines {
                let allowed = if id.ends_with("-q") {
                    !l.contains('{')
                } else if id.ends_with("-title") {
                    l.split('{')
                        .skip(1)
                        .all(|p| p.trim_start().starts_with('-'))
                } else {
                    l.split('{').skip(1).all(|p| {
                        let p = p.trim_start();
                        p.starts_with('-') || p.starts_with("$pkg-")
                    })
                };
                assert!(allowed, "{lang} {id}: placeable not allowed here: {l}");
            }
            if id.ends_with("-q") {
                assert!(
                    (6..=12).contains(&lines.len()),
                    "{lang} {id}: {} lines",
                    lines.len()
                );
            } else {
                assert_eq!(lines.len(), 1, "{lang} {id}: one line");
            }
            // What the user sees.
            let shown = l10n.line(lang, &crate::engine::Line::new(id.clone()));
            if id.ends_with("-title") {
                // 2–5 words: at most 10 Han characters, 10 Tibetan syllables
                // or 5 space-separated Uyghur words.
                let t = shown.trim_end_matches('།');
                let size = match lang {
                    "zh-CN" => t.chars().filter(|c| !c.is_ascii()).count(),
                    "bo" => t.split(['\u{0F0B}', ' ']).filter(|w| !w.is_empty()).count(),
                    _ => t.split(' ').count(),
                };
                let max = if lang == "ug" { 5 } else { 10 };
                assert!((2..=max).contains(&size), "{lang} {id}: title size {size}");
            }
            if id.ends_with("-a") {
                let sentences = shown.matches(['。', '.', '?', '？', '!', '！']).count();
                assert!(sentences <= 3, "{lang} {id}: {sentences} sentences");
                assert!(shown.chars().count() <= 400, "{lang} {id}: answer too long");
                assert!(!shown.contains('{'), "{lang} {id}: unresolved: {shown}");
            }
            // Uyghur: a line with Arabic script must start with an Arabic-script
            // letter (Telegram takes the line direction from the first strong character).
            let shown_lines: Vec<String> = if id.ends_with("-q") {
                lines.clone()
            } else {
                vec![shown.clone()]
            };
            if lang == "ug" {
                for l in &shown_lines {
                    let first = l.chars().next().unwrap();
                    if l.chars()
                        .any(|c| detect_script(&c.to_string()) == Some(Script::Arabic))
                    {
                        assert_eq!(
                            detect_script(&first.to_string()),
                            Some(Script::Arabic),
                            "{id}: {l:?} starts with {first:?}"
                        );
                    }
                }
            }
        }
    }
}

/// One word per concept: the second words a dictionary review found in bo and
/// ug (and the second names of packages) appear in no answer, package sentence
/// or card line, only in question lines, where users may type them.
#[test]
fn no_second_word_for_a_concept() {
    let avoided: [(&str, &[&str]); 3] = [
        ("zh-CN", &["乡村帮扶套餐", "老年套餐", "SIM卡卡套"]),
        (
            "bo",
            &[
                "ཞབས་ཞུ་ཁང",
                "རྒྱུན་ཚད",
                "ངོ་སྤྲོད་ལག་ཁྱེར",
                "གྲོང་གསེབ་རོགས་སྐྱོར་ཐུམ་སྒྲིལ",
                "ཁཱ་ཤུབས",
            ],
        ),
        (
            "ug",
            &[
                "كەڭ بەلۋاغ",
                "گۇۋاھنامىسى",
                "تىبەتچە",
                "تور ئېقىمى",
                "يېزا ياردەم بوغچىسى",
            ],
        ),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for (lang, words) in avoided {
        let loc = crate::l10n::read_locale(&root, lang).unwrap_or_else(|e| panic!("{e}"));
        for (id, info) in &loc.messages {
            if id.ends_with("-q") {
                continue;
            }
            for w in words {
                assert!(
                    !info.text.contains(w),
                    "{lang} {id} writes {w}: {}",
                    info.text
                );
            }
        }
        // The short form of the disability card is the long one's tail.
        if lang == "bo" {
            for (id, info) in &loc.messages {
                let t = info.text.replace("དབང་པོ་སྐྱོན་ཅན་ལག་ཁྱེར", "");
                assert!(
                    id.ends_with("-q") || !t.contains("སྐྱོན་ཅན་ལག་ཁྱེར"),
                    "bo {id}: {t}"
                );
            }
        }
    }
}

#[test]
fn variants_include_traditional_chinese_and_uyghur_latin() {
    for (id, lines) in messages(&ftl("zh-CN"))
        .into_iter()
        .filter(|(id, _)| id.ends_with("-q"))
    {
        let trad = lines.iter().filter(|l| fast2s::convert(l) != **l).count();
        assert!(trad >= 1, "zh-CN {id}: no traditional-character line");
    }
    for (id, lines) in messages(&ftl("ug"))
        .into_iter()
        .filter(|(id, _)| id.ends_with("-q"))
    {
        let latin = lines
            .iter()
            .filter(|l| detect_script(l) == Some(Script::Latin))
            .count();
        assert!(latin >= 1, "ug {id}: no Uyghur Latin line");
        assert!(lines.len() - latin >= 4, "ug {id}: mostly Arabic script");
    }
}

#[test]
fn eval_set_covers_all_topics() {
    let tsv = read("tests/data/faq-eval.tsv");
    let all = topics();
    for lang in LANGS {
        let rows: Vec<Vec<&str>> = tsv
            .lines()
            .filter(|l| l.starts_with(&format!("{lang}\t")))
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(
            rows.iter().filter(|r| r[2] != "-").count() >= 40,
            "{lang}: at least 40 questions"
        );
        for t in &all {
            assert!(
                rows.iter().any(|r| r[2] == t),
                "{lang}: no question for {t}"
            );
        }
        for r in &rows {
            assert!(
                r[2] == "-" || all.iter().any(|t| t == r[2]),
                "{lang}: unknown topic {}",
                r[2]
            );
        }
    }
}

#[test]
fn eval_top1_at_least_90_percent_per_language() {
    let index = full_index();
    let report = eval(&index, &read("tests/data/faq-eval.tsv"));
    println!("{report}");
    assert!(report.malformed.is_empty(), "{report}");
    for lang in LANGS {
        let row = report
            .lang(lang)
            .unwrap_or_else(|| panic!("no {lang} rows"));
        assert!(row.total >= 40, "{lang}: {} questions", row.total);
        assert!(
            row.top1_rate() >= 0.90,
            "{lang} top-1 {:.3}\n{report}",
            row.top1_rate()
        );
        assert!(row.top3_rate() >= row.top1_rate());
        // Answering without asking back must be (nearly) always right.
        assert!(
            row.confident_wrong * 20 <= row.confident,
            "{lang}: too many confident misses\n{report}"
        );
        assert!(
            row.negatives_confident <= 1,
            "{lang}: out-of-scope answered confidently\n{report}"
        );
    }
}

#[test]
fn every_variant_finds_its_own_topic() {
    // Sanity: each title and variant line, searched on its own, has its topic
    // among the first three hits of its language.
    let index = full_index();
    let mut bad = Vec::new();
    for lang in LANGS {
        for doc in docs(lang) {
            for line in doc.text.lines() {
                let hits = index.search_lang(line, lang, 3);
                if !hits.iter().any(|h| h.topic == doc.topic) {
                    bad.push(format!("{lang} {}: {line}", doc.topic));
                }
            }
        }
    }
    assert!(
        bad.len() <= 10,
        "{} variants miss their topic:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn each_script_reaches_its_language() {
    let index = full_index();
    let cases = [
        ("怎麼充話費", "zh-CN", "top-up"),
        ("ཁ་པར་གླ་ཆ་སྣོན་སྟངས།", "bo", "top-up"),
        ("تېلېفونغا پۇل قاچىلاش", "ug", "top-up"),
        ("telefongha pul qachilash", "ug", "top-up"),
        ("ﺗﯧﻠﯧﻔﻮﻧﻐﺎ ﭘﯘﻝ ﻗﺎﭼﯩﻼﺵ", "ug", "top-up"),
    ];
    for (q, lang, topic) in cases {
        let hits = index.search(q, 3);
        assert!(!hits.is_empty(), "{q}");
        assert_eq!(
            (hits[0].lang.as_str(), hits[0].topic.as_str()),
            (lang, topic),
            "{q}: {hits:?}"
        );
        assert!(hits.iter().all(|h| h.lang == lang), "{q}: {hits:?}");
        assert!(!hits[0].matched.is_empty());
    }
    // Digits only: every language may answer; topics stay unique.
    let hits = index.search("１００８６", 10);
    assert!(!hits.is_empty());
    let mut topics: Vec<&str> = hits.iter().map(|h| h.topic.as_str()).collect();
    topics.sort_unstable();
    topics.dedup();
    assert_eq!(topics.len(), hits.len());
}
