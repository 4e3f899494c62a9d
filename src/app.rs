//! Wires configuration, content, locales and the store, and holds the full
//! `netplus check` that `serve` also runs before it starts.

use crate::config::Config;
use crate::content::{self, Content, County, Fact, FactValue, Issue, Package};
use crate::engine::{msg, Arg, Ctx, Profile, Reply};
use crate::faq::FaqIndex;
use crate::l10n::{self, L10n, L10nError, LocaleSource, Rendered};
use crate::text::Languages;
use std::path::{Path, PathBuf};

/// Content and locales that passed the check together: what the bot serves.
pub struct World {
    pub content: Content,
    pub l10n: L10n,
    /// Built from `locales/<lang>/faq.ftl` of every enabled language.
    pub faq: FaqIndex,
}

/// The FAQ file in each locale folder.
pub const FAQ_FILE: &str = "faq.ftl";

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Content(#[from] content::ContentError),
    #[error(transparent)]
    Locales(#[from] L10nError),
    #[error("{} problem(s):\n{}", .0.len(), .0.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Issue>),
    #[error("{}: {source}", path.display())]
    Faq {
        path: PathBuf,
        source: crate::faq::FaqError,
    },
}

impl World {
    /// Loads and fully checks content and locales; refuses everything on any problem.
    pub fn load(cfg: &Config) -> Result<World, CheckError> {
        let content = content::load_dir(&cfg.content_dir)?;
        check_locales(cfg, &content)?;
        let mut l10n = L10n::load(&cfg.locales_dir, &cfg.languages)?;
        l10n.set_facts(fact_args(&content));
        let faq = load_faq(cfg)?;
        let operator = cfg.content_dir.join("operator.toml");
        let mut unknown: Vec<Issue> = content
            .careful
            .iter()
            .filter(|c| !faq.has_topic(&c.topic))
            .map(|c| Issue {
                file: operator.clone(),
                line: c.line,
                message: format!("careful topic {:?} is not a topic of {FAQ_FILE}", c.topic),
            })
            .collect();
        unknown.extend(check_faq_groups(cfg, &content, &faq)?);
        unknown.extend(check_county_langs(cfg, &content, l10n.table()));
        unknown.extend(check_rules_in_counties(&cfg.content_dir, &content));
        unknown.extend(check_texts(cfg, &content)?);
        if !unknown.is_empty() {
            return Err(CheckError::Invalid(unknown));
        }
        Ok(World { content, l10n, faq })
    }

    /// The engine's view of this world; the caller sets `handoff` and `staff`.
    pub fn ctx<'a>(&'a self, today: &'a str) -> Ctx<'a> {
        Ctx {
            content: &self.content,
            languages: self.l10n.languages(),
            keywords: self.l10n.keywords(),
            today,
            faq: Some(&self.faq),
            handoff: false,
            staff: false,
        }
    }

    /// Renders in the user's language (before one is chosen, lines carry their own).
    pub fn render(&self, profile: &Profile, reply: &Reply) -> Rendered {
        let lang = profile
            .lang
            .as_deref()
            .or(self.l10n.languages().first().map(String::as_str))
            .unwrap_or(self.l10n.table().reference());
        self.l10n.render(lang, reply)
    }
}

/// Every topic of a group is a topic of the FAQ, and every topic of the
/// reference language's FAQ (`faq-<topic>-title`) is in a group (one group
/// only is the content loader's check), so each answer has a button.
fn check_faq_groups(
    cfg: &Config,
    content: &Content,
    faq: &FaqIndex,
) -> Result<Vec<Issue>, CheckError> {
    let operator = cfg.content_dir.join("operator.toml");
    let mut issues = Vec::new();
    for g in &content.faq_groups {
        for (t, line) in g.topics.iter().zip(&g.lines) {
            if !faq.has_topic(t) {
                issues.push(Issue {
                    file: operator.clone(),
                    line: *line,
                    message: format!("faq_group {}: {t:?} is not a topic of {FAQ_FILE}", g.id),
                });
            }
        }
    }
    let table = l10n::load_table(&cfg.locales_dir)?;
    let path = cfg.locales_dir.join(table.reference()).join(FAQ_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| {
        CheckError::Locales(L10nError::Read {
            path: path.clone(),
            source,
        })
    })?;
    for (topic, line) in faq_titles(&text) {
        if !content.faq_groups.iter().any(|g| g.topics.contains(&topic)) {
            issues.push(Issue {
                file: path.clone(),
                line,
                message: format!(
                    "FAQ topic {topic} is in no faq_group of {} (every topic needs a button)",
                    operator.display()
                ),
            });
        }
    }
    Ok(issues)
}

/// `faq-<topic>-title` messages of a `faq.ftl`: (topic, line).
fn faq_titles(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let (id, _) = l.split_once('=')?;
            let topic = id.trim_end().strip_prefix("faq-")?.strip_suffix("-title")?;
            Some((topic.to_string(), i + 1))
        })
        .collect()
}

/// A county's `lang` is a language of the table.
fn check_county_langs(cfg: &Config, content: &Content, table: &Languages) -> Vec<Issue> {
    content
        .counties
        .iter()
        .filter_map(|c| {
            let (lang, line) = c.lang.as_ref()?;
            (table.get(lang).is_none()).then(|| Issue {
                file: cfg.content_dir.join(content::COUNTIES),
                line: *line,
                message: format!(
                    "county {}: lang {lang:?} is not a language of {}",
                    c.code,
                    crate::text::languages::FILE
                ),
            })
        })
        .collect()
}

/// The catalogue's numbers as Fluent arguments: prices as plain numbers
/// (formatted here, never by Fluent), amounts as numbers (plural forms).
pub fn fact_args(content: &Content) -> Vec<(String, Arg)> {
    content
        .facts()
        .into_iter()
        .map(|f| {
            let arg = match f.value {
                FactValue::Price(p) => Arg::Text(p.to_string()),
                FactValue::Count(n) => Arg::Num(n.into()),
            };
            (f.name, arg)
        })
        .collect()
}

/// Package counties and rules judged together ([`content::rules::possible_in`]):
/// a package that lists a county where nobody can get it (a), or that lists
/// none, so it is shown in every county, while in some nobody can get it (b),
/// is refused at its line of `packages.toml`.
pub fn check_rules_in_counties(dir: &Path, content: &Content) -> Vec<Issue> {
    let file = dir.join(content::PACKAGES);
    let why = |p: &Package, c: &County| {
        let by_county = content::rules::allowed_counties(content, p)
            .is_some_and(|allowed| !allowed.contains(&c.code));
        if by_county {
            format!(
                "county {} is {}designated, and the rule's county condition fails there",
                c.code,
                if c.designated { "" } else { "not " },
            )
        } else {
            "its conditions contradict each other".to_string()
        }
    };
    let mut issues = Vec::new();
    for p in &content.packages {
        if p.counties.is_empty() {
            let nowhere: Vec<&County> = content
                .counties
                .iter()
                .filter(|c| !content::rules::possible_in(content, p, c))
                .collect();
            if let Some(first) = nowhere.first() {
                let codes: Vec<&str> = nowhere.iter().map(|c| c.code.as_str()).collect();
                issues.push(Issue {
                    file: file.clone(),
                    line: p.line,
                    message: format!(
                        "package {} lists no counties, so it is shown in every county, but nobody in {} can get it ({}): list the counties where it is offered",
                        p.id,
                        codes.join(", "),
                        why(p, first)
                    ),
                });
            }
            continue;
        }
        for (code, line) in p.counties.iter().zip(&p.county_lines) {
            let Some(c) = content.county(code) else {
                continue;
            };
            if !content::rules::possible_in(content, p, c) {
                issues.push(Issue {
                    file: file.clone(),
                    line: *line,
                    message: format!(
                        "package {} lists county {code}, where its rule can never pass ({})",
                        p.id,
                        why(p, c)
                    ),
                });
            }
        }
    }
    issues
}

/// FAQ answers (`faq-<topic>-a` in `faq.ftl`) and package sentences
/// (`pkg-<id>-…`) of every enabled language, checked against the catalogue
/// and the terms: they use no variable but the catalogue's ([`Fact`]), write
/// no number that is one of the catalogue's (the variable says it, so the text
/// follows the catalogue), and never write a term's word instead of the term.
pub fn check_texts(cfg: &Config, content: &Content) -> Result<Vec<Issue>, CheckError> {
    let facts = content.facts();
    let mut issues = Vec::new();
    for lang in &cfg.languages {
        let loc = l10n::read_locale(&cfg.locales_dir, lang)?;
        issues.extend(text_issues(&loc, &facts));
    }
    Ok(issues)
}

/// [`check_texts`] for one locale.
pub fn text_issues(loc: &LocaleSource, facts: &[Fact]) -> Vec<Issue> {
    let sources: Vec<&str> = loc.files.iter().map(|(_, t)| t.as_str()).collect();
    let mut terms: Vec<(String, String)> = crate::faq::plain_terms(&sources)
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    // The longest word first: a package name is reported, not the word in it.
    terms.sort_by(|a, b| {
        b.1.chars()
            .count()
            .cmp(&a.1.chars().count())
            .then(a.0.cmp(&b.0))
    });
    let mut issues = Vec::new();
    for (id, info) in &loc.messages {
        let answer = info.file.file_name().is_some_and(|f| f == FAQ_FILE)
            && id.starts_with("faq-")
            && id.ends_with("-a");
        if !answer && !id.starts_with("pkg-") {
            continue;
        }
        let mut say = |message: String| {
            issues.push(Issue {
                file: info.file.clone(),
                line: info.line,
                message,
            })
        };
        for v in &info.variables {
            if !facts.iter().any(|f| f.name == *v) {
                say(format!(
                    "{id} uses {{ ${v} }}, which is no number of the catalogue (pkg-<id>-fee, -price, -gb or -minutes of a package in {} that has it)",
                    content::PACKAGES
                ));
            }
        }
        // A package's sentences are held to its own numbers (another
        // package's 50 minutes is not a phone's 50 yuan of credit).
        let own = (!answer).then(|| package_of(id)).flatten();
        for (written, value) in numbers(&info.text) {
            let same: Vec<String> = facts
                .iter()
                .filter(|f| own.as_ref().is_none_or(|p| f.name.starts_with(p.as_str())))
                .filter(|f| f.value.hundredths() == value)
                .map(|f| format!("{{ ${} }}", f.name))
                .collect();
            if !same.is_empty() {
                say(format!(
                    "{id} writes {written}, a number of the catalogue: write {} so it follows {} (or {{ \"{written}\" }} if it means something else)",
                    same.join(" or "),
                    content::PACKAGES
                ));
            }
        }
        let mut text = info.text.clone();
        for (term, word) in &terms {
            if text.contains(word.as_str()) {
                say(format!(
                    "{id} writes {word:?}, the word of the term -{term}: write {{ -{term} }} (one word per concept)"
                ));
                text = text.replace(word.as_str(), &l10n::PLACEABLE.to_string());
            }
        }
    }
    issues
}

/// `pkg-<id>-<part>` → `pkg-<id>-`, the prefix of that package's facts.
fn package_of(message: &str) -> Option<String> {
    content::PACKAGE_PARTS.iter().find_map(|part| {
        let head = message.strip_suffix(part)?.strip_suffix('-')?;
        Some(format!("{head}-"))
    })
}

/// The numbers written in a text, in any script's digits, with their value in
/// hundredths (`8` → 800, `19.9` → 1990); a number with more than two
/// decimals is no price and is left out.
fn numbers(text: &str) -> Vec<(String, u64)> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).and_then(|c| crate::text::digit_value(*c));
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(i).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut whole: u64 = 0;
        while let Some(d) = digit(i) {
            whole = whole.saturating_mul(10).saturating_add(d.into());
            i += 1;
        }
        let mut hundredths = whole.saturating_mul(100);
        let mut exact = true;
        if chars.get(i) == Some(&'.') && digit(i + 1).is_some() {
            i += 1;
            let mut places = 0;
            while let Some(d) = digit(i) {
                match places {
                    0 => hundredths += u64::from(d) * 10,
                    1 => hundredths += u64::from(d),
                    _ => exact &= d == 0,
                }
                places += 1;
                i += 1;
            }
        }
        if exact {
            out.push((chars[start..i].iter().collect(), hundredths));
        }
    }
    out
}

/// The FAQ index over every enabled language's `faq.ftl`.
pub fn load_faq(cfg: &Config) -> Result<FaqIndex, CheckError> {
    let mut docs = Vec::new();
    for lang in &cfg.languages {
        let path = cfg.locales_dir.join(lang).join(FAQ_FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| {
            CheckError::Locales(L10nError::Read {
                path: path.clone(),
                source,
            })
        })?;
        // Titles and question lines may name a package or concept by its term.
        let folder = l10n::read_locale(&cfg.locales_dir, lang)?;
        let sources: Vec<&str> = folder.files.iter().map(|(_, t)| t.as_str()).collect();
        let terms = crate::faq::plain_terms(&sources);
        docs.extend(
            crate::faq::docs_with_terms(lang, &text, &terms)
                .map_err(|source| CheckError::Faq { path, source })?,
        );
    }
    let table = l10n::load_table(&cfg.locales_dir)?;
    Ok(FaqIndex::with_languages(docs, table))
}

/// Every enabled locale has exactly the reference's messages with the same
/// variables, and every message the code and the data use exists.
pub fn check_locales(cfg: &Config, content: &Content) -> Result<(), CheckError> {
    let dir = &cfg.locales_dir;
    let table = l10n::load_table(dir)?;
    let reference_lang = table.reference();
    let reference = l10n::read_locale(dir, reference_lang)?;
    let mut issues = Vec::new();
    let ref_file = dir.join(reference_lang);
    let mut used: Vec<String> = msg::ALL.iter().map(|s| s.to_string()).collect();
    used.extend(content.message_ids());
    for id in &used {
        if !reference.messages.contains_key(id) {
            issues.push(Issue {
                file: ref_file.clone(),
                line: 1,
                message: format!("message {id} is used by the bot but missing"),
            });
        }
    }
    for (id, info) in &reference.messages {
        for r in &info.references {
            if !reference.messages.contains_key(r) {
                issues.push(Issue {
                    file: info.file.clone(),
                    line: info.line,
                    message: format!("message {id} refers to unknown message {r}"),
                });
            }
        }
    }
    issues.extend(unknown_terms(&reference));
    for lang in cfg
        .languages
        .iter()
        .filter(|l| l.as_str() != reference_lang)
    {
        let loc = match l10n::read_locale(dir, lang) {
            Ok(l) => l,
            Err(L10nError::Invalid(i)) => {
                issues.extend(i);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let folder: PathBuf = dir.join(lang);
        for (id, info) in &reference.messages {
            match loc.messages.get(id) {
                None => issues.push(Issue {
                    file: folder.clone(),
                    line: 1,
                    message: format!(
                        "missing message {id} (see {}:{})",
                        info.file.display(),
                        info.line
                    ),
                }),
                Some(m) if m.variables != info.variables => issues.push(Issue {
                    file: m.file.clone(),
                    line: m.line,
                    message: format!(
                        "message {id} uses variables {{{}}} but {reference_lang} uses {{{}}}",
                        m.variables.iter().cloned().collect::<Vec<_>>().join(", "),
                        info.variables
                            .iter()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }),
                Some(_) => {}
            }
        }
        for (id, m) in &loc.messages {
            if !reference.messages.contains_key(id) {
                issues.push(Issue {
                    file: m.file.clone(),
                    line: m.line,
                    message: format!("message {id} is not in {reference_lang}"),
                });
            }
        }
        // One term per concept in every language: the reference's terms.
        for (id, info) in &reference.terms {
            if !loc.terms.contains_key(id) {
                issues.push(Issue {
                    file: folder.clone(),
                    line: 1,
                    message: format!(
                        "missing term -{id} (see {}:{})",
                        info.file.display(),
                        info.line
                    ),
                });
            }
        }
        for (id, t) in &loc.terms {
            if !reference.terms.contains_key(id) {
                issues.push(Issue {
                    file: t.file.clone(),
                    line: t.line,
                    message: format!("term -{id} is not in {reference_lang}"),
                });
            }
        }
        issues.extend(unknown_terms(&loc));
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(CheckError::Invalid(issues))
    }
}

/// Term references (`{ -x }`) of a locale's messages and terms that it does
/// not define: Fluent would show `{-x}` to the user.
fn unknown_terms(loc: &LocaleSource) -> Vec<Issue> {
    let mut issues = Vec::new();
    let entries = loc
        .messages
        .iter()
        .map(|(id, i)| (format!("message {id}"), i))
        .chain(loc.terms.iter().map(|(id, i)| (format!("term -{id}"), i)));
    for (what, info) in entries {
        for t in info.terms.iter().filter(|t| !loc.terms.contains_key(*t)) {
            issues.push(Issue {
                file: info.file.clone(),
                line: info.line,
                message: format!("{what} uses the unknown term -{t}"),
            });
        }
    }
    issues
}

/// Today's date in China (UTC+8), as `YYYY-MM-DD`, for package effective dates.
pub fn today_in_china() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    civil_date((secs + 8 * 3600).div_euclid(86_400))
}

/// Days since 1970-01-01 → `YYYY-MM-DD`.
pub fn civil_date(days: i64) -> String {
    let (y, m, d) = crate::engine::calendar::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const E: &str = "[[question]]\nid = \"county\"\nkind = \"county\"\n\
                     [[question]]\nid = \"age\"\nchoices = [\"young\", \"old\"]\n";
    const C: &str = "[[county]]\ncode = \"1\"\ndesignated = true\n\
                     [[county]]\ncode = \"2\"\ndesignated = false\n";
    const O: &str = "hotline = \"10086\"\noffice_hours = \"9:00–17:00\"\n";

    fn content(packages: &str) -> Content {
        content::parse(&content::Sources {
            dir: Path::new("content"),
            packages,
            eligibility: E,
            counties: C,
            operator: O,
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn package(extra: &str) -> String {
        format!("[[package]]\nid = \"p\"\nkind = \"plan\"\nmonthly_fee = \"8\"\ndata_gb = 10\nfrom = \"2026-01-01\"\n{extra}")
    }

    #[test]
    fn a_listed_county_where_the_rule_never_passes_is_refused_at_its_line() {
        let c = content(&package(
            "counties = [\"1\",\n  \"2\"]\nall = [\"county=yes\"]\n",
        ));
        let i = check_rules_in_counties(Path::new("content"), &c);
        assert_eq!(i.len(), 1, "{i:?}");
        assert_eq!(
            i[0].to_string().split(": ").next(),
            Some("content/packages.toml:8")
        );
        assert!(
            i[0].message.contains("county 2") && i[0].message.contains("not designated"),
            "{}",
            i[0]
        );
        // Listing only the designated county, or a rule any county passes, is fine.
        let ok = content(&package("counties = [\"1\"]\nall = [\"county=yes\"]\n"));
        assert!(check_rules_in_counties(Path::new("content"), &ok).is_empty());
        let ok = content(&package("counties = [\"1\", \"2\"]\nall = [\"age=old\"]\n"));
        assert!(check_rules_in_counties(Path::new("content"), &ok).is_empty());
    }

    #[test]
    fn a_package_shown_in_every_county_but_passable_in_some_only_is_refused() {
        let c = content(&package("all = [\"county=yes\"]\n"));
        let i = check_rules_in_counties(Path::new("content"), &c);
        assert_eq!(i.len(), 1, "{i:?}");
        assert_eq!(i[0].line, 2, "the package's id");
        assert!(
            i[0].message.contains("every county") && i[0].message.contains(" 2 "),
            "{}",
            i[0]
        );
        // A rule nobody can pass anywhere: refused too.
        let c = content(&package("all = [\"age=old\"]\nnone = [\"age=old\"]\n"));
        let i = check_rules_in_counties(Path::new("content"), &c);
        assert!(i[0].message.contains("contradict"), "{}", i[0]);
        let ok = content(&package("any = [\"county=yes\", \"age=old\"]\n"));
        assert!(check_rules_in_counties(Path::new("content"), &ok).is_empty());
    }

    #[test]
    fn the_shipped_catalogue_is_possible_wherever_it_is_shown() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let c = content::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check_rules_in_counties(&dir, &c), vec![]);
    }

    /// A locale folder of one language with these files.
    fn locale(files: &[(&str, &str)]) -> (tempfile::TempDir, LocaleSource) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("zh-CN")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join("zh-CN").join(name), text).unwrap();
        }
        let loc = l10n::read_locale(dir.path(), "zh-CN").unwrap_or_else(|e| panic!("{e}"));
        (dir, loc)
    }

    const TERMS: &str = "-hall = 营业厅\n-pkg-p = 惠民套餐\n";

    fn issues_of(faq: &str, content_ftl: &str) -> Vec<Issue> {
        let facts = content(&package("")).facts();
        let (_dir, loc) = locale(&[
            ("terms.ftl", TERMS),
            (FAQ_FILE, faq),
            ("content.ftl", content_ftl),
        ]);
        text_issues(&loc, &facts)
    }

    #[test]
    fn an_answer_that_writes_a_catalogue_number_is_refused_at_its_line() {
        let faq = "faq-x-title = x\nfaq-x-q = q\nfaq-x-a = { -pkg-p }每月8元，含１０GB。\n";
        let i = issues_of(faq, "");
        assert_eq!(i.len(), 2, "{i:?}");
        assert!(i
            .iter()
            .all(|x| x.line == 3 && x.file.ends_with("zh-CN/faq.ftl")));
        assert!(i[0].message.contains("{ $pkg-p-fee }"), "{}", i[0]);
        assert!(
            i[1].message.contains("{ $pkg-p-gb }"),
            "full-width digits: {}",
            i[1]
        );
        // Tibetan and Arabic-Indic digits are numbers too; 8.0 is 8.
        for n in ["༨", "٨", "8.0", "8.00"] {
            let i = issues_of(&faq.replace("8元，含１０GB", &format!("{n}元")), "");
            assert_eq!(i.len(), 1, "{n}: {i:?}");
        }
        // The variable, another number, or a number marked as literal: fine.
        for ok in ["{ $pkg-p-fee }元", "80元、8.5元、9:00", "下个月{ \"8\" }号"] {
            let i = issues_of(&faq.replace("每月8元，含１０GB", ok), "");
            assert_eq!(i, vec![], "{ok}");
        }
        // Questions may quote prices: that is what users type.
        assert_eq!(
            issues_of("faq-x-title = x\nfaq-x-q = 8元套餐\nfaq-x-a = a\n", ""),
            vec![]
        );
    }

    #[test]
    fn a_package_sentence_is_held_to_its_own_numbers_and_the_catalogues_variables() {
        let i = issues_of(
            "",
            "pkg-p-gives = 送 10 GB。\npkg-q-gives = 送 10 元话费。\n",
        );
        assert_eq!(i.len(), 1, "{i:?}");
        assert!(
            i[0].message.starts_with("pkg-p-gives") && i[0].line == 1,
            "{}",
            i[0]
        );
        let i = issues_of(
            "",
            "pkg-p-gives = 送 { $pkg-p-gb } GB，{ $pkg-p-minutes } 分钟。\n",
        );
        assert_eq!(i.len(), 1, "{i:?}");
        assert!(i[0].message.contains("pkg-p-minutes"), "{}", i[0]);
    }

    #[test]
    fn an_answer_that_writes_a_terms_word_is_refused() {
        let faq = "faq-x-title = 营业厅\nfaq-x-q = 营业厅在哪\nfaq-x-a = 到营业厅办惠民套餐。\n";
        let i = issues_of(faq, "pkg-p-where = 到营业厅。\npkg-p-name = { -pkg-p }\n");
        let words: Vec<(&str, usize)> = i
            .iter()
            .map(|x| (x.message.split(' ').next().unwrap_or(""), x.line))
            .collect();
        assert_eq!(
            words,
            [("faq-x-a", 3), ("faq-x-a", 3), ("pkg-p-where", 1)],
            "{i:?}"
        );
        assert!(i[0].message.contains("{ -pkg-p }") && i[1].message.contains("{ -hall }"));
        let ok = "faq-x-title = x\nfaq-x-q = q\nfaq-x-a = 到{ -hall }办{ -pkg-p }。\n";
        assert_eq!(issues_of(ok, ""), vec![]);
    }

    #[test]
    fn every_language_has_the_reference_terms_and_uses_only_known_ones() {
        let dir = tempfile::tempdir().unwrap();
        let table = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/languages.toml");
        std::fs::copy(table, dir.path().join("languages.toml")).unwrap();
        for (lang, terms, main) in [
            (
                "zh-CN",
                "-hall = 营业厅\n-data = 流量\n",
                "a = 到{ -hall }\nb = { -nothing }\n",
            ),
            (
                "bo",
                "-hall = ཚོང་ལས་ཁང\n-extra = x\n",
                "a = { -hall }\nb = { -data }\n",
            ),
        ] {
            std::fs::create_dir_all(dir.path().join(lang)).unwrap();
            std::fs::write(dir.path().join(lang).join("terms.ftl"), terms).unwrap();
            std::fs::write(dir.path().join(lang).join("main.ftl"), main).unwrap();
        }
        let cfg = Config {
            locales_dir: dir.path().to_path_buf(),
            languages: vec!["zh-CN".into(), "bo".into()],
            ..Config::default()
        };
        let Err(CheckError::Invalid(issues)) = check_locales(&cfg, &content(&package(""))) else {
            panic!("refused");
        };
        let about_terms: Vec<String> = issues
            .iter()
            .filter(|i| i.message.contains("term"))
            .map(|i| {
                let file = i.file.strip_prefix(dir.path()).unwrap_or(&i.file);
                format!("{}:{}: {}", file.display(), i.line, i.message)
            })
            .collect();
        assert_eq!(
            about_terms,
            vec![
                "zh-CN/main.ftl:2: message b uses the unknown term -nothing".to_string(),
                format!(
                    "bo:1: missing term -data (see {}:2)",
                    dir.path().join("zh-CN/terms.ftl").display()
                ),
                "bo/terms.ftl:2: term -extra is not in zh-CN".to_string(),
                "bo/main.ftl:2: message b uses the unknown term -data".to_string(),
            ],
            "{issues:?}"
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_513), "2026-03-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
