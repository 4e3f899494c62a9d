//! The catalogue, the eligibility questions and rules, and the counties: data that
//! staff edit without a rebuild. Loading validates everything and refuses the whole
//! set on any error, so the bot never serves half-loaded content.
//!
//! Every sentence lives in Fluent; these files hold only language-neutral facts
//! (ids, prices, amounts, dates, county codes). [`Content::message_ids`] lists the
//! Fluent messages the data needs, so `netplus check` can verify them.

mod load;

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
    /// The Fluent message that states this condition as a fact about the user.
    pub fn message_id(&self) -> String {
        format!("cond-{}-{}", self.question, self.value)
    }
}

/// Who may have a package: every `all` condition, at least one `any` condition
/// (when there are some) and no `none` condition.
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
    pub choices: Vec<String>,
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

/// The question a county answers by itself: a rule's `county=yes` holds
/// exactly where the county is designated, `county=no` where it is not.
pub const COUNTY_QUESTION: &str = "county";

impl County {
    /// This county's answer to [`COUNTY_QUESTION`].
    pub fn answer(&self) -> &'static str {
        if self.designated {
            "yes"
        } else {
            "no"
        }
    }
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

/// The outcome of the rules for one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Qualifies, because of these conditions.
    Yes(Vec<Cond>),
    /// Does not qualify: `all` conditions that are missing, and the `any`
    /// conditions of which none holds (one of them would do) …
    Missing { all: Vec<Cond>, any: Vec<Cond> },
    /// … or a condition that rules it out (`none`).
    Excluded(Cond),
}

impl Rule {
    /// Can anyone living in `county` pass this rule? The county fixes its own
    /// condition ([`County::answer`]); every other question may be answered
    /// with any choice, one answer per question. False when the `all`
    /// conditions contradict the county or each other, when an `all`
    /// condition is also a `none` one, or when no `any` condition is left
    /// that could hold.
    pub fn possible_in(&self, county: &County) -> bool {
        let mut fixed: Vec<(&str, &str)> = vec![(COUNTY_QUESTION, county.answer())];
        for c in &self.all {
            match fixed.iter().find(|(q, _)| *q == c.question) {
                Some((_, v)) if *v != c.value => return false,
                Some(_) => {}
                None => fixed.push((&c.question, &c.value)),
            }
        }
        let fixed_to = |c: &Cond| {
            fixed
                .iter()
                .find(|(q, _)| *q == c.question)
                .map(|(_, v)| *v)
        };
        if self
            .none
            .iter()
            .any(|c| fixed_to(c) == Some(c.value.as_str()))
        {
            return false;
        }
        self.any.is_empty()
            || self
                .any
                .iter()
                .any(|c| fixed_to(c).is_none_or(|v| v == c.value) && !self.none.contains(c))
    }

    pub fn judge(&self, answers: &[(String, String)]) -> Verdict {
        let holds = |c: &Cond| {
            answers
                .iter()
                .any(|(q, v)| *q == c.question && *v == c.value)
        };
        if let Some(c) = self.none.iter().find(|c| holds(c)) {
            return Verdict::Excluded(c.clone());
        }
        let missing: Vec<Cond> = self.all.iter().filter(|c| !holds(c)).cloned().collect();
        let any_held: Vec<Cond> = self.any.iter().filter(|c| holds(c)).cloned().collect();
        let any_missing = !self.any.is_empty() && any_held.is_empty();
        if !missing.is_empty() || any_missing {
            let any = if any_missing {
                self.any.clone()
            } else {
                Vec::new()
            };
            return Verdict::Missing { all: missing, any };
        }
        let mut because: Vec<Cond> = self.all.iter().filter(|c| holds(c)).cloned().collect();
        because.extend(any_held);
        Verdict::Yes(because)
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
            for c in p.rule.all.iter().chain(&p.rule.any).chain(&p.rule.none) {
                ids.push(c.message_id());
            }
        }
        for q in &self.questions {
            ids.push(format!("q-{}", q.id));
            for c in &q.choices {
                ids.push(format!("q-{}-{c}", q.id));
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

    fn c(q: &str, v: &str) -> Cond {
        Cond {
            question: q.into(),
            value: v.into(),
        }
    }

    fn a(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(q, v)| (q.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn prices_are_plain_numbers() {
        assert_eq!(Price(800).to_string(), "8");
        assert_eq!(Price(1990).to_string(), "19.9");
        assert_eq!(Price(1999).to_string(), "19.99");
        assert_eq!(Price(5).to_string(), "0.05");
        assert_eq!(Price(0).to_string(), "0");
    }

    #[test]
    fn rule_gives_reasons_and_missing_conditions() {
        let rule = Rule {
            all: vec![c("county", "yes")],
            any: vec![c("low-income", "yes"), c("dibao", "yes")],
            none: vec![c("has-support", "yes")],
            try_instead: None,
        };
        let yes = rule.judge(&a(&[
            ("county", "yes"),
            ("dibao", "yes"),
            ("has-support", "no"),
        ]));
        assert_eq!(
            yes,
            Verdict::Yes(vec![c("county", "yes"), c("dibao", "yes")])
        );
        let missing = rule.judge(&a(&[("county", "no"), ("dibao", "yes")]));
        assert_eq!(
            missing,
            Verdict::Missing {
                all: vec![c("county", "yes")],
                any: vec![]
            }
        );
        let none_of_any = rule.judge(&a(&[("county", "yes")]));
        assert_eq!(
            none_of_any,
            Verdict::Missing {
                all: vec![],
                any: vec![c("low-income", "yes"), c("dibao", "yes")]
            }
        );
        let excluded = rule.judge(&a(&[
            ("county", "yes"),
            ("dibao", "yes"),
            ("has-support", "yes"),
        ]));
        assert_eq!(excluded, Verdict::Excluded(c("has-support", "yes")));
    }

    fn county(designated: bool) -> County {
        County {
            code: "1".into(),
            designated,
            lang: None,
        }
    }

    fn rule(all: &[(&str, &str)], any: &[(&str, &str)], none: &[(&str, &str)]) -> Rule {
        let cs = |v: &[(&str, &str)]| v.iter().map(|(q, x)| c(q, x)).collect();
        Rule {
            all: cs(all),
            any: cs(any),
            none: cs(none),
            try_instead: None,
        }
    }

    #[test]
    fn a_rule_is_judged_in_a_county_by_its_designation() {
        let (yes, no) = (county(true), county(false));
        let designated = rule(&[("county", "yes")], &[], &[]);
        assert!(designated.possible_in(&yes));
        assert!(!designated.possible_in(&no));
        let outside = rule(&[("county", "no")], &[], &[]);
        assert!(!outside.possible_in(&yes) && outside.possible_in(&no));
        // Only through `any`: one condition that can hold is enough.
        let any = rule(&[], &[("county", "yes"), ("age", "60-plus")], &[]);
        assert!(any.possible_in(&no));
        let only_county = rule(&[], &[("county", "yes")], &[]);
        assert!(!only_county.possible_in(&no));
        // `none` of the county itself rules the whole county out.
        let not_here = rule(&[], &[], &[("county", "yes")]);
        assert!(!not_here.possible_in(&yes) && not_here.possible_in(&no));
        // Other questions are free; contradictions are not.
        let free = rule(
            &[("student", "yes")],
            &[("household", "dibao")],
            &[("has-support", "yes")],
        );
        assert!(free.possible_in(&no));
        let twice = rule(&[("age", "60-plus"), ("age", "18-59")], &[], &[]);
        assert!(!twice.possible_in(&yes));
        let excluded = rule(&[("student", "yes")], &[], &[("student", "yes")]);
        assert!(!excluded.possible_in(&yes));
        let any_excluded = rule(&[], &[("student", "yes")], &[("student", "yes")]);
        assert!(!any_excluded.possible_in(&yes));
        let any_contradicted = rule(&[("age", "18-59")], &[("age", "60-plus")], &[]);
        assert!(!any_contradicted.possible_in(&yes));
        assert!(Rule::default().possible_in(&no));
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
