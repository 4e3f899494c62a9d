//! Script-aware tokens of normalised text. [`tokens_typed`] cuts the text
//! into runs of one script and hands each run to the tokenizer in `faq::lang`
//! (`han`, `tibetan`, `uyghur`, `words`) that the language table chooses for
//! that script in the document's or question's language ([`Tokenizers`]);
//! numbers become digit strings.
//!
//! Prefix tokens carry a marker so they never collide with a surface token:
//! they end with `…` (U+2026 never survives [`normalize`]).

use super::lang::{han, tibetan, uyghur, words};
use super::normalize::normalize;
use crate::text::scripts::{char_script, Script};
use crate::text::{Languages, Normalizer};

/// The tokenizers one language's text is cut with, from the language table
/// ([`Languages::tokenizer`]). Han and Tibetan runs have one tokenizer each;
/// letters (Arabic script, Latin) have a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tokenizers {
    arabic: Normalizer,
    latin: Normalizer,
}

impl Tokenizers {
    /// What the shipped table gives every one of its languages: Uyghur for
    /// both letter scripts.
    pub(crate) const BUILTIN: Tokenizers = Tokenizers {
        arabic: Normalizer::Uyghur,
        latin: Normalizer::Uyghur,
    };

    pub(crate) fn for_language(table: &Languages, lang: &str) -> Tokenizers {
        Tokenizers {
            arabic: table.tokenizer(lang, Script::Arabic),
            latin: table.tokenizer(lang, Script::Latin),
        }
    }
}

/// Marker appended to prefix tokens.
pub(crate) const PREFIX_MARK: char = '…';

/// What kind of token a [`Token`] is; the index weighs kinds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// A Latin/ULY word (surface form).
    Word,
    /// A stem of a Uyghur word (suffixes stripped).
    Stem,
    /// A fixed-length prefix of a long Uyghur word.
    Prefix,
    /// A digit string.
    Number,
    /// One Chinese character.
    HanUni,
    /// Two adjacent Chinese characters.
    HanBi,
    /// One Tibetan syllable (or its stem).
    TibSyl,
    /// Two adjacent Tibetan syllables.
    TibBi,
}

/// A token with its kind, borrowed from a [`Tokens`] buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub text: &'a str,
    pub kind: Kind,
    /// Tokens derived from the same source word (a Uyghur word with its
    /// stems and prefix, a Tibetan syllable with its stem) share a group.
    pub group: u32,
}

/// The tokens of one text: their characters in one buffer (one allocation
/// instead of one per token).
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    pub(crate) buf: String,
    pub(crate) spans: Vec<(u32, u32, Kind, u32)>,
}

impl Tokens {
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Token<'_>> + '_ {
        self.spans.iter().map(|&(a, b, kind, group)| Token {
            text: &self.buf[a as usize..b as usize],
            kind,
            group,
        })
    }
}

/// Collects tokens; every source word (or Han/Tibetan token) is a group.
pub(crate) struct Sink {
    pub(crate) t: Tokens,
    pub(crate) group: u32,
}

impl Sink {
    pub(crate) fn push_parts(&mut self, parts: &[&str], kind: Kind) {
        let a = self.t.buf.len() as u32;
        for p in parts {
            self.t.buf.push_str(p);
        }
        self.t
            .spans
            .push((a, self.t.buf.len() as u32, kind, self.group));
    }
    pub(crate) fn push(&mut self, text: &str, kind: Kind) {
        self.push_parts(&[text], kind);
    }
    pub(crate) fn push_chars(&mut self, chars: &[char], kind: Kind) {
        let a = self.t.buf.len() as u32;
        self.t.buf.extend(chars);
        self.t
            .spans
            .push((a, self.t.buf.len() as u32, kind, self.group));
    }
    pub(crate) fn next(&mut self) {
        self.group += 1;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RunKind {
    Han,
    Tibetan,
    Arabic,
    /// Latin letters, digits and apostrophes.
    Alnum,
}

fn run_kind(c: char) -> Option<RunKind> {
    if c == '\u{0F0B}' {
        return Some(RunKind::Tibetan);
    }
    match char_script(c) {
        Some(Script::Han) => Some(RunKind::Han),
        Some(Script::Tibetan) => Some(RunKind::Tibetan),
        Some(Script::Arabic) => Some(RunKind::Arabic),
        Some(Script::Latin) => Some(RunKind::Alnum),
        None if c.is_ascii_digit() || c == '\'' => Some(RunKind::Alnum),
        None => None,
    }
}

/// Tokens with their kinds and groups, from raw (not yet normalised) text,
/// cut with the tokenizers of the text's language.
pub(crate) fn tokens_typed(s: &str, tz: Tokenizers) -> Tokens {
    let norm = normalize(s);
    let mut out = Sink {
        t: Tokens {
            buf: String::with_capacity(norm.len() * 3),
            spans: Vec::new(),
        },
        group: 0,
    };
    let chars: Vec<char> = norm.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some(kind) = run_kind(chars[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        while i < chars.len() && run_kind(chars[i]) == Some(kind) {
            i += 1;
        }
        let run = &chars[start..i];
        match kind {
            RunKind::Han => han::push_run(run, &mut out),
            RunKind::Tibetan => tibetan::push_run(&run.iter().collect::<String>(), &mut out),
            RunKind::Arabic => {
                let word: String = run.iter().collect();
                match tz.arabic {
                    Normalizer::Words => words::push_word(&word, &mut out),
                    _ => uyghur::push_word(
                        uyghur::uly_loose(&uyghur::arabic_to_uly(&word)),
                        &mut out,
                    ),
                }
            }
            RunKind::Alnum => {
                let word: String = run.iter().collect();
                let word = word.trim_matches('\'');
                if word.is_empty() {
                    continue;
                }
                if word.chars().all(|c| c.is_ascii_digit()) {
                    out.push(word, Kind::Number);
                    out.next();
                } else if word.chars().any(|c| c.is_ascii_digit()) {
                    // "4g", "20gb": keep as one word, plus the number.
                    let digits: String = word.chars().filter(|c| c.is_ascii_digit()).collect();
                    out.push(&uyghur::uly_loose(word), Kind::Word);
                    out.push(&digits, Kind::Number);
                    out.next();
                } else if tz.latin == Normalizer::Words {
                    words::push_word(word, &mut out);
                } else {
                    uyghur::push_word(uyghur::uly_loose(word), &mut out);
                }
            }
        }
    }
    out.t
}

/// Script-aware tokens of `s` (normalised first with [`normalize`]):
/// Han unigrams and bigrams, Tibetan syllables and syllable bigrams, Uyghur
/// words in loose ULY (from Arabic or Latin script) with stems and
/// 5-letter prefixes (`…` suffix), and numbers: the tokens of the shipped
/// languages.
pub fn tokens(s: &str) -> Vec<String> {
    tokens_typed(s, Tokenizers::BUILTIN)
        .iter()
        .map(|t| t.text.to_string())
        .collect()
}
