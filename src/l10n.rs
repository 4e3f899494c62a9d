//! Fluent bundles, language negotiation, and rendering of engine replies to text.
//!
//! Locales are folders under `locales/` (`zh-CN`, `bo`, `ug`, …): every `*.ftl` file
//! in a folder is loaded. What each language is (Telegram code, scripts,
//! direction, FAQ normalizer) comes from the table `locales/languages.toml`
//! ([`crate::text::languages`]). A new language is a new folder, a table row and
//! its name in the configuration, not new code. `zh-CN` is the reference locale: every other locale
//! must have the same messages with the same variables (`netplus check`).

use crate::content::Issue;
use crate::engine::{msg, Arg, Keywords, Line, Reply};
use crate::text::languages::{self, Languages, TableError};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

/// Telegram's limit for a message text, in characters.
pub const MAX_TEXT_CHARS: usize = 4096;

#[derive(Debug, thiserror::Error)]
pub enum L10nError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("locale folder {} has no .ftl files", .0.display())]
    Empty(PathBuf),
    #[error("{0:?} is not a valid language tag")]
    BadTag(String),
    #[error(transparent)]
    Table(#[from] TableError),
    #[error("{}: language {lang} is enabled but has no row in the table", path.display())]
    NoRow { path: PathBuf, lang: String },
    #[error("locales refused ({} problem(s)):\n{}", .0.len(), .0.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Issue>),
}

/// What one message (or term) looks like, for the parity check and the
/// content checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageInfo {
    pub file: PathBuf,
    pub line: usize,
    pub variables: BTreeSet<String>,
    pub references: BTreeSet<String>,
    /// Terms it uses (`{ -service-hall }`), without the dash.
    pub terms: BTreeSet<String>,
    /// The words it writes itself: its text, with every placeable (string and
    /// number literals included) replaced by U+FFFC, so nothing a placeable
    /// holds is taken for written text.
    pub text: String,
}

/// Stands for a placeable in [`MessageInfo::text`].
pub const PLACEABLE: char = '\u{FFFC}';

/// The parsed files of one locale folder.
#[derive(Debug, Default)]
pub struct LocaleSource {
    pub files: Vec<(PathBuf, String)>,
    pub messages: BTreeMap<String, MessageInfo>,
    /// Terms (`-id = …`), keyed without the dash: one word per concept
    /// (`terms.ftl`).
    pub terms: BTreeMap<String, MessageInfo>,
}

/// Reads and parses `dir/<lang>/*.ftl`; syntax errors and duplicate ids are issues.
pub fn read_locale(dir: &Path, lang: &str) -> Result<LocaleSource, L10nError> {
    let folder = dir.join(lang);
    let entries = std::fs::read_dir(&folder).map_err(|source| L10nError::Read {
        path: folder.clone(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(L10nError::Empty(folder));
    }
    let mut src = LocaleSource::default();
    let mut issues = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| L10nError::Read {
            path: path.clone(),
            source,
        })?;
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    issues.push(Issue {
                        file: path.clone(),
                        line: crate::content::line_of(
                            &text,
                            e.slice.as_ref().map_or(e.pos.start, |s| s.start),
                        ),
                        message: format!("Fluent syntax error: {e}"),
                    });
                }
                r
            }
        };
        for entry in &resource.body {
            let (id, name, value, is_term) = match entry {
                ast::Entry::Message(m) => (m.id.name, m.id.name, m.value.as_ref(), false),
                ast::Entry::Term(t) => (t.id.name, t.id.name, Some(&t.value), true),
                _ => continue,
            };
            let offset = name.as_ptr() as usize - text.as_ptr() as usize;
            let mut info = MessageInfo {
                file: path.clone(),
                line: crate::content::line_of(&text, offset),
                ..Default::default()
            };
            if let Some(p) = value {
                walk_pattern(p, &mut info);
            }
            let (map, shown) = if is_term {
                (&mut src.terms, format!("term -{id}"))
            } else {
                (&mut src.messages, format!("message {id}"))
            };
            if let Some(prev) = map.get(id) {
                issues.push(Issue {
                    file: path.clone(),
                    line: info.line,
                    message: format!(
                        "{shown} is defined twice (first at {}:{})",
                        prev.file.display(),
                        prev.line
                    ),
                });
            }
            if value.is_none() {
                issues.push(Issue {
                    file: path.clone(),
                    line: info.line,
                    message: format!("{shown} has no value"),
                });
            }
            map.insert(id.to_string(), info);
        }
        src.files.push((path, text));
    }
    if issues.is_empty() {
        Ok(src)
    } else {
        Err(L10nError::Invalid(issues))
    }
}

fn walk_pattern(p: &ast::Pattern<&str>, info: &mut MessageInfo) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => info.text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                info.text.push(PLACEABLE);
                walk_expression(expression, info);
            }
        }
    }
}

fn walk_expression(e: &ast::Expression<&str>, info: &mut MessageInfo) {
    match e {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, info);
            for v in variants {
                walk_pattern(&v.value, info);
            }
        }
        ast::Expression::Inline(i) => walk_inline(i, info),
    }
}

fn walk_inline(i: &ast::InlineExpression<&str>, info: &mut MessageInfo) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            info.variables.insert(id.name.to_string());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            info.references.insert(id.name.to_string());
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            info.terms.insert(id.name.to_string());
            // A term's arguments are the term's own, not the message's: only
            // what they pass on from the message counts.
            for a in arguments.iter().flat_map(|a| a.positional.iter()) {
                walk_inline(a, info);
            }
            for a in arguments.iter().flat_map(|a| a.named.iter()) {
                walk_inline(&a.value, info);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, info);
            }
            for a in &arguments.named {
                walk_inline(&a.value, info);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, info),
        _ => {}
    }
}

/// A rendered reply: plain text (no parse mode, so no character can break it) and
/// buttons as (label, callback data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub buttons: Vec<Vec<(String, String)>>,
}

struct Locale {
    bundle: FluentBundle<FluentResource>,
    langid: LanguageIdentifier,
}

/// Reads and validates `<dir>/languages.toml`, the language table. A locales
/// folder without one (written before the table existed) gets the shipped
/// table, so such a folder keeps working after an upgrade.
pub fn load_table(dir: &Path) -> Result<Languages, L10nError> {
    let path = dir.join(languages::FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Languages::builtin()),
        Err(source) => return Err(L10nError::Read { path, source }),
    };
    Ok(Languages::parse(&path.display().to_string(), &text)?)
}

/// Every enabled language has a row in the table.
pub fn check_rows(dir: &Path, table: &Languages, langs: &[String]) -> Result<(), L10nError> {
    match langs.iter().find(|l| table.get(l).is_none()) {
        Some(lang) => Err(L10nError::NoRow {
            path: dir.join(languages::FILE),
            lang: lang.clone(),
        }),
        None => Ok(()),
    }
}

/// The loaded, enabled locales.
pub struct L10n {
    langs: Vec<String>,
    table: Languages,
    locales: HashMap<String, Locale>,
    keywords: Keywords,
    /// The variables each message uses, in any enabled language.
    variables: HashMap<String, BTreeSet<String>>,
    /// The catalogue's numbers ([`L10n::set_facts`]), and the messages that use
    /// one of them.
    facts: Vec<(String, Arg)>,
    fact_users: BTreeSet<String>,
}

impl L10n {
    /// Loads the enabled languages (folder names under `dir`), in picker order.
    pub fn load(dir: &Path, langs: &[String]) -> Result<L10n, L10nError> {
        let table = load_table(dir)?;
        check_rows(dir, &table, langs)?;
        let mut locales = HashMap::new();
        let mut keywords = Keywords::default();
        let mut variables: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut issues = Vec::new();
        for lang in langs {
            let langid: LanguageIdentifier =
                lang.parse().map_err(|_| L10nError::BadTag(lang.clone()))?;
            let src = match read_locale(dir, lang) {
                Ok(s) => s,
                Err(L10nError::Invalid(i)) => {
                    issues.extend(i);
                    continue;
                }
                Err(e) => return Err(e),
            };
            let mut bundle = FluentBundle::new_concurrent(vec![langid.clone()]);
            // Fluent's own isolation would wrap every placeable (names, nested
            // messages, staff's verbatim text) in FSI…PDI; `line` isolates only
            // the numbers that reorder, and only in right-to-left languages.
            bundle.set_use_isolating(false);
            for (path, text) in &src.files {
                let res = match FluentResource::try_new(text.clone()) {
                    Ok(r) => r,
                    Err((_, errs)) => {
                        issues.push(Issue {
                            file: path.clone(),
                            line: 1,
                            message: format!("{} Fluent errors", errs.len()),
                        });
                        continue;
                    }
                };
                if let Err(errs) = bundle.add_resource(res) {
                    for e in errs {
                        issues.push(Issue {
                            file: path.clone(),
                            line: 1,
                            message: e.to_string(),
                        });
                    }
                }
            }
            let locale = Locale { bundle, langid };
            for (id, info) in &src.messages {
                variables
                    .entry(id.clone())
                    .or_default()
                    .extend(info.variables.iter().cloned());
                // A label typed as text: anything that formats without
                // arguments (terms and message references do).
                if !info.variables.is_empty() {
                    continue;
                }
                let Some(value) = format(&locale.bundle, id, None) else {
                    continue;
                };
                if let Some(key) = id.strip_prefix("kw-") {
                    for phrase in value.split([',', '\n', '،', '、']) {
                        keywords.add(key, phrase);
                    }
                } else if value.chars().count() <= 40 {
                    keywords.add(id, &value);
                    keywords.add(&format!("{id}@{lang}"), &value);
                }
            }
            locales.insert(lang.clone(), locale);
        }
        if !issues.is_empty() {
            return Err(L10nError::Invalid(issues));
        }
        Ok(L10n {
            langs: langs.to_vec(),
            table,
            locales,
            keywords,
            variables,
            facts: Vec::new(),
            fact_users: BTreeSet::new(),
        })
    }

    /// The catalogue's numbers as variables (`$pkg-village-fee` …, see
    /// [`crate::content::Fact`]), given to every message that uses one
    /// (FAQ answers, package sentences), so no text copies a price. A
    /// message's own arguments come after and win.
    pub fn set_facts(&mut self, facts: Vec<(String, Arg)>) {
        self.fact_users = self
            .variables
            .iter()
            .filter(|(_, vars)| facts.iter().any(|(name, _)| vars.contains(name)))
            .map(|(id, _)| id.clone())
            .collect();
        self.facts = facts;
    }

    pub fn languages(&self) -> &[String] {
        &self.langs
    }

    /// The language table the locales were loaded with.
    pub fn table(&self) -> &Languages {
        &self.table
    }

    pub fn keywords(&self) -> &Keywords {
        &self.keywords
    }

    /// The enabled language that a Telegram `language_code` stands for, if any.
    /// Telegram has no Tibetan or Uyghur app language, so most such users arrive
    /// with `zh-hans`, `en` or nothing: they get the picker.
    pub fn negotiate(&self, code: Option<&str>) -> Option<String> {
        let requested: LanguageIdentifier = code?.parse().ok()?;
        let available: Vec<&LanguageIdentifier> = self
            .langs
            .iter()
            .filter_map(|l| self.locales.get(l))
            .map(|l| &l.langid)
            .collect();
        let found = fluent_langneg::negotiate_languages(
            std::slice::from_ref(&requested),
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        let hit = found.first().map(|l| (**l).clone()).or_else(|| {
            // Any Chinese variant (zh-hant, zh-TW, zh) is greeted in our Chinese.
            available
                .iter()
                .find(|a| a.language == requested.language)
                .map(|a| (*a).clone())
        })?;
        self.langs
            .iter()
            .find(|l| self.locales.get(*l).is_some_and(|x| x.langid == hit))
            .cloned()
    }

    /// The two-letter code Telegram's setMyCommands takes for a locale, if it has one.
    pub fn telegram_code(&self, lang: &str) -> Option<String> {
        self.locales.get(lang)?;
        self.table.get(lang)?.telegram.clone()
    }

    fn locale(&self, lang: &str) -> Option<&Locale> {
        self.locales
            .get(lang)
            .or_else(|| self.langs.first().and_then(|l| self.locales.get(l)))
    }

    /// One message in one language. A missing message (which `netplus check`
    /// prevents) shows its id rather than another language. In a right-to-left
    /// language (the table's `direction`) the dates, times, ranges and prices
    /// in it are isolated so they do not display reversed
    /// ([`crate::text::bidi`]); staff's verbatim text stays exactly as written.
    pub fn line(&self, lang: &str, line: &Line) -> String {
        let text = self.format_line(lang, line);
        let lang = line.lang.as_deref().unwrap_or(lang);
        if line.as_verbatim().is_none() && self.is_rtl(lang) {
            crate::text::bidi::isolate_numbers(&text)
        } else {
            text
        }
    }

    /// True when the table says `lang` is written right to left.
    pub fn is_rtl(&self, lang: &str) -> bool {
        self.table
            .get(lang)
            .is_some_and(|l| l.direction == languages::Direction::Rtl)
    }

    /// [`L10n::line`] before isolation (nested messages are isolated once, with
    /// the whole line).
    fn format_line(&self, lang: &str, line: &Line) -> String {
        let lang = line.lang.as_deref().unwrap_or(lang);
        let Some(locale) = self.locale(lang) else {
            return line.id.clone();
        };
        let mut args = FluentArgs::new();
        if self.fact_users.contains(&line.id) {
            for (name, value) in &self.facts {
                self.set_arg(&mut args, lang, name, value);
            }
        }
        for (name, value) in &line.args {
            self.set_arg(&mut args, lang, name, value);
        }
        match format(&locale.bundle, &line.id, Some(&args)) {
            Some(s) => s,
            None => {
                tracing::error!(id = %line.id, lang, "missing Fluent message");
                line.id.clone()
            }
        }
    }

    fn set_arg<'a>(&self, args: &mut FluentArgs<'a>, lang: &str, name: &'a str, value: &Arg) {
        match value {
            Arg::Text(s) => args.set(name, s.clone()),
            Arg::Num(n) => args.set(name, *n),
            Arg::Line(l) => args.set(name, self.format_line(lang, l)),
            Arg::List(ls) => args.set(name, self.join(lang, ls, msg::LIST_SEP)),
            Arg::Alt(ls) => args.set(name, self.join(lang, ls, msg::LIST_OR)),
        }
    }

    fn join(&self, lang: &str, lines: &[Line], sep_id: &str) -> String {
        let sep = self.format_line(lang, &Line::new(sep_id));
        let parts: Vec<String> = lines.iter().map(|l| self.format_line(lang, l)).collect();
        parts.join(&sep)
    }

    /// The reply as Telegram text and buttons. Button labels carry their number,
    /// which typing also selects.
    pub fn render(&self, lang: &str, reply: &Reply) -> Rendered {
        let mut text = reply
            .lines
            .iter()
            .map(|l| self.line(lang, l))
            .collect::<Vec<_>>()
            .join("\n");
        if text.chars().count() > MAX_TEXT_CHARS {
            tracing::error!(lang, "reply over Telegram's limit, cut");
            text = text.chars().take(MAX_TEXT_CHARS - 1).collect::<String>() + "…";
        }
        let mut n = 0;
        let buttons = reply
            .buttons
            .iter()
            .map(|row| {
                row.iter()
                    .map(|b| {
                        n += 1;
                        (
                            format!("{n}. {}", self.line(lang, &b.label)),
                            b.action.encode(),
                        )
                    })
                    .collect()
            })
            .collect();
        Rendered { text, buttons }
    }

    /// The bot's command list in a language: (command, description).
    pub fn commands(&self, lang: &str) -> Vec<(String, String)> {
        msg::COMMANDS
            .iter()
            .map(|(c, id)| (c.to_string(), self.line(lang, &Line::new(*id))))
            .collect()
    }
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs<'_>>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let s = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(id, ?errors, "Fluent formatting errors");
    }
    Some(s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp_locales(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let table = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/languages.toml");
        std::fs::copy(table, dir.path().join("languages.toml")).unwrap();
        for (lang, text) in files {
            std::fs::create_dir_all(dir.path().join(lang)).unwrap();
            std::fs::write(dir.path().join(lang).join("main.ftl"), text).unwrap();
        }
        dir
    }

    #[test]
    fn an_enabled_language_needs_a_table_row() {
        let dir = tmp_locales(&[("zh-CN", "a = 1\n"), ("kk", "a = 1\n")]);
        match L10n::load(dir.path(), &["zh-CN".into(), "kk".into()]) {
            Err(L10nError::NoRow { lang, .. }) => assert_eq!(lang, "kk"),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("kk has no row but loaded"),
        }
        let l = L10n::load(dir.path(), &["zh-CN".into()]).unwrap();
        assert_eq!(
            l.table().get("ug").map(|r| r.normalizer),
            Some(crate::text::Normalizer::Uyghur)
        );
    }

    #[test]
    fn renders_nested_lists_without_isolation_marks() {
        let dir = tmp_locales(&[(
            "zh-CN",
            "list-sep = 、\nlist-or = 或\na = 甲\nb = 乙\nx = 需要：{ $m }。\n",
        )]);
        let l = L10n::load(dir.path(), &["zh-CN".into()]).unwrap();
        let line = Line::new("x").arg("m", Arg::List(vec![Line::new("a"), Line::new("b")]));
        assert_eq!(l.line("zh-CN", &line), "需要：甲、乙。");
        let alt = Line::new("x").arg("m", Arg::Alt(vec![Line::new("a"), Line::new("b")]));
        assert_eq!(l.line("zh-CN", &alt), "需要：甲或乙。");
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let dir = tmp_locales(&[("zh-CN", "a = 1\nb = { $x\nc = 3\n")]);
        match L10n::load(dir.path(), &["zh-CN".into()]) {
            Err(L10nError::Invalid(issues)) => {
                assert_eq!(issues[0].line, 2, "{issues:?}");
                assert!(issues[0].file.ends_with("zh-CN/main.ftl"));
            }
            other => panic!("expected a syntax error, got {:?}", other.err()),
        }
    }

    #[test]
    fn chinese_variants_negotiate_to_chinese_and_others_to_nothing() {
        let dir = tmp_locales(&[("zh-CN", "a = 1\n"), ("bo", "a = 1\n"), ("ug", "a = 1\n")]);
        let l = L10n::load(dir.path(), &["zh-CN".into(), "bo".into(), "ug".into()]).unwrap();
        for code in ["zh", "zh-hans", "zh-CN", "zh-TW", "zh-hant"] {
            assert_eq!(l.negotiate(Some(code)).as_deref(), Some("zh-CN"), "{code}");
        }
        assert_eq!(l.negotiate(Some("ug")).as_deref(), Some("ug"));
        assert_eq!(l.negotiate(Some("en")), None);
        assert_eq!(l.negotiate(None), None);
        assert_eq!(l.negotiate(Some("not a tag!")), None);
        assert_eq!(l.telegram_code("zh-CN").as_deref(), Some("zh"));
    }

    #[test]
    fn verbatim_text_comes_out_exactly_as_written_in_every_language() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let langs: Vec<String> = ["zh-CN", "bo", "ug"].map(String::from).to_vec();
        let l = L10n::load(&dir, &langs).unwrap();
        let text = "  { $x } *粗* <b>x</b> _a_\n\nئۇيغۇر 10:30 ་ \u{2068}\n";
        for lang in &langs {
            assert_eq!(l.line(lang, &Line::verbatim(text)), text, "{lang}");
        }
    }

    #[test]
    fn uyghur_isolates_dates_times_and_prices_and_ltr_languages_get_no_marks() {
        use crate::text::bidi::{LRI, PDI};
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let langs: Vec<String> = ["zh-CN", "bo", "ug"].map(String::from).to_vec();
        let l = L10n::load(&dir, &langs).unwrap();
        let dates = Line::new(msg::PACKAGE_DATES)
            .text("from", "2026-01-01")
            .text("until", "2029-12-31");
        let hours = Line::new(msg::HUMAN_UNAVAILABLE)
            .text("number", "10086")
            .text("hours", "9:00–17:00");
        let ug = l.line("ug", &dates);
        assert!(ug.contains(&format!("{LRI}2026-01-01{PDI}")), "{ug}");
        assert!(ug.contains(&format!("{LRI}2029-12-31{PDI}")), "{ug}");
        let ug = l.line("ug", &hours);
        assert!(ug.contains(&format!("{LRI}9:00–17:00{PDI}")), "{ug}");
        // The hotline is digits only: it cannot reorder and stays unmarked.
        assert!(
            ug.contains("10086") && !ug.contains(&format!("{LRI}10086")),
            "{ug}"
        );
        // Nested, in a button: the price first, isolated once.
        let price = Line::new(msg::PRICE_MONTH_SHORT).text("amount", "8");
        let button = Line::new(msg::PACKAGE_BUTTON)
            .line("price", price)
            .line("name", Line::new(msg::PRICE_FREE));
        let ug = l.line("ug", &button);
        assert!(ug.starts_with(&format!("{LRI}¥8{PDI}")), "{ug}");
        assert_eq!(ug.matches(LRI).count(), 1, "{ug}");
        for lang in ["zh-CN", "bo"] {
            for line in [&dates, &hours, &button] {
                let text = l.line(lang, line);
                assert!(
                    !text.contains(['\u{2066}', '\u{2068}', '\u{2069}']),
                    "{lang}: {text:?}"
                );
            }
        }
    }
}
