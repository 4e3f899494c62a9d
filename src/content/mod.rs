//! The catalogue, the eligibility questions and rules, and the counties: data that
//! staff edit without a rebuild. Loading validates everything and refuses the whole
//! set on any error, so the bot never serves half-loaded content.
//!
//! Every sentence lives in Fluent; these files hold only language-neutral facts
//! (ids, prices, amounts, dates, county codes). [`Content::message_ids`] lists the
//! Fluent messages the data needs, so `netplus check` can verify them.

mod load;
pub mod rules;

pub use load::{
    line_of, load_dir, parse, toml_message, ContentError, Issue, Sources, COUNTIES, MAX_FAQ_GROUPS,
    PACKAGES,
};

use std::fmt;

/// Money in fen (1/100 yuan), shown as a plain number of yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Price(pub u32);

impl fmt::Display for Price {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (yuan, fen) = (self.0 / 100, self.0 % 100);
        match fen {
            0 => write!(f, "{yuan}"),
            f10 if f10 % 10 == 0 => write!(f, "{yuan}.{}", f10 / 10),
            _ => write!(f, "{yuan}.{fen:02}"),
        }
    }
}

/// A calendar date as written in the data (`YYYY-MM-DD`), compared as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A monthly mobile plan.
    Plan,
    /// Home broadband.
    Broadband,
    /// A phone sold once.
    Phone,
    /// A free gift.
    Gift,
}

#[derive(Debug, Clone)]
pub struct Package {
    /// Short ASCII id (`[a-z0-9-]`, at most 24 bytes): used in callback data and
    /// Fluent ids (`pkg-<id>-name`, `-gives`, `-who`, `-bring`, `-where`).
    pub id: String,
    pub kind: Kind,
    pub monthly_fee: Option<Price>,
    pub price: Option<Price>,
    pub data_gb: Option<u32>,
    pub minutes: Option<u32>,
    pub from: Date,
    pub until: Option<Date>,
    /// County codes where it is offered; empty means every county.
    pub counties: Vec<String>,
    pub rule: Rule,
    /// The line of its `id` in `packages.toml`, and of each of its `counties`,
    /// for the check's file:line.
    pub line: usize,
    pub county_lines: Vec<usize>,
}

impl Package {
    /// The catalogue numbers of this package that texts may quote, each under
    /// its Fluent variable name (see [`Fact`]).
    pub fn facts(&self) -> Vec<Fact> {
        let mut out = Vec::new();
        let mut add = |part: &str, value: Option<FactValue>| {
            if let Some(value) = value {
                out.push(Fact {
                    name: format!("pkg-{}-{part}", self.id),
                    value,
                });
            }
        };
        add("fee", self.monthly_fee.map(FactValue::Price));
        add("price", self.price.map(FactValue::Price));
        add("gb", self.data_gb.map(FactValue::Count));
        add("minutes", self.minutes.map(FactValue::Count));
        out
    }

    pub fn is_current(&self, today: &str) -> bool {
        self.from.0.as_str() <= today && self.until.as_ref().is_none_or(|u| today <= u.0.as_str())
    }
}

/// A number of the catalogue as FAQ answers and package sentences quote it:
/// the Fluent variable `$pkg-<id>-fee` (monthly fee), `$pkg-<id>-price` (a
/// one-off price), `$pkg-<id>-gb` (data) or `$pkg-<id>-minutes`, filled by the
/// code from `packages.toml`, so a text never copies the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub name: String,
    pub value: FactValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactValue {
    /// Yuan, shown as a plain number (`8`, `19.9`).
    Price(Price),
    /// GB or minutes: a number Fluent may select plural forms on.
    Count(u32),
}

impl FactValue {
    /// The value in hundredths, so a price in fen and a count compare with a
    /// number written in a text (`8` = 800 = 8 yuan = 8 GB).
    pub fn hundredths(&self) -> u64 {
        match self {
            FactValue::Price(p) => u64::from(p.0),
            FactValue::Count(n) => u64::from(*n) * 100,
        }
    }
}

impl fmt::Display for FactValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactValue::Price(p) => p.fmt(f),
            FactValue::Count(n) => n.fmt(f),
        }
    }
}

/// `question=value`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cond {
    pub question: String,
    pub value: String,
}

impl Cond {
    /// The Fluent message that states this condition as a requirement
    /// ("you need to be a student").
    pub fn need_id(&self) -> String {
        format!("need-{}-{}", self.question, self.value)
    }

    /// The requirement that this condition does not hold.
    pub fn need_not_id(&self) -> String {
        format!("need-not-{}-{}", self.question, self.value)
    }
}

/// Who may have a package: every `all` condition, at least one `any` condition
/// (when there are some) and no `none` condition (judged by [`rules::Facts`]).
#[derive(Debug, Clone, Default)]
pub struct Rule {
    pub all: Vec<Cond>,
    pub any: Vec<Cond>,
    pub none: Vec<Cond>,
    /// A package to suggest to someone who does not qualify.
    pub try_instead: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Question {
    /// Fluent: `q-<id>`; each choice `q-<id>-<choice>`.
    pub id: String,
    /// Empty for the county question, whose choices are the counties.
    pub choices: Vec<String>,
    pub kind: QuestionKind,
    /// For a question answered by a number (an age): the inclusive range of
    /// each choice, so a typed "68" picks the choice whose range holds it.
    pub ranges: Vec<(u32, u32)>,
    /// Answered without asking when a condition holds: (`when`, choice).
    pub assume: Vec<(Cond, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// One of `choices`.
    Choice,
    /// Where the user lives: one of the counties of `counties.toml`, by name,
    /// or "I don't know" (`q-<id>-unknown`).
    County,
}

impl Question {
    /// The choice whose range holds a typed number.
    pub fn choice_for_number(&self, n: u32) -> Option<&str> {
        self.ranges
            .iter()
            .position(|&(lo, hi)| lo <= n && n <= hi)
            .and_then(|i| self.choices.get(i))
            .map(String::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct County {
    /// Digits, also the deep-link payload of a village poster (`/start 540121`).
    pub code: String,
    /// Part of the programme's designated counties.
    pub designated: bool,
    /// The language most people there read, and its line in `counties.toml`:
    /// first in the picker after this county's deep link.
    pub lang: Option<(String, usize)>,
}

#[derive(Debug, Clone)]
pub struct Content {
    pub packages: Vec<Package>,
    pub questions: Vec<Question>,
    pub counties: Vec<County>,
    /// The operator's hotline, a number shown as is.
    pub hotline: String,
    /// Service hall and staff hours, e.g. `9:00–17:00`, shown as is.
    pub office_hours: String,
    /// FAQ topics whose answer tells the user to do something that cannot be
    /// undone (suspend a number, cancel a package): answered only for a
    /// question that clearly matches, else offered as a choice first.
    pub careful: Vec<Careful>,
    /// The FAQ's topics in groups, in Ask-screen order (`[[faq_group]]` of
    /// `operator.toml`); every FAQ topic is in exactly one.
    pub faq_groups: Vec<FaqGroup>,
}

/// A group of FAQ topics: a button on the Ask screen (`faq-group-<id>` in
/// Fluent, after its emoji) that lists its topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqGroup {
    pub id: String,
    pub emoji: String,
    pub topics: Vec<String>,
    /// The line of each topic, and of the group, in `operator.toml`.
    pub lines: Vec<usize>,
    pub line: usize,
}

/// A careful FAQ topic, with its line in `operator.toml` for the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Careful {
    pub topic: String,
    pub line: usize,
}

impl Content {
    /// True when `topic` is a careful one (see [`Content::careful`]).
    pub fn is_careful(&self, topic: &str) -> bool {
        self.careful.iter().any(|c| c.topic == topic)
    }

    pub fn faq_group(&self, id: &str) -> Option<&FaqGroup> {
        self.faq_groups.iter().find(|g| g.id == id)
    }
}

impl Content {
    pub fn package(&self, id: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn county(&self, code: &str) -> Option<&County> {
        self.counties.iter().find(|c| c.code == code)
    }

    /// Every package's [`Package::facts`]: the variables FAQ answers and
    /// package sentences may use.
    pub fn facts(&self) -> Vec<Fact> {
        self.packages.iter().flat_map(Package::facts).collect()
    }

    /// Every Fluent message id the data refers to.
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for p in &self.packages {
            for part in PACKAGE_PARTS {
                ids.push(format!("pkg-{}-{part}", p.id));
            }
            let county_q = self.county_question().map(|q| q.id.as_str());
            // County conditions are said as the list of counties.
            for c in p.rule.all.iter().chain(&p.rule.any) {
                if Some(c.question.as_str()) != county_q {
                    ids.push(c.need_id());
                }
            }
            for c in &p.rule.none {
                if Some(c.question.as_str()) != county_q {
                    ids.push(c.need_not_id());
                }
            }
        }
        for q in &self.questions {
            ids.push(format!("q-{}", q.id));
            for c in &q.choices {
                ids.push(format!("q-{}-{c}", q.id));
            }
            if q.kind == QuestionKind::County {
                ids.push(format!("q-{}-{}", q.id, rules::UNKNOWN_COUNTY));
            }
        }
        for c in &self.counties {
            ids.push(format!("county-{}", c.code));
        }
        for g in &self.faq_groups {
            ids.push(format!("faq-group-{}", g.id));
        }
        ids.sort();
        ids.dedup();
        ids
    }
}

/// The Fluent messages every package has: `pkg-<id>-<part>`.
pub const PACKAGE_PARTS: [&str; 5] = ["name", "gives", "who", "bring", "where"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_plain_numbers() {
        assert_eq!(Price(800).to_string(), "8");
        assert_eq!(Price(1990).to_string(), "19.9");
        assert_eq!(Price(1999).to_string(), "19.99");
        assert_eq!(Price(5).to_string(), "0.05");
        assert_eq!(Price(0).to_string(), "0");
    }

    #[test]
    fn a_package_names_its_numbers_for_fluent() {
        let p = Package {
            id: "village".into(),
            kind: Kind::Plan,
            monthly_fee: Some(Price(800)),
            price: None,
            data_gb: Some(10),
            minutes: None,
            from: Date("2026-01-01".into()),
            until: None,
            counties: vec![],
            rule: Rule::default(),
            line: 1,
            county_lines: vec![],
        };
        let facts = p.facts();
        let names: Vec<&str> = facts.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["pkg-village-fee", "pkg-village-gb"]);
        assert_eq!(facts[0].value.to_string(), "8");
        assert_eq!(facts[0].value.hundredths(), 800);
        assert_eq!(facts[1].value.hundredths(), 1000);
    }

    #[test]
    fn effective_dates_bound_a_package() {
        let p = Package {
            id: "x".into(),
            kind: Kind::Plan,
            monthly_fee: None,
            price: None,
            data_gb: None,
            minutes: None,
            from: Date("2026-01-01".into()),
            until: Some(Date("2026-12-31".into())),
            counties: vec![],
            rule: Rule::default(),
            line: 1,
            county_lines: vec![],
        };
        assert!(!p.is_current("2025-12-31"));
        assert!(p.is_current("2026-01-01"));
        assert!(p.is_current("2026-12-31"));
        assert!(!p.is_current("2027-01-01"));
    }
}
