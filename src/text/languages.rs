//! The language table (`locales/languages.toml`): for each language its
//! code, Telegram code, name, scripts, direction and FAQ normalizer. Code
//! asks this table instead of naming "zh-CN", "bo" or "ug".

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use super::scripts::Script;

/// File name of the table inside the locales folder.
pub const FILE: &str = "languages.toml";

/// The table shipped in `locales/`, for code that has no locales folder at
/// hand (unit tests, doc examples, defaults).
const BUILTIN: &str = include_str!("../../locales/languages.toml");

/// Writing direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// Which FAQ tokenizer (in `faq::lang`) cuts the language's words: the FAQ
/// index tokenizes a language's documents, and questions searched in it, with
/// its row's normalizer for every script the row lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalizer {
    /// Chinese characters and their bigrams.
    Han,
    /// Tibetan syllables, their stems and bigrams.
    Tibetan,
    /// Uyghur words folded to loose Latin (ULY), with stems and prefixes.
    Uyghur,
    /// Whole words, lower-cased, nothing stripped: for an alphabetic
    /// language without a tokenizer of its own.
    Words,
}

impl Normalizer {
    /// True when this tokenizer can cut text in `script`.
    pub fn fits(self, script: Script) -> bool {
        match self {
            Normalizer::Han => script == Script::Han,
            Normalizer::Tibetan => script == Script::Tibetan,
            Normalizer::Uyghur | Normalizer::Words => {
                matches!(script, Script::Arabic | Script::Latin)
            }
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    /// Two-letter code for Telegram's setMyCommands, if it has one.
    pub telegram: Option<String>,
    pub name: String,
    /// Scripts its users type, in order of preference.
    pub scripts: Vec<Script>,
    pub direction: Direction,
    pub normalizer: Normalizer,
}

/// A problem in the table, with its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct TableError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The whole table, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Languages {
    rows: Vec<Language>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    language: Vec<RawRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    code: Spanned<String>,
    telegram: Option<Spanned<String>>,
    name: Spanned<String>,
    scripts: Vec<Spanned<String>>,
    direction: Spanned<String>,
    normalizer: Spanned<String>,
}

fn line_of(src: &str, offset: usize) -> usize {
    src.get(..offset).unwrap_or(src).matches('\n').count() + 1
}

impl Languages {
    /// Parses and validates the table; `file` names it in errors.
    pub fn parse(file: &str, src: &str) -> Result<Languages, TableError> {
        let err = |offset: usize, message: String| TableError {
            file: file.to_string(),
            line: line_of(src, offset),
            message,
        };
        let raw: RawFile = toml::from_str(src).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            err(at, e.message().to_string())
        })?;
        let mut rows: Vec<Language> = Vec::new();
        for r in raw.language {
            let at = r.code.span().start;
            let code = r.code.into_inner();
            let tag_ok = !code.is_empty()
                && code
                    .split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
            if !tag_ok {
                return Err(err(at, format!("code {code:?} is not a language tag")));
            }
            if rows.iter().any(|l| l.code == code) {
                return Err(err(at, format!("language {code} appears twice")));
            }
            let telegram = match r.telegram {
                Some(t) => {
                    let (at, t) = (t.span().start, t.into_inner());
                    if t.len() != 2 || !t.chars().all(|c| c.is_ascii_lowercase()) {
                        return Err(err(
                            at,
                            format!("telegram code {t:?} is not two lowercase letters"),
                        ));
                    }
                    Some(t)
                }
                None => None,
            };
            let mut scripts = Vec::new();
            for s in r.scripts {
                let (at, s) = (s.span().start, s.into_inner());
                scripts.push(match s.as_str() {
                    "Han" => Script::Han,
                    "Tibetan" => Script::Tibetan,
                    "Arabic" => Script::Arabic,
                    "Latin" => Script::Latin,
                    _ => {
                        return Err(err(
                            at,
                            format!("unknown script {s:?} (Han, Tibetan, Arabic or Latin)"),
                        ))
                    }
                });
            }
            if scripts.is_empty() {
                return Err(err(at, format!("language {code} names no script")));
            }
            let (dat, d) = (r.direction.span().start, r.direction.into_inner());
            let direction = match d.as_str() {
                "ltr" => Direction::Ltr,
                "rtl" => Direction::Rtl,
                _ => return Err(err(dat, format!("direction {d:?} is neither ltr nor rtl"))),
            };
            let (nat, n) = (r.normalizer.span().start, r.normalizer.into_inner());
            let normalizer = match n.as_str() {
                "han" => Normalizer::Han,
                "tibetan" => Normalizer::Tibetan,
                "uyghur" => Normalizer::Uyghur,
                "words" => Normalizer::Words,
                _ => {
                    return Err(err(
                        nat,
                        format!("unknown normalizer {n:?} (han, tibetan, uyghur or words)"),
                    ))
                }
            };
            let fits = scripts.iter().any(|&s| normalizer.fits(s));
            if !fits {
                return Err(err(
                    nat,
                    format!("normalizer {n:?} tokenizes none of the scripts of {code}"),
                ));
            }
            rows.push(Language {
                code,
                telegram,
                name: r.name.into_inner(),
                scripts,
                direction,
                normalizer,
            });
        }
        if rows.is_empty() {
            return Err(err(0, "the table has no [[language]] row".into()));
        }
        Ok(Languages { rows })
    }

    /// The table shipped in `locales/languages.toml`.
    pub fn builtin() -> Languages {
        // The shipped file is checked by a unit test; should it ever be broken,
        // fall back to an empty table rather than panic.
        Languages::parse(FILE, BUILTIN).unwrap_or(Languages { rows: Vec::new() })
    }

    /// The reference language: the first row. Every other locale must have its
    /// messages with the same variables (`netplus check`, compare-locales).
    pub fn reference(&self) -> &str {
        self.rows.first().map_or("", |l| l.code.as_str())
    }

    /// Every row, in file order.
    pub fn all(&self) -> &[Language] {
        &self.rows
    }

    /// The row of a language code.
    pub fn get(&self, code: &str) -> Option<&Language> {
        self.rows.iter().find(|l| l.code == code)
    }

    /// The language a question in `script` belongs to: the user's own
    /// language if it is written in that script, else the first row (among
    /// those `available` accepts) that is.
    pub fn for_script(
        &self,
        script: Script,
        user: Option<&str>,
        available: impl Fn(&str) -> bool,
    ) -> Option<&str> {
        if let Some(l) = user.and_then(|u| self.get(u)) {
            if l.scripts.contains(&script) && available(&l.code) {
                return Some(&l.code);
            }
        }
        self.rows
            .iter()
            .find(|l| l.scripts.contains(&script) && available(&l.code))
            .map(|l| l.code.as_str())
    }
}

/// At most this share of a message may be in the user's own scripts for it
/// to count as written in another language: a loanword ("信号 མི་འདུག") is not
/// a change of language.
pub const OWN_SHARE_MAX: f32 = 0.1;

impl Languages {
    /// True when `text` is wholly in `lang` rather than in `own` (the user's
    /// language): most of its letters ([`super::scripts::script_weights`]) are
    /// in a script of `lang`'s row, and at most [`OWN_SHARE_MAX`] in one of
    /// `own`'s. A script both rows list counts for `own`.
    pub fn wholly_in(&self, text: &str, lang: &str, own: Option<&str>) -> bool {
        let Some(row) = self.get(lang) else {
            return false;
        };
        let own = own
            .and_then(|o| self.get(o))
            .map_or(&[][..], |o| &o.scripts[..]);
        let weights = super::scripts::script_weights(text);
        let total: usize = weights.iter().map(|(_, n)| n).sum();
        let sum = |f: &dyn Fn(Script) -> bool| -> usize {
            weights.iter().filter(|(s, _)| f(*s)).map(|(_, n)| n).sum()
        };
        let mine = sum(&|s| own.contains(&s));
        let theirs = sum(&|s| row.scripts.contains(&s) && !own.contains(&s));
        total > 0 && theirs * 2 > total && (mine as f32) <= OWN_SHARE_MAX * total as f32
    }
}

impl Languages {
    /// The tokenizer for text in `script` inside documents and questions of
    /// `lang`: the language's own normalizer for the scripts its row lists;
    /// for another script (a Chinese word in a Tibetan question, a Latin word
    /// in a Chinese one) the normalizer of the first row written in it that
    /// fits; with no such row the script's own (whole words for letters).
    pub fn tokenizer(&self, lang: &str, script: Script) -> Normalizer {
        let own = self
            .get(lang)
            .filter(|l| l.scripts.contains(&script) && l.normalizer.fits(script));
        let other = || {
            self.rows
                .iter()
                .find(|l| l.scripts.contains(&script) && l.normalizer.fits(script))
        };
        match own.or_else(other) {
            Some(l) => l.normalizer,
            None => match script {
                Script::Han => Normalizer::Han,
                Script::Tibetan => Normalizer::Tibetan,
                Script::Arabic | Script::Latin => Normalizer::Words,
            },
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code, self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses() {
        let t = Languages::parse(FILE, BUILTIN).unwrap();
        let codes: Vec<&str> = t.all().iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["zh-CN", "bo", "ug"]);
        assert_eq!(t.get("ug").map(|l| l.direction), Some(Direction::Rtl));
        assert_eq!(
            t.get("zh-CN").and_then(|l| l.telegram.as_deref()),
            Some("zh")
        );
    }

    #[test]
    fn the_row_chooses_the_tokenizer_of_its_scripts() {
        let kk = format!(
            "{BUILTIN}\n[[language]]\ncode = \"kk\"\nname = \"قازاقشا\"\nscripts = [\"Arabic\"]\ndirection = \"rtl\"\nnormalizer = \"words\"\n"
        );
        let t = Languages::parse(FILE, &kk).unwrap();
        assert_eq!(t.tokenizer("kk", Script::Arabic), Normalizer::Words);
        assert_eq!(t.tokenizer("ug", Script::Arabic), Normalizer::Uyghur);
        // Scripts a row does not list: the first row that does.
        assert_eq!(t.tokenizer("kk", Script::Latin), Normalizer::Uyghur);
        assert_eq!(t.tokenizer("zh-CN", Script::Latin), Normalizer::Uyghur);
        assert_eq!(t.tokenizer("bo", Script::Han), Normalizer::Han);
        // A table without any letter language cuts letters into whole words.
        let zh = "[[language]]\ncode = \"zh-CN\"\nname = \"中文\"\nscripts = [\"Han\"]\ndirection = \"ltr\"\nnormalizer = \"han\"\n";
        let t = Languages::parse(FILE, zh).unwrap();
        assert_eq!(t.tokenizer("zh-CN", Script::Latin), Normalizer::Words);
        // A normalizer that cuts none of the row's scripts is refused.
        let bad = zh.replace("normalizer = \"han\"", "normalizer = \"words\"");
        assert!(Languages::parse(FILE, &bad).is_err());
    }

    #[test]
    fn routing_by_script_prefers_the_users_language() {
        let t = Languages::builtin();
        let any = |_: &str| true;
        assert_eq!(t.for_script(Script::Han, None, any), Some("zh-CN"));
        assert_eq!(t.for_script(Script::Tibetan, Some("ug"), any), Some("bo"));
        assert_eq!(t.for_script(Script::Latin, None, any), Some("ug"));
        let kk = format!(
            "{BUILTIN}\n[[language]]\ncode = \"kk\"\nname = \"قازاقشا\"\nscripts = [\"Arabic\"]\ndirection = \"rtl\"\nnormalizer = \"uyghur\"\n"
        );
        let t = Languages::parse(FILE, &kk).unwrap();
        assert_eq!(t.for_script(Script::Arabic, Some("kk"), any), Some("kk"));
        assert_eq!(t.for_script(Script::Arabic, Some("ug"), any), Some("ug"));
        assert_eq!(t.for_script(Script::Arabic, None, any), Some("ug"));
        assert_eq!(
            t.for_script(Script::Arabic, None, |l| l == "kk"),
            Some("kk")
        );
    }

    #[test]
    fn errors_name_the_line() {
        let bad = "[[language]]\ncode = \"xx\"\nname = \"x\"\nscripts = [\"Klingon\"]\ndirection = \"ltr\"\nnormalizer = \"han\"\n";
        let e = Languages::parse("t.toml", bad).unwrap_err();
        assert_eq!(
            (e.line, e.to_string().starts_with("t.toml:4:")),
            (4, true),
            "{e}"
        );
        let bad = bad.replace("Klingon", "Latin").replace("\"ltr\"", "\"up\"");
        assert_eq!(Languages::parse("t.toml", &bad).unwrap_err().line, 5);
        let dup = format!("{BUILTIN}\n[[language]]\ncode = \"bo\"\nname = \"x\"\nscripts = [\"Tibetan\"]\ndirection = \"ltr\"\nnormalizer = \"tibetan\"\n");
        assert!(Languages::parse("t", &dup)
            .unwrap_err()
            .message
            .contains("twice"));
        assert!(Languages::parse("t", "[[language]]\ncode = 1\n").is_err());
        let misfit = bad.replace("\"up\"", "\"ltr\"");
        let e = Languages::parse("t.toml", &misfit).unwrap_err();
        assert_eq!(e.line, 6, "{e}");
    }
}

#[cfg(test)]
mod wholly_tests {
    use super::*;

    #[test]
    fn a_message_is_in_another_language_only_when_nearly_all_of_it_is() {
        let t = Languages::builtin();
        let bo = Some("bo");
        assert!(t.wholly_in("我的手机怎么充话费？", "zh-CN", bo));
        assert!(t.wholly_in("SIM卡丢了", "zh-CN", bo));
        assert!(t.wholly_in("ཁ་པར་ཆག་སོང་།", "bo", Some("zh-CN")));
        assert!(t.wholly_in("تېلېفون بۇزۇلدى", "ug", Some("zh-CN")));
        // Loanwords: the user's own script is there.
        assert!(!t.wholly_in("信号 མི་འདུག", "zh-CN", bo));
        assert!(!t.wholly_in("我的手机 ཆག་སོང་", "zh-CN", bo));
        assert!(!t.wholly_in("ཁ་པར་ 4G", "ug", bo));
        // No letters, the same language, an unknown one.
        assert!(!t.wholly_in("10086", "zh-CN", bo));
        assert!(!t.wholly_in("充话费", "zh-CN", Some("zh-CN")));
        assert!(!t.wholly_in("充话费", "xx", bo));
        // A long Chinese message with one Tibetan word is Chinese.
        assert!(t.wholly_in(
            "我的手机坏了，打不了电话，也上不了网，怎么办 ཡོད",
            "zh-CN",
            bo
        ));
    }
}
