//! Wires configuration, content, locales and the store, and holds the full
//! `netplus check` that `serve` also runs before it starts.

use crate::config::Config;
use crate::content::{self, Content, Issue};
use crate::engine::{msg, Ctx, Profile, Reply};
use crate::faq::FaqIndex;
use crate::l10n::{self, L10n, L10nError, Rendered};
use crate::text::Languages;
use std::path::PathBuf;

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
        let l10n = L10n::load(&cfg.locales_dir, &cfg.languages)?;
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
        docs.extend(
            crate::faq::docs_from_ftl(lang, &text)
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
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(CheckError::Invalid(issues))
    }
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

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_513), "2026-03-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
