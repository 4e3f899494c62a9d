//! Reading and validating the content files. All problems are collected, each with
//! its file and line, and any problem refuses the whole content.

use super::{Careful, FaqGroup};
use super::{Cond, Content, County, Date, Kind, Package, Price, Question, QuestionKind, Rule};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const PACKAGES: &str = "packages.toml";
pub const ELIGIBILITY: &str = "eligibility.toml";
pub const COUNTIES: &str = "counties.toml";
pub const OPERATOR: &str = "operator.toml";

/// The questionnaire is short on purpose: people on weak networks give up.
pub const MAX_QUESTIONS: usize = 6;

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("content refused ({} problem(s)):\n{}", .0.len(), list(.0))]
    Invalid(Vec<Issue>),
}

fn list(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| format!("  {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackagesFile {
    #[serde(default)]
    package: Vec<RawPackage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackage {
    id: Spanned<String>,
    kind: Spanned<String>,
    monthly_fee: Option<Spanned<String>>,
    price: Option<Spanned<String>>,
    data_gb: Option<u32>,
    minutes: Option<u32>,
    from: Spanned<String>,
    until: Option<Spanned<String>>,
    #[serde(default)]
    counties: Vec<Spanned<String>>,
    #[serde(default)]
    all: Vec<Spanned<String>>,
    #[serde(default)]
    any: Vec<Spanned<String>>,
    #[serde(default)]
    none: Vec<Spanned<String>>,
    #[serde(rename = "try")]
    try_instead: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EligibilityFile {
    #[serde(default)]
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    /// `"county"`: asked by county name; else a question of `choices`.
    kind: Option<Spanned<String>>,
    choices: Option<Spanned<Vec<Spanned<String>>>>,
    /// One `"lo-hi"` per choice: a typed number picks its choice.
    ranges: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    assume: Vec<RawAssume>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssume {
    when: Spanned<String>,
    answer: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountiesFile {
    #[serde(default)]
    county: Vec<RawCounty>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCounty {
    code: Spanned<String>,
    #[serde(default)]
    designated: bool,
    /// The language most people there read (a locale code such as `bo`): the
    /// language picker shows it first after a poster's deep link.
    lang: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OperatorFile {
    hotline: Spanned<String>,
    office_hours: Spanned<String>,
    #[serde(default)]
    careful: Vec<Spanned<String>>,
    #[serde(default)]
    faq_group: Vec<RawFaqGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaqGroup {
    id: Spanned<String>,
    emoji: Spanned<String>,
    topics: Spanned<Vec<Spanned<String>>>,
}

/// The Ask screen shows the groups as buttons: more do not fit a phone screen.
pub const MAX_FAQ_GROUPS: usize = 8;

/// The text of the four content files, with the names to report.
pub struct Sources<'a> {
    pub dir: &'a Path,
    pub packages: &'a str,
    pub eligibility: &'a str,
    pub counties: &'a str,
    pub operator: &'a str,
}

/// Reads `dir/{packages,eligibility,counties,operator}.toml` and validates them.
pub fn load_dir(dir: &Path) -> Result<Content, ContentError> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|source| ContentError::Read { path, source })
    };
    let (p, e, c, o) = (
        read(PACKAGES)?,
        read(ELIGIBILITY)?,
        read(COUNTIES)?,
        read(OPERATOR)?,
    );
    parse(&Sources {
        dir,
        packages: &p,
        eligibility: &e,
        counties: &c,
        operator: &o,
    })
}

struct Checker<'a> {
    dir: &'a Path,
    issues: Vec<Issue>,
}

impl Checker<'_> {
    fn at(&mut self, file: &str, src: &str, offset: usize, message: impl Into<String>) {
        self.issues.push(Issue {
            file: self.dir.join(file),
            line: line_of(src, offset),
            message: message.into(),
        });
    }

    fn toml<T: for<'de> Deserialize<'de>>(&mut self, file: &str, src: &str) -> Option<T> {
        match toml::from_str::<T>(src) {
            Ok(v) => Some(v),
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                let msg = toml_message(&e);
                self.at(file, src, offset, msg);
                None
            }
        }
    }
}

/// The toml error's own words, or a plain one where it has none (at the end of
/// a file its message is empty).
pub fn toml_message(e: &toml::de::Error) -> String {
    let m = e.message().trim();
    if m.is_empty() {
        "the file ends in the middle of an entry".to_string()
    } else {
        m.to_string()
    }
}

/// 1-based line of a byte offset.
pub fn line_of(src: &str, offset: usize) -> usize {
    src.as_bytes()
        .iter()
        .take(offset.min(src.len()))
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Ids appear in callback data and Fluent ids: short lower-case ASCII.
pub fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 24
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<u32>().ok());
    let (Some(y), Some(m), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && y >= 2000
}

/// "8", "19.9", "19.99" → fen.
fn parse_price(s: &str) -> Option<Price> {
    let (yuan, fen) = match s.split_once('.') {
        Some((y, f)) if !f.is_empty() && f.len() <= 2 => (y, f),
        Some(_) => return None,
        None => (s, "0"),
    };
    if yuan.is_empty() || !yuan.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fen.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = yuan.parse().ok()?;
    let f: u32 = if fen.len() == 1 {
        fen.parse::<u32>().ok()? * 10
    } else {
        fen.parse().ok()?
    };
    y.checked_mul(100)?.checked_add(f).map(Price)
}

/// Parses and validates content given as text.
pub fn parse(src: &Sources<'_>) -> Result<Content, ContentError> {
    let mut ck = Checker {
        dir: src.dir,
        issues: Vec::new(),
    };
    let packages = ck.toml::<PackagesFile>(PACKAGES, src.packages);
    let eligibility = ck.toml::<EligibilityFile>(ELIGIBILITY, src.eligibility);
    let counties = ck.toml::<CountiesFile>(COUNTIES, src.counties);
    let operator = ck.toml::<OperatorFile>(OPERATOR, src.operator);
    let (Some(packages), Some(eligibility), Some(counties), Some(operator)) =
        (packages, eligibility, counties, operator)
    else {
        return Err(ContentError::Invalid(ck.issues));
    };

    // Counties.
    let mut seen = HashSet::new();
    let mut county_list = Vec::new();
    for c in &counties.county {
        let code = c.code.get_ref();
        if code.is_empty() || code.len() > 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
            ck.at(
                COUNTIES,
                src.counties,
                c.code.span().start,
                format!("county code {code:?} must be 1 to 12 digits"),
            );
        } else if !seen.insert(code.clone()) {
            ck.at(
                COUNTIES,
                src.counties,
                c.code.span().start,
                format!("county code {code} appears twice"),
            );
        }
        let lang = c.lang.as_ref().map(|l| {
            let tag = l.get_ref();
            let ok = !tag.is_empty()
                && tag.len() <= 24
                && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !ok {
                ck.at(
                    COUNTIES,
                    src.counties,
                    l.span().start,
                    format!("county {code}: lang {tag:?} must be a locale code like \"bo\""),
                );
            }
            (tag.clone(), line_of(src.counties, l.span().start))
        });
        county_list.push(County {
            code: code.clone(),
            designated: c.designated,
            lang,
        });
    }

    // Questions.
    let mut questions = Vec::new();
    let mut seen = HashSet::new();
    if eligibility.question.is_empty() {
        ck.at(
            ELIGIBILITY,
            src.eligibility,
            0,
            "there must be at least one [[question]]",
        );
    }
    if eligibility.question.len() > MAX_QUESTIONS {
        let at = eligibility.question[MAX_QUESTIONS].id.span().start;
        ck.at(
            ELIGIBILITY,
            src.eligibility,
            at,
            format!(
                "at most {MAX_QUESTIONS} questions; there are {}",
                eligibility.question.len()
            ),
        );
    }
    for q in &eligibility.question {
        let id = q.id.get_ref();
        if !valid_id(id) {
            ck.at(
                ELIGIBILITY,
                src.eligibility,
                q.id.span().start,
                format!("question id {id:?} must be 1 to 24 of a-z, 0-9, -"),
            );
        } else if !seen.insert(id.clone()) {
            ck.at(
                ELIGIBILITY,
                src.eligibility,
                q.id.span().start,
                format!("question id {id} appears twice"),
            );
        }
        let kind = match q.kind.as_ref().map(|k| k.get_ref().as_str()) {
            None | Some("choice") => QuestionKind::Choice,
            Some("county") => QuestionKind::County,
            Some(other) => {
                ck.at(
                    ELIGIBILITY,
                    src.eligibility,
                    q.kind.as_ref().map_or(0, |k| k.span().start),
                    format!("question {id}: kind {other:?} is not \"choice\" or \"county\""),
                );
                QuestionKind::Choice
            }
        };
        let raw_choices: &[Spanned<String>] = q.choices.as_ref().map_or(&[], |c| c.get_ref());
        let choices: Vec<String> = raw_choices.iter().map(|c| c.get_ref().clone()).collect();
        let at_choices = q
            .choices
            .as_ref()
            .map_or(q.id.span().start, |c| c.span().start);
        match kind {
            QuestionKind::County if !choices.is_empty() => ck.at(
                ELIGIBILITY,
                src.eligibility,
                at_choices,
                format!("question {id} is asked by county: its choices are the counties of {COUNTIES}, so it has none of its own"),
            ),
            QuestionKind::County if questions.iter().any(|x: &Question| x.kind == QuestionKind::County) => ck.at(
                ELIGIBILITY,
                src.eligibility,
                q.id.span().start,
                "only one question can be asked by county".to_string(),
            ),
            QuestionKind::Choice if !(2..=4).contains(&choices.len()) => ck.at(
                ELIGIBILITY,
                src.eligibility,
                at_choices,
                format!("question {id} needs 2 to 4 choices"),
            ),
            _ => {}
        }
        let mut cs = HashSet::new();
        for c in raw_choices {
            if !valid_id(c.get_ref()) || !cs.insert(c.get_ref().clone()) {
                ck.at(
                    ELIGIBILITY,
                    src.eligibility,
                    c.span().start,
                    format!(
                        "choice {:?} of question {id} is not a unique id of a-z, 0-9, -",
                        c.get_ref()
                    ),
                );
            }
        }
        let mut ranges = Vec::new();
        if let Some(r) = &q.ranges {
            if r.get_ref().len() != choices.len() {
                ck.at(
                    ELIGIBILITY,
                    src.eligibility,
                    r.span().start,
                    format!(
                        "question {id}: one range per choice ({} choices)",
                        choices.len()
                    ),
                );
            }
            for x in r.get_ref() {
                let parsed = x
                    .get_ref()
                    .split_once('-')
                    .and_then(|(a, b)| {
                        Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?))
                    })
                    .filter(|(a, b)| a <= b);
                match parsed {
                    Some((lo, hi)) if ranges.last().is_none_or(|&(_, h)| lo > h) => ranges.push((lo, hi)),
                    _ => ck.at(
                        ELIGIBILITY,
                        src.eligibility,
                        x.span().start,
                        format!("question {id}: range {:?} must look like \"18-59\", after the one before", x.get_ref()),
                    ),
                }
            }
        }
        questions.push(Question {
            id: id.clone(),
            choices,
            kind,
            ranges,
            assume: Vec::new(),
        });
    }

    // Assumptions name questions that exist.
    for (i, q) in eligibility.question.iter().enumerate() {
        for a in &q.assume {
            let cond = a.when.get_ref().split_once('=').map(|(k, v)| Cond {
                question: k.trim().to_string(),
                value: v.trim().to_string(),
            });
            let known = cond.as_ref().is_some_and(|c| {
                questions.iter().any(|x| {
                    x.id == c.question && x.id != *q.id.get_ref() && x.choices.contains(&c.value)
                })
            });
            if !known {
                ck.at(
                    ELIGIBILITY,
                    src.eligibility,
                    a.when.span().start,
                    format!(
                        "question {}: assume when {:?} must be another question=choice",
                        q.id.get_ref(),
                        a.when.get_ref()
                    ),
                );
            }
            let answer = a.answer.get_ref();
            let valid = questions.get(i).is_some_and(|x| x.choices.contains(answer));
            if !valid {
                ck.at(
                    ELIGIBILITY,
                    src.eligibility,
                    a.answer.span().start,
                    format!(
                        "question {}: assume answer {answer:?} is not one of its choices",
                        q.id.get_ref()
                    ),
                );
            }
            if let (Some(c), true, true, Some(x)) = (cond, known, valid, questions.get_mut(i)) {
                x.assume.push((c, answer.clone()));
            }
        }
    }

    // Packages.
    let mut list = Vec::new();
    let mut seen = HashSet::new();
    let file = PACKAGES;
    let text = src.packages;
    if packages.package.is_empty() {
        ck.at(file, text, 0, "there must be at least one [[package]]");
    }
    for p in &packages.package {
        let id = p.id.get_ref().clone();
        let at = p.id.span().start;
        if !valid_id(&id) {
            ck.at(
                file,
                text,
                at,
                format!("package id {id:?} must be 1 to 24 of a-z, 0-9, -"),
            );
        } else if !seen.insert(id.clone()) {
            ck.at(file, text, at, format!("package id {id} appears twice"));
        }
        let kind = match p.kind.get_ref().as_str() {
            "plan" => Kind::Plan,
            "broadband" => Kind::Broadband,
            "phone" => Kind::Phone,
            "gift" => Kind::Gift,
            other => {
                ck.at(
                    file,
                    text,
                    p.kind.span().start,
                    format!("kind {other:?} is not one of plan, broadband, phone, gift"),
                );
                Kind::Gift
            }
        };
        let mut price_of = |v: &Option<Spanned<String>>, what: &str| -> Option<Price> {
            let v = v.as_ref()?;
            let parsed = parse_price(v.get_ref());
            if parsed.is_none() {
                ck.at(
                    file,
                    text,
                    v.span().start,
                    format!(
                        "{what} {:?} is not a price in yuan like \"8\" or \"19.9\"",
                        v.get_ref()
                    ),
                );
            }
            parsed
        };
        let monthly_fee = price_of(&p.monthly_fee, "monthly_fee");
        let price = price_of(&p.price, "price");
        match kind {
            Kind::Plan | Kind::Broadband if p.monthly_fee.is_none() => {
                ck.at(
                    file,
                    text,
                    at,
                    format!("package {id} ({}) needs a monthly_fee", p.kind.get_ref()),
                );
            }
            Kind::Phone if p.price.is_none() => ck.at(
                file,
                text,
                at,
                format!("package {id} (phone) needs a price"),
            ),
            _ => {}
        }
        for d in std::iter::once(&p.from).chain(p.until.as_ref()) {
            if !valid_date(d.get_ref()) {
                ck.at(
                    file,
                    text,
                    d.span().start,
                    format!("{:?} is not a date like 2026-01-31", d.get_ref()),
                );
            }
        }
        if let Some(u) = &p.until {
            if valid_date(u.get_ref()) && u.get_ref() < p.from.get_ref() {
                ck.at(
                    file,
                    text,
                    u.span().start,
                    format!(
                        "package {id} ends ({}) before it starts ({})",
                        u.get_ref(),
                        p.from.get_ref()
                    ),
                );
            }
        }
        for c in &p.counties {
            if !county_list.iter().any(|k| k.code == *c.get_ref()) {
                ck.at(
                    file,
                    text,
                    c.span().start,
                    format!(
                        "package {id} names county {:?}, which is not in {COUNTIES}",
                        c.get_ref()
                    ),
                );
            }
        }
        let mut conds = |v: &[Spanned<String>]| -> Vec<Cond> {
            let mut out = Vec::new();
            for s in v {
                match s.get_ref().split_once('=') {
                    Some((q, val)) => {
                        let (q, val) = (q.trim(), val.trim());
                        let county_value = |x: &Question| {
                            x.kind == QuestionKind::County
                                && (val == "yes"
                                    || val == "no"
                                    || county_list.iter().any(|k| k.code == val))
                        };
                        match questions.iter().find(|x| x.id == q) {
                            Some(x) if county_value(x) => {}
                            Some(x) if x.kind == QuestionKind::County => ck.at(
                                file,
                                text,
                                s.span().start,
                                format!("package {id}: {q} is the county: yes (designated), no (not designated) or a county code of {COUNTIES}, not {val:?}"),
                            ),
                            None => ck.at(file, text, s.span().start, format!("package {id}: condition {:?} names no question of {ELIGIBILITY}", s.get_ref())),
                            Some(x) if !x.choices.iter().any(|c| c == val) => ck.at(
                                file,
                                text,
                                s.span().start,
                                format!("package {id}: question {q} has no choice {val:?} (choices: {})", x.choices.join(", ")),
                            ),
                            Some(_) => {}
                        }
                        out.push(Cond {
                            question: q.to_string(),
                            value: val.to_string(),
                        });
                    }
                    None => ck.at(
                        file,
                        text,
                        s.span().start,
                        format!(
                            "package {id}: condition {:?} must look like question=choice",
                            s.get_ref()
                        ),
                    ),
                }
            }
            out
        };
        let rule = Rule {
            all: conds(&p.all),
            any: conds(&p.any),
            none: conds(&p.none),
            try_instead: p.try_instead.as_ref().map(|t| t.get_ref().clone()),
        };
        list.push((
            Package {
                id: id.clone(),
                kind,
                monthly_fee,
                price,
                data_gb: p.data_gb,
                minutes: p.minutes,
                from: Date(p.from.get_ref().clone()),
                until: p.until.as_ref().map(|u| Date(u.get_ref().clone())),
                counties: p.counties.iter().map(|c| c.get_ref().clone()).collect(),
                rule,
                line: line_of(text, at),
                county_lines: p
                    .counties
                    .iter()
                    .map(|c| line_of(text, c.span().start))
                    .collect(),
            },
            p.try_instead.as_ref().map(|t| t.span().start),
        ));
    }
    for (p, at) in &list {
        if let (Some(t), Some(at)) = (&p.rule.try_instead, at) {
            if t == &p.id || !list.iter().any(|(o, _)| &o.id == t) {
                ck.at(
                    file,
                    text,
                    *at,
                    format!("package {}: try = {t:?} must name another package", p.id),
                );
            }
        }
    }

    let hotline = operator.hotline.get_ref().clone();
    if hotline.is_empty()
        || hotline.len() > 20
        || !hotline
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ')
    {
        ck.at(
            OPERATOR,
            src.operator,
            operator.hotline.span().start,
            "hotline must be digits (and - or spaces)",
        );
    }

    let office_hours = operator.office_hours.get_ref().clone();
    let hours_ok = !office_hours.is_empty()
        && office_hours.len() <= 40
        && office_hours
            .chars()
            .all(|c| c.is_ascii_digit() || ":-–~ ,/".contains(c));
    if !hours_ok {
        ck.at(
            OPERATOR,
            src.operator,
            operator.office_hours.span().start,
            "office_hours must be times like \"9:00–17:00\" (digits, colons, dashes)",
        );
    }

    let faq_groups = faq_groups(&mut ck, src.operator, &operator.faq_group);

    if !ck.issues.is_empty() {
        return Err(ContentError::Invalid(ck.issues));
    }
    let careful = operator
        .careful
        .iter()
        .map(|t| Careful {
            topic: t.get_ref().clone(),
            line: line_of(src.operator, t.span().start),
        })
        .collect();
    Ok(Content {
        packages: list.into_iter().map(|(p, _)| p).collect(),
        questions,
        counties: county_list,
        hotline,
        office_hours,
        careful,
        faq_groups,
    })
}

/// The FAQ's topic groups of `operator.toml`: unique ids, an emoji each, and
/// each topic in one group only. That every topic of the FAQ is in a group,
/// and every group's topic in the FAQ, is checked with the FAQ (`app::World::load`).
fn faq_groups(ck: &mut Checker<'_>, text: &str, raw: &[RawFaqGroup]) -> Vec<FaqGroup> {
    if raw.len() > MAX_FAQ_GROUPS {
        ck.at(
            OPERATOR,
            text,
            raw[MAX_FAQ_GROUPS].id.span().start,
            format!(
                "at most {MAX_FAQ_GROUPS} faq_group; there are {}",
                raw.len()
            ),
        );
    }
    let mut ids = HashSet::new();
    let mut topics_seen: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for g in raw {
        let id = g.id.get_ref();
        let at = g.id.span().start;
        // `faq-group-<id>` lives in faq.ftl beside `faq-<topic>-title/-q/-a`.
        let clash = ["-title", "-q", "-a"].iter().any(|s| id.ends_with(s));
        if !valid_id(id) || clash {
            ck.at(
                OPERATOR,
                text,
                at,
                format!("faq_group id {id:?} must be 1 to 24 of a-z, 0-9, - (not ending in -title, -q or -a)"),
            );
        } else if !ids.insert(id.clone()) {
            ck.at(OPERATOR, text, at, format!("faq_group {id} appears twice"));
        }
        let emoji = g.emoji.get_ref();
        if emoji.chars().count() > 8 || !crate::text::scripts::only_emoji(emoji) {
            ck.at(
                OPERATOR,
                text,
                g.emoji.span().start,
                format!("faq_group {id}: emoji {emoji:?} must be one emoji"),
            );
        }
        if g.topics.get_ref().is_empty() {
            ck.at(
                OPERATOR,
                text,
                g.topics.span().start,
                format!("faq_group {id} has no topics"),
            );
        }
        let mut topics = Vec::new();
        let mut lines = Vec::new();
        for t in g.topics.get_ref() {
            let topic = t.get_ref();
            if let Some((_, other)) = topics_seen.iter().find(|(x, _)| x == topic) {
                ck.at(
                    OPERATOR,
                    text,
                    t.span().start,
                    format!("FAQ topic {topic} is in faq_group {other} and {id}: one group each"),
                );
            }
            topics_seen.push((topic.clone(), id.clone()));
            topics.push(topic.clone());
            lines.push(line_of(text, t.span().start));
        }
        out.push(FaqGroup {
            id: id.clone(),
            emoji: emoji.clone(),
            topics,
            lines,
            line: line_of(text, at),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = r#"
[[package]]
id = "village"
kind = "plan"
monthly_fee = "8"
from = "2026-01-01"
all = ["poor=yes"]
"#;
    const E: &str = r#"
[[question]]
id = "poor"
choices = ["yes", "no"]
"#;
    const C: &str = "[[county]]\ncode = \"540121\"\ndesignated = true\n";
    const O: &str = "hotline = \"10086\"\noffice_hours = \"9:00–17:00\"\n";

    fn parse_with(p: &str, e: &str) -> Result<Content, ContentError> {
        parse(&Sources {
            dir: Path::new("content"),
            packages: p,
            eligibility: e,
            counties: C,
            operator: O,
        })
    }

    fn issues(r: Result<Content, ContentError>) -> Vec<Issue> {
        match r {
            Err(ContentError::Invalid(i)) => i,
            other => panic!("expected invalid content, got {other:?}"),
        }
    }

    #[test]
    fn good_content_loads() {
        let c = parse_with(P, E).unwrap();
        assert_eq!(c.packages[0].monthly_fee, Some(Price(800)));
        assert_eq!(c.hotline, "10086");
    }

    #[test]
    fn unknown_question_is_refused_with_file_and_line() {
        let bad = P.replace("poor=yes", "rich=yes");
        let i = issues(parse_with(&bad, E));
        assert_eq!(i.len(), 1);
        assert_eq!(i[0].line, 7);
        assert!(
            i[0].to_string().starts_with("content/packages.toml:7:"),
            "{}",
            i[0]
        );
        assert!(i[0].message.contains("rich=yes"));
    }

    #[test]
    fn syntax_error_names_the_line() {
        let i = issues(parse_with("[[package]]\nid = \"x\"\nkind = \n", E));
        assert_eq!(i[0].line, 3);
    }

    #[test]
    fn bad_dates_prices_and_duplicates_are_all_reported() {
        let bad = format!(
            "{P}{}",
            P.replace("\"8\"", "\"8.999\"")
                .replace("2026-01-01", "2026-02-30")
        );
        let i = issues(parse_with(&bad, E));
        let text: Vec<String> = i.iter().map(|x| x.message.clone()).collect();
        assert!(text.iter().any(|m| m.contains("appears twice")), "{text:?}");
        assert!(text.iter().any(|m| m.contains("8.999")), "{text:?}");
        assert!(text.iter().any(|m| m.contains("2026-02-30")), "{text:?}");
    }

    #[test]
    fn too_many_questions_are_refused() {
        let e: String = (0..7)
            .map(|n| format!("[[question]]\nid = \"q{n}\"\nchoices = [\"yes\", \"no\"]\n"))
            .collect();
        let i = issues(parse_with(&P.replace("poor=yes", "q0=yes"), &e));
        assert!(i.iter().any(|x| x.message.contains("at most 6")));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let i = issues(parse_with(&P.replace("kind", "knid"), E));
        assert!(!i.is_empty());
    }

    fn parse_op(counties: &str, operator: &str) -> Result<Content, ContentError> {
        parse(&Sources {
            dir: Path::new("content"),
            packages: P,
            eligibility: E,
            counties,
            operator,
        })
    }

    #[test]
    fn faq_groups_load_in_order_and_each_topic_is_in_one() {
        let good = format!(
            "{O}[[faq_group]]\nid = \"fees\"\nemoji = \"💰\"\ntopics = [\"top-up\", \"fees\"]\n\
             [[faq_group]]\nid = \"signal\"\nemoji = \"📶\"\ntopics = [\"no-signal\"]\n"
        );
        let c = parse_op(C, &good).unwrap();
        let ids: Vec<&str> = c.faq_groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["fees", "signal"]);
        assert_eq!(c.faq_groups[0].lines, [6, 6]);
        assert!(c.message_ids().contains(&"faq-group-signal".to_string()));

        let twice = good.replace("[\"no-signal\"]", "[\"top-up\"]");
        let i = issues(parse_op(C, &twice));
        assert_eq!(i.len(), 1, "{i:?}");
        assert_eq!(i[0].line, 10);
        assert!(i[0].message.contains("top-up"), "{}", i[0]);

        let bad = good
            .replace("\"💰\"", "\"money\"")
            .replace("\"signal\"", "\"signal-q\"");
        let i = issues(parse_op(C, &bad));
        assert_eq!(i.len(), 2, "{i:?}");
        assert!(i.iter().any(|x| x.line == 5 && x.message.contains("emoji")));
        assert!(i
            .iter()
            .any(|x| x.line == 8 && x.message.contains("signal-q")));

        let many: String = (0..9)
            .map(|n| format!("[[faq_group]]\nid = \"g{n}\"\nemoji = \"📶\"\ntopics = [\"t{n}\"]\n"))
            .collect();
        let i = issues(parse_op(C, &format!("{O}{many}")));
        assert!(i.iter().any(|x| x.message.contains("at most 8")), "{i:?}");
    }

    #[test]
    fn a_county_language_is_a_locale_code() {
        let c = parse_op(&format!("{C}lang = \"bo\"\n"), O).unwrap();
        assert_eq!(c.counties[0].lang, Some(("bo".to_string(), 4)));
        let i = issues(parse_op(&format!("{C}lang = \"བོད\"\n"), O));
        assert_eq!(i[0].line, 4);
        assert!(i[0].message.contains("lang"), "{}", i[0]);
    }

    #[test]
    fn prices_parse_strictly() {
        assert_eq!(parse_price("8"), Some(Price(800)));
        assert_eq!(parse_price("19.9"), Some(Price(1990)));
        assert_eq!(parse_price("0.05"), Some(Price(5)));
        for bad in ["", "-1", "8.", ".5", "1.234", "8元", "1e3"] {
            assert_eq!(parse_price(bad), None, "{bad}");
        }
    }
}
