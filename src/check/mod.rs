//! Phone fit (issue 9 items 3 and 10): every message and button a user can
//! reach, measured against a 360-dp phone. Pure: it drives the engine and
//! renders with l10n, and reads and writes nothing.
//!
//! [`crawl`] walks every screen reachable by buttons (`crawl.rs`) in every
//! language and reports each message over [`SCREEN_CHARS`] characters or
//! [`SCREEN_LINES`] phone lines, and each button label wider than its share
//! of the row (`measure.rs` holds the width estimate). `netplus check`
//! prints the findings as warnings; `netplus check --strict` fails on them.
//! They are not part of `World::load`: a long screen is a reason to edit the
//! text, not to refuse to serve.

mod crawl;
pub mod measure;

use crate::app::World;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// A message longer than this many characters is a wall of text (issue 9 §3).
pub const SCREEN_CHARS: usize = 500;
/// … or taller than this many phone lines (see [`measure::phone_lines`]).
pub const SCREEN_LINES: usize = 8;

/// The limits a message is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub chars: usize,
    pub lines: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            chars: SCREEN_CHARS,
            lines: SCREEN_LINES,
        }
    }
}

/// Bounds of the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub budget: Budget,
    /// Taps from `/start` after which a path is not followed further.
    pub max_depth: usize,
    /// Screens expanded per start (fresh user, deep link, staff member).
    pub max_states: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            budget: Budget::default(),
            max_depth: 60,
            max_states: 20_000,
        }
    }
}

/// Something that does not fit, with the shortest way to it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A message over the budget.
    Screen {
        lang: String,
        /// The inputs from the start: callback data, commands, "typed text".
        path: Vec<String>,
        /// The worst of its variants (most lines, then most characters).
        text: String,
        chars: usize,
        lines: usize,
        /// Messages over budget found for this screen: every result of the
        /// questionnaire's answers, a notice on top, … (the worst is shown).
        variants: usize,
    },
    /// A button label wider than its share of the row.
    Button {
        lang: String,
        path: Vec<String>,
        label: String,
        /// Buttons in its row.
        row: usize,
        columns: usize,
        budget: usize,
    },
}

impl Finding {
    pub fn lang(&self) -> &str {
        match self {
            Finding::Screen { lang, .. } | Finding::Button { lang, .. } => lang,
        }
    }
}

fn show_path(path: &[String]) -> String {
    path.join(" › ")
}

fn show_lang(lang: &str) -> &str {
    if lang == "*" {
        "every language"
    } else {
        lang
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Screen {
                lang,
                path,
                chars,
                lines,
                variants,
                ..
            } => {
                write!(
                    f,
                    "screen {} in {}: {chars} chars / {lines} lines",
                    show_path(path),
                    show_lang(lang)
                )?;
                if *variants > 1 {
                    write!(f, " (the worst of {variants} like it)")?;
                }
                Ok(())
            }
            Finding::Button {
                lang,
                path,
                label,
                row,
                columns,
                budget,
            } => write!(
                f,
                "button \"{label}\" on screen {} in {}: {columns} columns, {budget} fit in a row of {row}",
                show_path(path),
                show_lang(lang)
            ),
        }
    }
}

/// What the walk found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub budget: Budget,
    /// Each screen or label once (its first, shortest, path).
    pub findings: Vec<Finding>,
    /// Screens expanded over all starts.
    pub states: usize,
    /// Messages rendered and measured (with repeats).
    pub screens: usize,
    /// A bound of [`Options`] stopped the walk somewhere.
    pub truncated: bool,
    /// (language, screen or label, row) → index in `findings`.
    reported: HashMap<(String, String, usize), usize>,
    /// The distinct texts of each screen's finding.
    texts: HashMap<usize, HashSet<String>>,
}

impl Report {
    /// A message over budget on `screen` (one finding per screen and
    /// language: the worst, and how many).
    fn add_screen(&mut self, screen: &str, f: Finding) {
        let key = (f.lang().to_string(), screen.to_string(), 0);
        let text = match &f {
            Finding::Screen { text, .. } => text.clone(),
            Finding::Button { .. } => return,
        };
        let Some(&i) = self.reported.get(&key) else {
            self.reported.insert(key, self.findings.len());
            self.texts
                .entry(self.findings.len())
                .or_default()
                .insert(text);
            self.findings.push(f);
            return;
        };
        if !self.texts.entry(i).or_default().insert(text) {
            return;
        }
        let size = |f: &Finding| match f {
            Finding::Screen { chars, lines, .. } => (*lines, *chars),
            Finding::Button { .. } => (0, 0),
        };
        let worse = size(&f) > size(&self.findings[i]);
        let old = &mut self.findings[i];
        if let Finding::Screen { variants, .. } = old {
            let n = *variants + 1;
            if worse {
                *old = f;
            }
            if let Finding::Screen { variants, .. } = old {
                *variants = n;
            }
        }
    }

    /// A label too wide for its row (once per language, label and row size).
    fn add_button(&mut self, f: Finding) {
        let Finding::Button {
            lang, label, row, ..
        } = &f
        else {
            return;
        };
        let key = (lang.clone(), label.clone(), *row);
        if !self.reported.contains_key(&key) {
            self.reported.insert(key, self.findings.len());
            self.findings.push(f);
        }
    }

    /// Per language: (messages over budget, labels over budget).
    pub fn per_lang(&self) -> BTreeMap<String, (usize, usize)> {
        let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for f in &self.findings {
            let e = m.entry(f.lang().to_string()).or_default();
            match f {
                Finding::Screen { .. } => e.0 += 1,
                Finding::Button { .. } => e.1 += 1,
            }
        }
        m
    }

    /// One line: "zh-CN 2 messages, 0 labels; bo …" for every language.
    pub fn summary(&self, languages: &[String]) -> String {
        let per = self.per_lang();
        let mut langs: Vec<&str> = languages.iter().map(String::as_str).collect();
        if per.contains_key("*") {
            langs.push("*");
        }
        langs
            .iter()
            .map(|l| {
                let (s, b) = per.get(*l).copied().unwrap_or_default();
                format!("{} {s} messages, {b} labels", show_lang(l))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Walks every reachable screen of `world` (packages as on `today`) and
/// measures it.
pub fn crawl(world: &World, today: &str, opts: &Options) -> Report {
    crawl::crawl(world, today, opts)
}

#[cfg(test)]
mod tests;
