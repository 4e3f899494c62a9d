//! Judging a package for one user from what is known so far, in three values:
//! yes, no (with what is missing, as requirements), or still open (and which
//! questions could decide it). The questionnaire asks only questions that can
//! still change an open verdict; the result, "why not?" and broadcast audiences
//! all judge here, so a package's counties and its rule are always judged
//! together.
//!
//! The county is a fact, not a question the user must understand: it comes from
//! a poster's deep link or from the questionnaire's county question (asked by
//! county name). A rule's `county=yes` / `county=no` means "lives in a
//! designated county" / "does not", derived from `counties.toml`; `county=<code>`
//! names one county.

use super::{Cond, Content, County, Package, QuestionKind};

/// The questionnaire's answer for "I don't know my county".
pub const UNKNOWN_COUNTY: &str = "unknown";

/// What is known about a user.
#[derive(Debug, Clone)]
pub struct Facts<'c> {
    content: &'c Content,
    /// Answers by question id (assumptions included).
    answers: Vec<(String, String)>,
    county: Where<'c>,
}

#[derive(Debug, Clone, Copy)]
enum Where<'c> {
    /// Not known yet: the county question may decide.
    NotAsked,
    /// The user said they do not know.
    Unknown,
    County(&'c County),
    /// An old questionnaire answer: designated or not, county unknown.
    Designated(bool),
}

/// A requirement the user does not meet, stated as what is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// This condition must hold (`need-<q>-<v>`).
    Is(Cond),
    /// At least one of these (`need-<q>-<v>` each, joined by "or").
    OneOf(Vec<Cond>),
    /// This must not hold (`need-not-<q>-<v>`).
    Not(Cond),
    /// Only for people living in one of these counties (codes).
    LiveIn(Vec<String>),
}

/// A package's verdict for what is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    Yes,
    No(Vec<Need>),
    /// Undecided; these questions could decide it.
    Open(Vec<String>),
}

impl<'c> Facts<'c> {
    /// `answers`: the questionnaire's (`question`, `choice`) pairs so far;
    /// `county`: the profile's county code (a deep link or an earlier answer),
    /// used unless the answers name one.
    pub fn new(content: &'c Content, answers: &[(String, String)], county: Option<&str>) -> Self {
        let county_q = content.county_question().map(|q| q.id.as_str());
        let mut place = county
            .and_then(|c| content.county(c))
            .map_or(Where::NotAsked, Where::County);
        for (q, v) in answers {
            if Some(q.as_str()) != county_q {
                continue;
            }
            place = match (v.as_str(), content.county(v)) {
                (_, Some(c)) => Where::County(c),
                (UNKNOWN_COUNTY, None) => match place {
                    Where::County(_) => place,
                    _ => Where::Unknown,
                },
                // An old answer "designated or not" says less than a known county.
                ("yes" | "no", None) if matches!(place, Where::County(_)) => place,
                ("yes", None) => Where::Designated(true),
                ("no", None) => Where::Designated(false),
                _ => place,
            };
        }
        let mut facts = Facts {
            content,
            answers: answers
                .iter()
                .filter(|(q, _)| Some(q.as_str()) != county_q)
                .cloned()
                .collect(),
            county: place,
        };
        facts.assume();
        facts
    }

    /// Questions answered by assumption (`assume` in `eligibility.toml`, e.g.
    /// someone 60 or older is not asked whether they are a student).
    fn assume(&mut self) {
        loop {
            let mut added = false;
            for q in &self.content.questions {
                if self.answered(&q.id) {
                    continue;
                }
                let hit = q
                    .assume
                    .iter()
                    .find(|(when, _)| self.holds(when) == Some(true));
                if let Some((_, v)) = hit {
                    self.answers.push((q.id.clone(), v.clone()));
                    added = true;
                }
            }
            if !added {
                return;
            }
        }
    }

    /// The question has an answer (given, assumed, or the county known).
    pub fn answered(&self, question: &str) -> bool {
        if self.is_county_question(question) {
            return !matches!(self.county, Where::NotAsked);
        }
        self.answers.iter().any(|(q, _)| q == question)
    }

    /// The county code, when known.
    pub fn county(&self) -> Option<&'c County> {
        match self.county {
            Where::County(c) => Some(c),
            _ => None,
        }
    }

    fn is_county_question(&self, id: &str) -> bool {
        self.content.county_question().is_some_and(|q| q.id == id)
    }

    /// Whether a condition holds: `None` while unknown.
    pub fn holds(&self, c: &Cond) -> Option<bool> {
        if self.is_county_question(&c.question) {
            return match self.county {
                Where::County(k) => Some(county_meets(k, &c.value)),
                Where::Designated(d) => match c.value.as_str() {
                    "yes" => Some(d),
                    "no" => Some(!d),
                    _ => None,
                },
                Where::NotAsked | Where::Unknown => None,
            };
        }
        self.answers
            .iter()
            .find(|(q, _)| *q == c.question)
            .map(|(_, v)| *v == c.value)
    }

    /// The counties where a package can be had as far as the county goes (its
    /// `counties` list and its rule's county conditions together), or `None`
    /// when that is every county.
    pub fn counties_for(&self, p: &Package) -> Option<Vec<String>> {
        allowed_counties(self.content, p)
    }

    pub fn judge(&self, p: &Package) -> Judgement {
        let county_q = self.content.county_question().map(|q| q.id.as_str());
        let is_county = |c: &&Cond| Some(c.question.as_str()) == county_q;
        let mut needs = Vec::new();
        let mut open = Vec::new();
        // Where: the package's counties and the rule's county conditions at once.
        if let Some(allowed) = self.counties_for(p) {
            match self.county {
                Where::County(k) if !allowed.contains(&k.code) => needs.push(Need::LiveIn(allowed)),
                Where::County(_) => {}
                Where::Unknown => needs.push(Need::LiveIn(allowed)),
                Where::Designated(d) => {
                    // An old answer: only the designated conditions can be judged.
                    let fails = p.rule.all.iter().filter(is_county).any(|c| {
                        matches!(c.value.as_str(), "yes" | "no") && (c.value == "yes") != d
                    });
                    if fails {
                        needs.push(Need::LiveIn(allowed));
                    } else if !p.counties.is_empty() {
                        open.extend(county_q.map(str::to_string));
                    }
                }
                Where::NotAsked => open.extend(county_q.map(str::to_string)),
            }
        }
        let mut undecided = |c: &Cond| {
            if !open.contains(&c.question) {
                open.push(c.question.clone());
            }
        };
        for c in p.rule.none.iter().filter(|c| !is_county(c)) {
            match self.holds(c) {
                Some(true) => needs.push(Need::Not(c.clone())),
                Some(false) => {}
                None => undecided(c),
            }
        }
        for c in p.rule.all.iter().filter(|c| !is_county(c)) {
            match self.holds(c) {
                Some(false) => needs.push(Need::Is(c.clone())),
                Some(true) => {}
                None => undecided(c),
            }
        }
        if !p.rule.any.is_empty() {
            let held: Vec<Option<bool>> = p.rule.any.iter().map(|c| self.holds(c)).collect();
            if held.iter().all(|h| *h == Some(false)) {
                needs.push(Need::OneOf(p.rule.any.clone()));
            } else if !held.contains(&Some(true)) {
                for (c, h) in p.rule.any.iter().zip(&held) {
                    if h.is_none() {
                        undecided(c);
                    }
                }
            }
        }
        if !needs.is_empty() {
            Judgement::No(needs)
        } else if !open.is_empty() {
            Judgement::Open(open)
        } else {
            Judgement::Yes
        }
    }
}

/// Whether a county meets a county condition's value: `yes` designated, `no`
/// not designated, else a county code.
fn county_meets(k: &County, value: &str) -> bool {
    match value {
        "yes" => k.designated,
        "no" => !k.designated,
        code => k.code == code,
    }
}

/// See [`Facts::counties_for`]: the counties of `counties.toml` where the
/// package is listed and its `all` / `none` county conditions pass.
pub fn allowed_counties(content: &Content, p: &Package) -> Option<Vec<String>> {
    let county_q = content.county_question().map(|q| q.id.as_str());
    let is_county = |c: &&Cond| Some(c.question.as_str()) == county_q;
    let ok = |k: &County| {
        (p.counties.is_empty() || p.counties.contains(&k.code))
            && p.rule
                .all
                .iter()
                .filter(is_county)
                .all(|c| county_meets(k, &c.value))
            && !p
                .rule
                .none
                .iter()
                .filter(is_county)
                .any(|c| county_meets(k, &c.value))
    };
    let allowed: Vec<String> = content
        .counties
        .iter()
        .filter(|k| ok(k))
        .map(|k| k.code.clone())
        .collect();
    (allowed.len() < content.counties.len()).then_some(allowed)
}

/// Can anyone living in `county` get the package? Every other question may be
/// answered with any of its choices (assumptions apply as in the
/// questionnaire); judged by [`Facts::judge`], so the check and the
/// questionnaire cannot disagree. False where the package is not offered, where
/// its county conditions fail, or where its conditions contradict each other.
pub fn possible_in(content: &Content, p: &Package, county: &County) -> bool {
    fn search(
        content: &Content,
        p: &Package,
        code: &str,
        answers: &mut Vec<(String, String)>,
    ) -> bool {
        let facts = Facts::new(content, answers, Some(code));
        match facts.judge(p) {
            Judgement::Yes => true,
            Judgement::No(_) => false,
            Judgement::Open(questions) => {
                let Some(q) = questions.iter().find_map(|id| {
                    content
                        .questions
                        .iter()
                        .find(|q| &q.id == id && q.kind == QuestionKind::Choice)
                }) else {
                    return false;
                };
                q.choices.iter().any(|choice| {
                    answers.push((q.id.clone(), choice.clone()));
                    let yes = search(content, p, code, answers);
                    answers.pop();
                    yes
                })
            }
        }
    }
    search(content, p, &county.code, &mut Vec::new())
}

impl Content {
    /// The question asked by county name (`kind = "county"`), if there is one.
    pub fn county_question(&self) -> Option<&super::Question> {
        self.questions
            .iter()
            .find(|q| q.kind == QuestionKind::County)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixture/content");
        crate::content::load_dir(&dir).expect("fixture content loads")
    }

    fn a(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(q, v)| (q.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn counties_and_rules_are_judged_together() {
        let c = content();
        let village = c.package("village").expect("village");
        // Nothing known: the county and the household could decide.
        let open = Facts::new(&c, &[], None).judge(village);
        assert!(matches!(&open, Judgement::Open(qs) if qs.contains(&"county".to_string())));
        // A designated county from a deep link, on dibao, without the package.
        let f = Facts::new(
            &c,
            &a(&[("household", "dibao"), ("has-support", "no")]),
            Some("540121"),
        );
        assert_eq!(f.judge(village), Judgement::Yes);
        // Outside a designated county: the requirement names the counties.
        let f = Facts::new(
            &c,
            &a(&[("household", "dibao"), ("has-support", "no")]),
            Some("540123"),
        );
        let Judgement::No(needs) = f.judge(village) else {
            panic!("not in a non-designated county")
        };
        assert!(
            matches!(&needs[..], [Need::LiveIn(k)] if k.len() == 5 && !k.contains(&"540123".to_string()))
        );
        // Already has it: ruled out, said as "must not".
        let f = Facts::new(
            &c,
            &a(&[("household", "dibao"), ("has-support", "yes")]),
            Some("540121"),
        );
        assert!(matches!(f.judge(village), Judgement::No(n) if matches!(&n[..], [Need::Not(_)])));
        // "I don't know" the county: the requirement, not a guess.
        let f = Facts::new(
            &c,
            &a(&[
                ("county", UNKNOWN_COUNTY),
                ("household", "dibao"),
                ("has-support", "no"),
            ]),
            None,
        );
        assert!(
            matches!(f.judge(village), Judgement::No(n) if matches!(&n[..], [Need::LiveIn(_)]))
        );
    }

    #[test]
    fn assumptions_answer_without_asking() {
        let c = content();
        let f = Facts::new(&c, &a(&[("age", "60-plus")]), None);
        assert!(f.answered("student"));
        assert_eq!(
            f.judge(c.package("student").expect("student")),
            Judgement::No(vec![Need::Is(Cond {
                question: "student".into(),
                value: "yes".into(),
            })])
        );
    }

    #[test]
    fn a_package_is_possible_in_a_county_only_where_someone_can_get_it() {
        let k = content();
        let county = |code: &str| k.county(code).expect("fixture county");
        let pkg = |id: &str| k.package(id).expect("fixture package");
        // Listed, but the rule needs a designated county: nobody in 540123.
        assert!(possible_in(&k, pkg("bilingual-phone"), county("540121")));
        assert!(!possible_in(&k, pkg("bilingual-phone"), county("540123")));
        // Not listed there at all.
        assert!(!possible_in(&k, pkg("broadband"), county("653122")));
        assert!(possible_in(&k, pkg("broadband"), county("653121")));
        // No county condition: some answers pass everywhere.
        assert!(possible_in(&k, pkg("elderly"), county("540123")));
        assert!(possible_in(&k, pkg("student"), county("540123")));
        // A rule whose conditions contradict each other passes nowhere.
        let mut odd = pkg("elderly").clone();
        odd.rule.all.push(Cond {
            question: "age".into(),
            value: "18-59".into(),
        });
        assert!(!possible_in(&k, &odd, county("540121")));
        let mut excluded = pkg("student").clone();
        excluded.rule.none.push(Cond {
            question: "student".into(),
            value: "yes".into(),
        });
        assert!(!possible_in(&k, &excluded, county("540121")));
    }
}
