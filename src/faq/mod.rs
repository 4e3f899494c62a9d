//! Free-text question answering over the FAQ (`locales/<lang>/faq.ftl`).
//!
//! Pure: no I/O. The caller reads the Fluent files and the evaluation set and
//! passes strings.
//!
//! * [`docs_from_ftl`] turns one language's `faq.ftl` into [`FaqDoc`]s: for
//!   every message `faq-<topic>-q` (one question variant or keyword list per
//!   line) one document, with the title `faq-<topic>-title`. The answer
//!   `faq-<topic>-a` must exist; the bot renders it.
//! * [`FaqIndex`] is a BM25 index over the documents of all languages; a query
//!   is matched against the language of its script.
//! * [`eval`] measures top-1/top-3 accuracy on `lang<TAB>question<TAB>topic`
//!   lines.
//!
//! ```
//! use netplus::faq::{docs_from_ftl, FaqIndex};
//! let ftl = "faq-top-up-title = 充值\nfaq-top-up-q =\n    怎么充话费\n    充值\nfaq-top-up-a = 拨打10086。\n";
//! let index = FaqIndex::new(docs_from_ftl("zh-CN", ftl).unwrap());
//! let hits = index.search("話費怎麼充", 3);
//! assert_eq!(hits[0].topic, "top-up");
//! assert!(index.is_confident(&hits));
//! ```

#[cfg(test)]
mod content_tests;
pub mod index;
pub mod lang;
pub mod normalize;
#[cfg(test)]
mod text_tests;
pub mod tokens;

use std::collections::HashMap;
use std::fmt;

use fluent_syntax::ast;

pub use self::index::{FaqDoc, FaqIndex, Hit, CLEAR, CONFIDENT};
pub use self::normalize::normalize;
pub use self::tokens::tokens;
pub use crate::text::{detect_script, fold_digits, parse_number, Script};

/// Errors of [`docs_from_ftl`].
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FaqError {
    /// The Fluent source does not parse.
    #[error("{lang}/faq.ftl: Fluent syntax error(s): {}", errors.join("; "))]
    Syntax { lang: String, errors: Vec<String> },
    /// A message a topic needs is missing (`-title`, `-q` or `-a`).
    #[error("{lang}/faq.ftl: message `{id}` is missing (topic `{topic}`)")]
    MissingMessage {
        lang: String,
        topic: String,
        id: String,
    },
    /// A message has no value or only blank lines.
    #[error("{lang}/faq.ftl: message `{id}` has no text")]
    EmptyMessage { lang: String, id: String },
    /// A title or question message uses a variable, an unknown term, a message
    /// reference, function or selector: they must be plain text and terms
    /// (answers may also use the catalogue's variables).
    #[error("{lang}/faq.ftl: message `{id}` uses a {what}; FAQ titles and questions must be plain text and terms")]
    Placeable {
        lang: String,
        id: String,
        what: &'static str,
    },
    /// No `faq-<topic>-q` message at all.
    #[error("{lang}/faq.ftl: no `faq-<topic>-q` messages")]
    NoTopics { lang: String },
}

/// The terms of some Fluent sources (`-id = …`, keyed without the dash) whose
/// value is plain text, other such terms and literals: what a FAQ title or
/// question line may use (`{ -pkg-village }`). Others are left out.
pub fn plain_terms(sources: &[&str]) -> HashMap<String, String> {
    let mut raw: Vec<(String, Vec<Piece>)> = Vec::new();
    for src in sources {
        let resource = match fluent_syntax::parser::parse(*src) {
            Ok(r) | Err((r, _)) => r,
        };
        for entry in &resource.body {
            let ast::Entry::Term(t) = entry else { continue };
            let pieces: Option<Vec<Piece>> = t
                .value
                .elements
                .iter()
                .map(|el| match el {
                    ast::PatternElement::TextElement { value } => {
                        Some(Piece::Text(value.to_string()))
                    }
                    ast::PatternElement::Placeable {
                        expression: ast::Expression::Inline(i),
                    } => match i {
                        ast::InlineExpression::StringLiteral { value }
                        | ast::InlineExpression::NumberLiteral { value } => {
                            Some(Piece::Text(value.to_string()))
                        }
                        ast::InlineExpression::TermReference {
                            id,
                            attribute: None,
                            arguments: None,
                        } => Some(Piece::Term(id.name.to_string())),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            if let Some(p) = pieces {
                raw.push((t.id.name.to_string(), p));
            }
        }
    }
    // Resolve terms made of terms, as far as they go (a cycle stays out).
    let mut out: HashMap<String, String> = HashMap::new();
    loop {
        let before = out.len();
        for (id, pieces) in &raw {
            if out.contains_key(id) {
                continue;
            }
            let text: Option<String> = pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => Some(t.clone()),
                    Piece::Term(t) => out.get(t).cloned(),
                })
                .collect();
            if let Some(text) = text {
                out.insert(id.clone(), text);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

enum Piece {
    Text(String),
    Term(String),
}

/// Plain text of a pattern; errors on anything but text, literals and the
/// plain terms given.
fn pattern_text(
    lang: &str,
    id: &str,
    p: &ast::Pattern<&str>,
    terms: &HashMap<String, String>,
) -> Result<String, FaqError> {
    let mut s = String::new();
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => s.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                let what = match expression {
                    ast::Expression::Inline(ast::InlineExpression::StringLiteral { value })
                    | ast::Expression::Inline(ast::InlineExpression::NumberLiteral { value }) => {
                        s.push_str(value);
                        continue;
                    }
                    ast::Expression::Inline(ast::InlineExpression::TermReference {
                        id,
                        attribute: None,
                        arguments: None,
                    }) if terms.contains_key(id.name) => {
                        s.push_str(&terms[id.name]);
                        continue;
                    }
                    ast::Expression::Select { .. } => "selector",
                    ast::Expression::Inline(ast::InlineExpression::VariableReference {
                        ..
                    }) => "variable",
                    ast::Expression::Inline(ast::InlineExpression::TermReference { .. }) => "term",
                    ast::Expression::Inline(ast::InlineExpression::MessageReference { .. }) => {
                        "message reference"
                    }
                    ast::Expression::Inline(ast::InlineExpression::FunctionReference {
                        ..
                    }) => "function",
                    ast::Expression::Inline(ast::InlineExpression::Placeable { .. }) => {
                        "nested placeable"
                    }
                };
                return Err(FaqError::Placeable {
                    lang: lang.into(),
                    id: id.into(),
                    what,
                });
            }
        }
    }
    Ok(s)
}

fn line_of(src: &str, byte: usize) -> usize {
    src.as_bytes()[..byte.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses one language's `faq.ftl` and returns one [`FaqDoc`] per topic that
/// has a `faq-<topic>-q` message: its title line followed by its question
/// lines. Fails on any Fluent syntax error, on a topic lacking its `-title`,
/// `-q` or `-a` message, on empty messages, on placeables other than string
/// or number literals in titles and questions, and on a file with no topic at
/// all. Answers may use any placeable (terms, the catalogue's variables):
/// `netplus check` proves them.
pub fn docs_from_ftl(lang: &str, ftl_source: &str) -> Result<Vec<FaqDoc>, FaqError> {
    docs_with_terms(lang, ftl_source, &HashMap::new())
}

/// [`docs_from_ftl`] where titles and question lines may also use the given
/// [`plain_terms`] (the locale's `terms.ftl`: one name per package or concept).
pub fn docs_with_terms(
    lang: &str,
    ftl_source: &str,
    terms: &HashMap<String, String>,
) -> Result<Vec<FaqDoc>, FaqError> {
    let resource = match fluent_syntax::parser::parse(ftl_source) {
        Ok(r) => r,
        Err((_, errors)) => {
            return Err(FaqError::Syntax {
                lang: lang.into(),
                errors: errors
                    .iter()
                    .map(|e| format!("line {}: {}", line_of(ftl_source, e.pos.start), e))
                    .collect(),
            })
        }
    };
    let mut messages: HashMap<&str, &ast::Message<&str>> = HashMap::new();
    let mut topics: Vec<&str> = Vec::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            let id = m.id.name;
            messages.insert(id, m);
            if let Some(topic) = id.strip_prefix("faq-").and_then(|r| r.strip_suffix("-q")) {
                topics.push(topic);
            }
        }
    }
    // Every answer or title needs its question message too.
    for id in messages.keys() {
        let topic = id
            .strip_prefix("faq-")
            .and_then(|r| r.strip_suffix("-a").or_else(|| r.strip_suffix("-title")));
        if let Some(topic) = topic {
            let q = format!("faq-{topic}-q");
            if !messages.contains_key(q.as_str()) {
                return Err(FaqError::MissingMessage {
                    lang: lang.into(),
                    topic: topic.into(),
                    id: q,
                });
            }
        }
    }
    if topics.is_empty() {
        return Err(FaqError::NoTopics { lang: lang.into() });
    }
    let text_of = |topic: &str, suffix: &str| -> Result<String, FaqError> {
        let id = format!("faq-{topic}-{suffix}");
        let m = messages
            .get(id.as_str())
            .ok_or_else(|| FaqError::MissingMessage {
                lang: lang.into(),
                topic: topic.into(),
                id: id.clone(),
            })?;
        let text = match &m.value {
            // The answer is rendered by Fluent: only not empty here.
            Some(p) if suffix == "a" => p
                .elements
                .iter()
                .map(|el| match el {
                    ast::PatternElement::TextElement { value } => value.to_string(),
                    ast::PatternElement::Placeable {
                        expression:
                            ast::Expression::Inline(
                                ast::InlineExpression::StringLiteral { value }
                                | ast::InlineExpression::NumberLiteral { value },
                            ),
                    } => value.to_string(),
                    ast::PatternElement::Placeable { .. } => "\u{FFFC}".to_string(),
                })
                .collect(),
            Some(p) => pattern_text(lang, &id, p, terms)?,
            None => String::new(),
        };
        if text.trim().is_empty() {
            return Err(FaqError::EmptyMessage {
                lang: lang.into(),
                id,
            });
        }
        Ok(text)
    };
    let mut docs = Vec::with_capacity(topics.len());
    for topic in topics {
        let title = text_of(topic, "title")?;
        let questions = text_of(topic, "q")?;
        text_of(topic, "a")?;
        let mut text = title.trim().to_string();
        for line in questions.lines().map(str::trim).filter(|l| !l.is_empty()) {
            text.push('\n');
            text.push_str(line);
        }
        docs.push(FaqDoc {
            topic: topic.into(),
            lang: lang.into(),
            text,
        });
    }
    Ok(docs)
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

/// Per-language results of [`eval`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LangEval {
    /// Language code from the first column.
    pub lang: String,
    /// Questions with an expected topic.
    pub total: usize,
    /// Expected topic ranked first (in the expected language).
    pub top1: usize,
    /// Expected topic among the first three.
    pub top3: usize,
    /// Top-1 hits that passed [`FaqIndex::is_confident`].
    pub confident: usize,
    /// Confident top-1 hits that were wrong (the costly error).
    pub confident_wrong: usize,
    /// Out-of-scope questions (expected id `-`).
    pub negatives: usize,
    /// Out-of-scope questions that were nevertheless confident.
    pub negatives_confident: usize,
}

impl LangEval {
    /// Top-1 accuracy, 0..1.
    pub fn top1_rate(&self) -> f32 {
        ratio(self.top1, self.total)
    }
    /// Top-3 accuracy, 0..1.
    pub fn top3_rate(&self) -> f32 {
        ratio(self.top3, self.total)
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 {
        0.0
    } else {
        a as f32 / b as f32
    }
}

/// A question whose expected topic was not ranked first.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// 1-based line number in the evaluation file.
    pub line: usize,
    pub lang: String,
    pub question: String,
    /// Expected topic (`-` for an out-of-scope question answered confidently).
    pub expected: String,
    /// Top hits as (topic, language, confidence).
    pub got: Vec<(String, String, f32)>,
}

/// Result of [`eval`]; `Display` prints a short table and the misses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    /// One row per language, in first-seen order.
    pub langs: Vec<LangEval>,
    /// Top-1 misses and confident out-of-scope answers.
    pub misses: Vec<Miss>,
    /// Line numbers that do not have three tab-separated fields.
    pub malformed: Vec<usize>,
}

impl EvalReport {
    /// The row of one language.
    pub fn lang(&self, lang: &str) -> Option<&LangEval> {
        self.langs.iter().find(|l| l.lang == lang)
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "lang    n    top-1   top-3   confident  conf-wrong  out-of-scope(conf)"
        )?;
        for l in &self.langs {
            writeln!(
                f,
                "{:<6} {:>3}  {:>5.1}%  {:>5.1}%  {:>9}  {:>10}  {:>6}({})",
                l.lang,
                l.total,
                100.0 * l.top1_rate(),
                100.0 * l.top3_rate(),
                l.confident,
                l.confident_wrong,
                l.negatives,
                l.negatives_confident
            )?;
        }
        for m in &self.misses {
            let got: Vec<String> = m
                .got
                .iter()
                .map(|(t, l, c)| format!("{t}/{l} {c:.2}"))
                .collect();
            writeln!(
                f,
                "  miss line {} [{}] \"{}\": expected {}, got [{}]",
                m.line,
                m.lang,
                m.question,
                m.expected,
                got.join(", ")
            )?;
        }
        if !self.malformed.is_empty() {
            writeln!(f, "  malformed lines: {:?}", self.malformed)?;
        }
        Ok(())
    }
}

/// Evaluates the index on `lang<TAB>question<TAB>expected-topic` lines
/// (blank lines and lines starting with `#` are skipped). An expected topic
/// of `-` marks an out-of-scope question: it counts as correct when the bot
/// would not answer it confidently, and is kept out of the accuracy figures.
/// Questions are searched with [`FaqIndex::search`] (language from script);
/// a hit counts only if both topic and language match.
pub fn eval(index: &FaqIndex, lines: &str) -> EvalReport {
    let mut report = EvalReport::default();
    for (i, raw) in lines.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 3 {
            report.malformed.push(i + 1);
            continue;
        }
        let (lang, question, expected) = (fields[0].trim(), fields[1], fields[2].trim());
        let hits = index.search(question, 3);
        let confident = index.is_confident(&hits);
        let li = match report.langs.iter().position(|l| l.lang == lang) {
            Some(i) => i,
            None => {
                report.langs.push(LangEval {
                    lang: lang.into(),
                    ..Default::default()
                });
                report.langs.len() - 1
            }
        };
        let row = &mut report.langs[li];
        let got = || {
            hits.iter()
                .map(|h| (h.topic.clone(), h.lang.clone(), h.confidence))
                .collect()
        };
        if expected == "-" {
            row.negatives += 1;
            if confident {
                row.negatives_confident += 1;
                report.misses.push(Miss {
                    line: i + 1,
                    lang: lang.into(),
                    question: question.into(),
                    expected: expected.into(),
                    got: got(),
                });
            }
            continue;
        }
        row.total += 1;
        let is_it = |h: &Hit| h.topic == expected && h.lang == lang;
        let first = hits.first().is_some_and(is_it);
        if first {
            row.top1 += 1;
        }
        if hits.iter().take(3).any(is_it) {
            row.top3 += 1;
        }
        if confident {
            row.confident += 1;
            if !first {
                row.confident_wrong += 1;
            }
        }
        if !first {
            report.misses.push(Miss {
                line: i + 1,
                lang: lang.into(),
                question: question.into(),
                expected: expected.into(),
                got: got(),
            });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = "\
# comment
faq-top-up-title = 充值
faq-top-up-q =
    怎么充话费
    充值

    交话费
faq-top-up-a = 拨打10086。
faq-broadband-title = 宽带
faq-broadband-q = 宽带 {\"WiFi\"}
faq-broadband-a = 每月30元。
other-message = 不相关
";

    #[test]
    fn docs_from_ftl_reads_topics() {
        let docs = docs_from_ftl("zh-CN", MINI).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].topic, "top-up");
        assert_eq!(docs[0].lang, "zh-CN");
        assert_eq!(docs[0].text, "充值\n怎么充话费\n充值\n交话费");
        assert_eq!(docs[1].text, "宽带\n宽带 WiFi");
    }

    #[test]
    fn docs_from_ftl_syntax_error() {
        let bad = "faq-a-title = x\nfaq-a-q =\n    ok\nfaq-a-a = { $unclosed\n";
        match docs_from_ftl("zh-CN", bad) {
            Err(FaqError::Syntax { lang, errors }) => {
                assert_eq!(lang, "zh-CN");
                assert!(errors[0].starts_with("line "), "{errors:?}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            docs_from_ftl("bo", "= no id\n"),
            Err(FaqError::Syntax { .. })
        ));
    }

    #[test]
    fn docs_from_ftl_missing_messages() {
        let no_answer = "faq-a-title = x\nfaq-a-q = question\n";
        assert_eq!(
            docs_from_ftl("ug", no_answer),
            Err(FaqError::MissingMessage {
                lang: "ug".into(),
                topic: "a".into(),
                id: "faq-a-a".into()
            })
        );
        let no_title = "faq-a-q = question\nfaq-a-a = answer\n";
        assert!(matches!(
            docs_from_ftl("ug", no_title),
            Err(FaqError::MissingMessage { id, .. }) if id == "faq-a-title"
        ));
        let orphan_answer = "faq-a-title = x\nfaq-a-q = q\nfaq-a-a = a\nfaq-b-a = lonely\n";
        assert!(matches!(
            docs_from_ftl("ug", orphan_answer),
            Err(FaqError::MissingMessage { id, .. }) if id == "faq-b-q"
        ));
        assert_eq!(
            docs_from_ftl("bo", "hello = x\n"),
            Err(FaqError::NoTopics { lang: "bo".into() })
        );
    }

    #[test]
    fn docs_from_ftl_rejects_placeables_and_empty() {
        let var = "faq-a-title = x\nfaq-a-q = call { $number }\nfaq-a-a = a\n";
        assert!(matches!(
            docs_from_ftl("zh-CN", var),
            Err(FaqError::Placeable {
                what: "variable",
                ..
            })
        ));
        // An answer may use variables and terms: Fluent renders it.
        let answer = "faq-a-title = x\nfaq-a-q = q\nfaq-a-a = { $pkg-x-fee } { -brand }\n";
        assert!(docs_from_ftl("zh-CN", answer).is_ok());
        let term = "-brand = N\nfaq-a-title = x\nfaq-a-q = { -brand }\nfaq-a-a = a\n";
        assert!(matches!(
            docs_from_ftl("zh-CN", term),
            Err(FaqError::Placeable { what: "term", .. })
        ));
        let empty_answer = "faq-a-title = x\nfaq-a-q = q\nfaq-a-a = { \"\" }\n";
        assert!(matches!(
            docs_from_ftl("zh-CN", empty_answer),
            Err(FaqError::EmptyMessage { .. })
        ));
        let empty = "faq-a-title = x\nfaq-a-q = { \"\" }\nfaq-a-a = a\n";
        assert!(matches!(
            docs_from_ftl("zh-CN", empty),
            Err(FaqError::EmptyMessage { .. })
        ));
        let attr_only = "faq-a-title = x\nfaq-a-q =\n    .attr = y\nfaq-a-a = a\n";
        assert!(matches!(
            docs_from_ftl("zh-CN", attr_only),
            Err(FaqError::EmptyMessage { .. })
        ));
    }

    #[test]
    fn titles_and_questions_use_the_locales_plain_terms() {
        let terms = plain_terms(&[
            "-hall = 营业厅\n-pkg-x = 惠民{ -hall }套餐\n-with-var = { $x }\n-loop = { -loop }\n",
        ]);
        assert_eq!(terms["pkg-x"], "惠民营业厅套餐");
        assert!(!terms.contains_key("with-var") && !terms.contains_key("loop"));
        let ftl = "faq-a-title = { -pkg-x }\nfaq-a-q =\n    { -hall }在哪\nfaq-a-a = a\n";
        let docs = docs_with_terms("zh-CN", ftl, &terms).unwrap();
        assert_eq!(docs[0].text, "惠民营业厅套餐\n营业厅在哪");
        let unknown = ftl.replace("-pkg-x", "-pkg-y");
        assert!(matches!(
            docs_with_terms("zh-CN", &unknown, &terms),
            Err(FaqError::Placeable { what: "term", .. })
        ));
    }

    #[test]
    fn eval_counts_and_displays() {
        let index = FaqIndex::new(docs_from_ftl("zh-CN", MINI).unwrap());
        let tsv = "# header\n\nzh-CN\t话费怎么充\ttop-up\nzh-CN\t宽带\tbroadband\nzh-CN\t宽带\ttop-up\nzh-CN\t天气\t-\nbad line\n";
        let r = eval(&index, tsv);
        let zh = r.lang("zh-CN").unwrap();
        assert_eq!((zh.total, zh.top1, zh.top3), (3, 2, 2));
        assert_eq!(zh.negatives, 1);
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.misses[0].line, 5);
        assert_eq!(r.malformed, vec![7]);
        let shown = r.to_string();
        assert!(
            shown.contains("zh-CN") && shown.contains("66.7%"),
            "{shown}"
        );
    }
}
