//! Text normalisation and tokenisation for Mandarin (Han), Tibetan and Uyghur
//! (Arabic script and Uyghur Latin, ULY).
//!
//! Pipeline of [`normalize`]: NFKC → Uyghur letter folding (heh, yeh by
//! position; Persian kaf) → strip invisible controls and tatweel → fold
//! digits → lowercase → punctuation to spaces → traditional to simplified
//! Chinese. [`tokens`] then cuts the normalised text into script-aware tokens:
//!
//! * Han: character unigrams and bigrams (bigrams never cross a space); a
//!   few function characters (的 了 吗 我 你 …) are not unigrams, and a bigram
//!   of two of them is dropped;
//! * Tibetan: syllables (split at the tsheg U+0F0B) and syllable bigrams, plus
//!   the stem of a syllable carrying a fused particle (འི, འིས, འང, འམ, འོ);
//!   case particles and pronouns (གི ཀྱི ལ ནས ང …) are dropped;
//! * Uyghur, Arabic script: each word transliterated to ULY; Latin words are
//!   taken as ULY. Both are then "loosely" folded (é→e, ö→o, ü→u, apostrophes
//!   dropped, v→w, and a few common alternative spellings) so that a sentence
//!   typed in either script gives the same tokens. Stems (common case,
//!   possessive, plural and verb suffixes stripped, up to two layers) and a
//!   5-letter prefix are added as extra tokens; function words (bu, men,
//!   bilen …) are dropped;
//! * numbers: the digit string.
//!
//! Prefix tokens carry a marker so they never collide with a surface token:
//! they end with `…` (U+2026 never survives [`normalize`]).

use unicode_normalization::UnicodeNormalization;

/// The writing system of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Chinese characters.
    Han,
    /// Tibetan script.
    Tibetan,
    /// Arabic script (Uyghur).
    Arabic,
    /// Latin script (taken as Uyghur Latin, ULY).
    Latin,
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
    buf: String,
    spans: Vec<(u32, u32, Kind, u32)>,
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

// ---------------------------------------------------------------------------
// Digits and numbers
// ---------------------------------------------------------------------------

/// Maps one digit of any supported script to its ASCII digit.
fn digit_value(c: char) -> Option<u32> {
    let cp = c as u32;
    match cp {
        0x30..=0x39 => Some(cp - 0x30),
        0xFF10..=0xFF19 => Some(cp - 0xFF10), // full-width
        0x0F20..=0x0F29 => Some(cp - 0x0F20), // Tibetan
        0x0660..=0x0669 => Some(cp - 0x0660), // Arabic-Indic
        0x06F0..=0x06F9 => Some(cp - 0x06F0), // Extended Arabic-Indic
        _ => None,
    }
}

/// Folds full-width, Tibetan (U+0F20–0F29), Arabic-Indic (U+0660–0669) and
/// Extended Arabic-Indic (U+06F0–06F9) digits to ASCII digits; every other
/// character is kept as it is.
pub fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| match digit_value(c) {
            Some(d) => char::from_digit(d, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Reads a typed menu number: "1", "１", "༡", "١", "۱", "1.", "(1)", "1、",
/// "【2】", or a Chinese numeral 一 … 十 typed as the whole input.
/// Surrounding whitespace and punctuation are ignored; anything else (letters,
/// inner spaces, more than one number) gives `None`, as does overflow.
pub fn parse_number(s: &str) -> Option<u32> {
    let folded = fold_digits(&s.nfkc().collect::<String>());
    let t = folded.trim_matches(|c: char| c.is_whitespace() || is_punct(c) || is_invisible(c));
    if t.is_empty() {
        return None;
    }
    const HAN: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(i) = HAN.iter().position(|&h| h == c) {
            return Some(i as u32 + 1);
        }
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------

/// Invisible format characters that are removed: ZWSP, ZWNJ, ZWJ, LRM, RLM,
/// ALM, bidi embeddings/overrides/isolates, word joiner, BOM, soft hyphen,
/// variation selectors, and the Arabic tatweel.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{0640}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}')
}

/// Apostrophe-like characters, all folded to ASCII `'` (ULY separator).
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}'
    )
}

/// Punctuation and symbols that become spaces. The Tibetan tsheg U+0F0B is
/// not punctuation here: it separates syllables inside a word.
fn is_punct(c: char) -> bool {
    if c.is_ascii_punctuation() {
        return c != '\'';
    }
    let cp = c as u32;
    matches!(cp,
        0x00A1..=0x00BF          // Latin-1 punctuation and symbols (¡ « » ·…)
        | 0x00D7 | 0x00F7        // × ÷
        | 0x2010..=0x2027        // dashes, quotes, bullets, ellipsis
        | 0x2030..=0x205E        // per mille, primes, ‹ › ※ …
        | 0x20A0..=0x20CF        // currency signs
        | 0x2100..=0x2BFF        // letterlike, arrows, math, boxes, shapes, dingbats
        | 0x3000..=0x3003        // ideographic space 、 。 〃
        | 0x3008..=0x3020        // 〈〉《》「」『』【】〔〕 〜 …
        | 0x3030 | 0x303D
        | 0x30FB                 // katakana middle dot
        | 0xFE10..=0xFE1F        // vertical forms
        | 0xFE30..=0xFE6F        // CJK compatibility and small forms
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x060C | 0x060D        // Arabic comma, date separator
        | 0x061B | 0x061E | 0x061F // Arabic semicolon, triple dot, question mark
        | 0x066A..=0x066D        // Arabic percent, decimal/thousands sep, star
        | 0x06D4                 // Arabic full stop
        | 0x06DD | 0x06DE | 0x06E9
        | 0x0F01..=0x0F0A        // Tibetan head marks (༄ ༅ …)
        | 0x0F0D..=0x0F17        // shad and other Tibetan marks (། ༎ ༏ ༔ …)
        | 0x0F1A..=0x0F1F        // Tibetan signs
        | 0x0F34 | 0x0F36 | 0x0F38
        | 0x0F3A..=0x0F3D        // Tibetan brackets
        | 0x0F85                 // paluta
        | 0x0FBE..=0x0FC5 | 0x0FC7..=0x0FCC | 0x0FCE..=0x0FDA
        | 0x1F000..=0x1FAFF      // emoji and pictographs
    )
}

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇'
}

fn is_tibetan_letter(c: char) -> bool {
    // Letters, vowel signs, subjoined letters and combining marks; not the
    // tsheg, digits or punctuation.
    matches!(c as u32,
        0x0F00 | 0x0F18 | 0x0F19 | 0x0F35 | 0x0F37 | 0x0F39 | 0x0F3E..=0x0F84
        | 0x0F86..=0x0FBC | 0x0FC6)
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x063F | 0x0641..=0x065F | 0x066E..=0x06D3 | 0x06D5 | 0x06EE..=0x06FF | 0x0750..=0x077F)
        && digit_value(c).is_none()
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF))
}

/// The script of one character, if it is a letter of a supported script.
pub(crate) fn char_script(c: char) -> Option<Script> {
    if is_han(c) {
        Some(Script::Han)
    } else if is_tibetan_letter(c) {
        Some(Script::Tibetan)
    } else if is_arabic_letter(c) {
        Some(Script::Arabic)
    } else if is_latin_letter(c) {
        Some(Script::Latin)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// normalize
// ---------------------------------------------------------------------------

/// Normalises user text or FAQ variants for matching: NFKC, lowercase, digit
/// folding, punctuation (Chinese, Arabic, Tibetan shad, …) to single spaces,
/// traditional → simplified Chinese, Uyghur letter folding (heh by position,
/// Persian kaf and Farsi yeh, invisible controls and tatweel removed), the
/// non-breaking tsheg to the tsheg, apostrophe-like characters to `'`.
/// Runs of whitespace become one space; the result is trimmed.
pub fn normalize(s: &str) -> String {
    // Folding can expose a new composition (a dropped mark, a lowered letter),
    // so repeat until nothing changes: normalizing twice must change nothing.
    let mut out = normalize_once(s);
    for _ in 0..3 {
        let again = normalize_once(&out);
        if again == out {
            break;
        }
        out = again;
    }
    out
}

fn normalize_once(s: &str) -> String {
    // 1. NFKC: full-width forms, Arabic presentation forms, compatibility chars.
    let nfkc: Vec<char> = match unicode_normalization::is_nfkc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.chars().collect(),
        _ => s.nfkc().collect(),
    };

    // 2. Uyghur letter folding that needs the neighbours (before the
    //    invisible characters are dropped: a ZWNJ after heh marks its final form).
    let mut folded: Vec<char> = Vec::with_capacity(nfkc.len());
    for (i, &c) in nfkc.iter().enumerate() {
        let next = nfkc.get(i + 1).copied();
        // Tatweel and ZWJ force the joining form; ZWNJ breaks it.
        let next_joins = next.is_some_and(|n| {
            (is_arabic_letter(n) && n != '\u{0654}') || n == '\u{0640}' || n == '\u{200D}'
        });
        let mapped = match c {
            // Arabic heh: initial/medial form looks like Uyghur h (ھ), final or
            // isolated form like Uyghur e (ە).
            '\u{0647}' => {
                if next_joins {
                    '\u{06BE}'
                } else {
                    '\u{06D5}'
                }
            }
            // Farsi yeh: dotted when it joins the next letter (y), dotless at
            // the end of a word (i, alef maksura).
            '\u{06CC}' => {
                if next_joins {
                    '\u{064A}'
                } else {
                    '\u{0649}'
                }
            }
            '\u{06A9}' => '\u{0643}', // Persian keheh → kaf
            '\u{0629}' => '\u{06D5}', // teh marbuta looks like ae
            '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => '\u{0627}', // alef variants
            // Alef maksura + combining hamza (not composed by NFC) → ئ.
            '\u{0654}' if folded.last() == Some(&'\u{0649}') => {
                folded.pop();
                '\u{0626}'
            }
            '\u{0F0C}' => '\u{0F0B}', // non-breaking tsheg
            c => c,
        };
        folded.push(mapped);
    }

    // 3. Per-character: controls, digits, case, punctuation, apostrophes.
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in folded {
        // Fast path: letters of the scripts we serve (no case, not punctuation).
        let plain = c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || is_han(c)
            || (is_tibetan_letter(c) || c == '\u{0F0B}')
            || (is_arabic_letter(c) && c != '\u{0654}');
        if !plain && (is_invisible(c) || c == '\u{0654}') {
            continue;
        }
        let c = match digit_value(c) {
            Some(d) if !plain => char::from_digit(d, 10).unwrap_or(c),
            _ => c,
        };
        if !plain && !is_apostrophe(c) && (c.is_whitespace() || is_punct(c) || c.is_control()) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if plain {
            out.push(c);
        } else if is_apostrophe(c) {
            out.push('\'');
        } else if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }

    // 4. Traditional → simplified Chinese (only when there is Han text).
    let out = if out.chars().any(is_han) {
        fast2s::convert(&out)
    } else {
        out
    };
    // 5. Dropping invisible characters and lower-casing can leave combining
    //    marks out of canonical order: put them back, so that normalizing twice
    //    changes nothing.
    match unicode_normalization::is_nfc_quick(out.chars()) {
        unicode_normalization::IsNormalized::Yes => out,
        _ => out.nfc().collect(),
    }
}

// ---------------------------------------------------------------------------
// Script detection
// ---------------------------------------------------------------------------

/// The majority script among the letters of `s` (digits, punctuation and
/// symbols do not count), or `None` when there are no letters. Ties prefer
/// Han, then Tibetan, then Arabic, then Latin.
pub fn detect_script(s: &str) -> Option<Script> {
    let mut counts = [0usize; 4];
    for c in s.chars() {
        match char_script(c) {
            Some(Script::Han) => counts[0] += 1,
            Some(Script::Tibetan) => counts[1] += 1,
            Some(Script::Arabic) => counts[2] += 1,
            Some(Script::Latin) => counts[3] += 1,
            None => {}
        }
    }
    // A Han character carries about as much as two or three Latin letters;
    // weigh it so that "SIM卡丢了" counts as Chinese.
    counts[0] *= 3;
    let scripts = [Script::Han, Script::Tibetan, Script::Arabic, Script::Latin];
    let mut best: Option<(usize, Script)> = None;
    for (n, sc) in counts.into_iter().zip(scripts) {
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, sc));
        }
    }
    best.map(|(_, sc)| sc)
}

/// The bot language a script belongs to.
pub fn script_lang(script: Script) -> &'static str {
    match script {
        Script::Han => "zh-CN",
        Script::Tibetan => "bo",
        Script::Arabic | Script::Latin => "ug",
    }
}

/// Guesses the language of a user message from its script: "zh-CN", "bo" or
/// "ug" (Latin counts as Uyghur Latin, the only Latin-script language we
/// support). `None` when the text has no letters.
pub fn guess_lang(s: &str) -> Option<&'static str> {
    detect_script(s).map(script_lang)
}

// ---------------------------------------------------------------------------
// Uyghur: Arabic script → ULY, loose folding, stemming
// ---------------------------------------------------------------------------

fn is_uly_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'é' | 'i' | 'o' | 'ö' | 'u' | 'ü')
}

/// Transliterates one Arabic-script Uyghur word (already normalised) to ULY.
/// The hamza carrier ئ is dropped at the start of a word and becomes an
/// apostrophe between vowels.
pub fn arabic_to_uly(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let s: &str = match c {
            '\u{0627}' => "a",
            '\u{06D5}' => "e",
            '\u{0628}' => "b",
            '\u{067E}' => "p",
            '\u{062A}' | '\u{0637}' => "t",
            '\u{062C}' => "j",
            '\u{0686}' => "ch",
            '\u{062E}' => "x",
            '\u{062D}' | '\u{06BE}' | '\u{0647}' => "h",
            '\u{062F}' => "d",
            '\u{0631}' => "r",
            '\u{0632}' | '\u{0630}' | '\u{0636}' | '\u{0638}' => "z",
            '\u{0698}' => "zh",
            '\u{0633}' | '\u{062B}' | '\u{0635}' => "s",
            '\u{0634}' => "sh",
            '\u{063A}' => "gh",
            '\u{0641}' => "f",
            '\u{0642}' => "q",
            '\u{0643}' | '\u{06A9}' => "k",
            '\u{06AF}' => "g",
            '\u{06AD}' => "ng",
            '\u{0644}' => "l",
            '\u{0645}' => "m",
            '\u{0646}' => "n",
            '\u{0648}' => "o",
            '\u{06C7}' | '\u{0624}' => "u",
            '\u{06C6}' => "ö",
            '\u{06C8}' => "ü",
            '\u{06CB}' | '\u{06CF}' => "w",
            '\u{06D0}' => "é",
            '\u{0649}' => "i",
            '\u{064A}' | '\u{06CC}' => "y",
            '\u{0626}' => {
                if out.chars().last().is_some_and(is_uly_vowel) {
                    "'"
                } else {
                    ""
                }
            }
            // Arabic ain, hamza, harakat: silent for matching.
            '\u{0639}' | '\u{0621}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => "",
            c if is_arabic_letter(c) => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

/// Loose ULY folding used for Uyghur tokens from both scripts: diacritics
/// dropped (é→e, ö→o, ü→u), apostrophes removed, v→w, and the letters of the
/// other Latin orthographies people type (ə→e, ş→sh, ç→ch, ğ/ƣ→gh, ñ/ŋ→ng,
/// ı→i).
pub fn uly_loose(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'é' | 'è' | 'ê' | 'ë' | 'ə' | 'ä' => out.push('e'),
            'ö' | 'ó' | 'ò' | 'ô' | 'ø' => out.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' => out.push('i'),
            'á' | 'à' | 'â' => out.push('a'),
            'v' => out.push('w'),
            'ş' | 'š' => out.push_str("sh"),
            'ç' | 'č' => out.push_str("ch"),
            'ğ' | 'ƣ' => out.push_str("gh"),
            'ñ' | 'ŋ' => out.push_str("ng"),
            'ž' => out.push_str("zh"),
            '\'' => {}
            c => out.push(c),
        }
    }
    out
}

/// Common Uyghur suffixes (loose ULY: é→e, ö→o, ü→u), by group. Stripping
/// is tried for each; see [`uyghur_stems`].
const UG_SUFFIXES: &[&str] = &[
    // possessive (+ case)
    "ingizning",
    "ingizni",
    "ingizge",
    "ingizde",
    "ingizdin",
    "imizning",
    "imizni",
    "imizge",
    "imizde",
    "imizdin",
    "imning",
    "imni",
    "imge",
    "imde",
    "imdin",
    "ining",
    "ini",
    "ige",
    "ide",
    "idin",
    "idiki",
    "ingiz",
    "ngiz",
    "imiz",
    "liri",
    "lirini",
    // plural (+ case)
    "larning",
    "lerning",
    "larni",
    "lerni",
    "largha",
    "lerge",
    "larda",
    "lerde",
    "lardin",
    "lerdin",
    "lar",
    "ler",
    // case endings
    "diki",
    "tiki",
    "ning",
    "ghiche",
    "giche",
    "qiche",
    "kiche",
    "gha",
    "qa",
    "ge",
    "ke",
    "din",
    "tin",
    "da",
    "de",
    "ta",
    "te",
    "ni",
    "dek",
    "tek",
    "che",
    // intention, present/future, ability, negation
    "maqchimen",
    "mekchimen",
    "maqchi",
    "mekchi",
    "imen",
    "ymen",
    "aymen",
    "eymen",
    "isiz",
    "ysiz",
    "idu",
    "ydu",
    "aydu",
    "eydu",
    "alaymen",
    "eleymen",
    "alaydu",
    "eleydu",
    "alamdu",
    "elemdu",
    "alamdimen",
    "elemdimen",
    "alamsiler",
    "elemsiler",
    "lamdu",
    "lemdu",
    "amdu",
    "emdu",
    "maymen",
    "meymen",
    "maydu",
    "meydu",
    "ghili",
    "gili",
    "qili",
    "kili",
    "iwatimen",
    "iwatidu",
    "watimen",
    "watidu",
    // past, participles, conditional, converbs
    "dim",
    "tim",
    "dum",
    "tum",
    "duq",
    "tuq",
    "diq",
    "tiq",
    "di",
    "ti",
    "ghan",
    "gen",
    "qan",
    "ken",
    "idighan",
    "ydighan",
    "sam",
    "sem",
    "sang",
    "seng",
    "singiz",
    "sa",
    "se",
    "ip",
    "up",
    // voice: causative, passive
    "quz",
    "ghuz",
    "guz",
    "kuz",
    "dur",
    "tur",
    "il",
    "ul",
    // verbal nouns, question particles, possessive singular
    "maq",
    "mek",
    "ish",
    "ush",
    "mu",
    "du",
    "chu",
    "si",
    "im",
    "um",
    "ing",
    "i",
];

/// Stems of a loose-ULY word: every way of stripping one common suffix, and
/// one more suffix from each of those, keeping stems of at least three
/// letters (four for the one-letter suffix "i"). Longest stems first; at most
/// [`MAX_STEMS`].
pub fn uyghur_stems(word: &str) -> Vec<String> {
    fn strips(word: &str) -> impl Iterator<Item = &str> + '_ {
        let n = word.chars().count();
        let last = word.as_bytes().last().copied().unwrap_or(0);
        suffixes_ending_in(last).iter().filter_map(move |suf| {
            let stem = word.strip_suffix(suf)?;
            // Suffixes are ASCII: one byte per letter.
            let min = if suf.len() == 1 { 4 } else { 3 };
            (n - suf.len() >= min).then_some(stem)
        })
    }
    let mut found: Vec<&str> = Vec::new();
    for st in strips(word) {
        if !found.contains(&st) {
            found.push(st);
        }
    }
    for i in 0..found.len() {
        for st2 in strips(found[i]) {
            if !found.contains(&st2) {
                found.push(st2);
            }
        }
    }
    found.sort_by_key(|s| std::cmp::Reverse(s.len()));
    found.truncate(MAX_STEMS);
    found.into_iter().map(str::to_string).collect()
}

/// [`UG_SUFFIXES`] grouped by their last byte (they are ASCII).
fn suffixes_ending_in(last: u8) -> &'static [&'static str] {
    static TABLE: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: Vec<Vec<&'static str>> = vec![Vec::new(); 128];
        for suf in UG_SUFFIXES {
            if let Some(&b) = suf.as_bytes().last() {
                t[usize::from(b & 0x7F)].push(suf);
            }
        }
        t
    });
    if last.is_ascii() {
        &table[usize::from(last)]
    } else {
        &[]
    }
}

/// Most stems added for one Uyghur word.
pub const MAX_STEMS: usize = 8;

/// Length (in letters) of the prefix token added for long Uyghur words.
const UG_PREFIX_LEN: usize = 5;

/// Collects tokens; every source word (or Han/Tibetan token) is a group.
struct Sink {
    t: Tokens,
    group: u32,
}

impl Sink {
    fn push_parts(&mut self, parts: &[&str], kind: Kind) {
        let a = self.t.buf.len() as u32;
        for p in parts {
            self.t.buf.push_str(p);
        }
        self.t
            .spans
            .push((a, self.t.buf.len() as u32, kind, self.group));
    }
    fn push(&mut self, text: &str, kind: Kind) {
        self.push_parts(&[text], kind);
    }
    fn push_chars(&mut self, chars: &[char], kind: Kind) {
        let a = self.t.buf.len() as u32;
        self.t.buf.extend(chars);
        self.t
            .spans
            .push((a, self.t.buf.len() as u32, kind, self.group));
    }
    fn next(&mut self) {
        self.group += 1;
    }
}

/// Uyghur function words (loose ULY) that carry no topic: pronouns,
/// demonstratives, conjunctions, postpositions, the auxiliary "idi".
fn ug_stop(w: &str) -> bool {
    matches!(
        w,
        "bu" | "shu"
            | "u"
            | "men"
            | "sen"
            | "siz"
            | "biz"
            | "ular"
            | "manga"
            | "sanga"
            | "mening"
            | "meni"
            | "bizning"
            | "sizning"
            | "we"
            | "hem"
            | "yaki"
            | "bilen"
            | "uchun"
            | "bir"
            | "mu"
            | "idi"
            | "idim"
    )
}

/// Tibetan case particles, conjunctions and personal pronouns (syllables).
fn bo_stop(s: &str) -> bool {
    matches!(
        s,
        "གི" | "ཀྱི"
            | "གྱི"
            | "ཡི"
            | "འི"
            | "གིས"
            | "ཀྱིས"
            | "གྱིས"
            | "ཡིས"
            | "ལ"
            | "ནས"
            | "དུ"
            | "ཏུ"
            | "སུ"
            | "རུ"
            | "ཀྱང"
            | "ཡང"
            | "འང"
            | "དང"
            | "ནི"
            | "ཏེ"
            | "སྟེ"
            | "ང"
            | "ངའི"
            | "ངས"
            | "ཁྱེད"
            | "ཁྱོད"
    )
}

/// Chinese function characters (particles, pronouns, measure word 个).
fn zh_stop(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '吗'
            | '呢'
            | '吧'
            | '啊'
            | '呀'
            | '嘛'
            | '哦'
            | '我'
            | '你'
            | '您'
            | '他'
            | '她'
            | '它'
            | '们'
            | '是'
            | '这'
            | '那'
            | '个'
            | '就'
            | '也'
            | '和'
            | '请'
            | '问'
            | '一'
            | '下'
    )
}

fn push_uyghur_word(loose: String, out: &mut Sink) {
    if loose.is_empty() || ug_stop(&loose) {
        return;
    }
    out.push(&loose, Kind::Word);
    for st in uyghur_stems(&loose) {
        out.push(&st, Kind::Stem);
    }
    if let Some((i, _)) = loose.char_indices().nth(UG_PREFIX_LEN) {
        let mut mark = [0u8; 4];
        out.push_parts(
            &[&loose[..i], PREFIX_MARK.encode_utf8(&mut mark)],
            Kind::Prefix,
        );
    }
    out.next();
}

// ---------------------------------------------------------------------------
// Tibetan
// ---------------------------------------------------------------------------

/// Fused particles written on the syllable (genitive འི, ergative འིས,
/// concessive འང, question/disjunctive འམ, final འོ).
const BO_FUSED: &[&str] = &["འིས", "འི", "འང", "འམ", "འོ"];

fn push_tibetan_run(run: &str, out: &mut Sink) {
    let syls: Vec<&str> = run.split('\u{0F0B}').filter(|s| !s.is_empty()).collect();
    let stop = bo_stop;
    for (i, s) in syls.iter().enumerate() {
        if stop(s) {
            continue;
        }
        out.push(s, Kind::TibSyl);
        for f in BO_FUSED {
            if let Some(stem) = s.strip_suffix(f) {
                if !stem.is_empty() {
                    out.push(stem, Kind::TibSyl);
                }
                break;
            }
        }
        out.next();
        if let Some(next) = syls.get(i + 1).filter(|n| !stop(n)) {
            out.push_parts(&[s, "\u{0F0B}", next], Kind::TibBi);
            out.next();
        }
    }
}

fn push_han_run(run: &[char], out: &mut Sink) {
    let stop = zh_stop;
    for (i, &c) in run.iter().enumerate() {
        if !stop(c) {
            out.push_chars(&run[i..=i], Kind::HanUni);
            out.next();
        }
        if let Some(&d) = run.get(i + 1).filter(|&&d| !(stop(c) && stop(d))) {
            out.push_chars(&[c, d], Kind::HanBi);
            out.next();
        }
    }
}

// ---------------------------------------------------------------------------
// tokens
// ---------------------------------------------------------------------------

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

/// Tokens with their kinds and groups, from raw (not yet normalised) text.
pub(crate) fn tokens_typed(s: &str) -> Tokens {
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
            RunKind::Han => push_han_run(run, &mut out),
            RunKind::Tibetan => push_tibetan_run(&run.iter().collect::<String>(), &mut out),
            RunKind::Arabic => {
                let word: String = run.iter().collect();
                push_uyghur_word(uly_loose(&arabic_to_uly(&word)), &mut out);
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
                    out.push(&uly_loose(word), Kind::Word);
                    out.push(&digits, Kind::Number);
                    out.next();
                } else {
                    push_uyghur_word(uly_loose(word), &mut out);
                }
            }
        }
    }
    out.t
}

/// Script-aware tokens of `s` (normalised first with [`normalize`]):
/// Han unigrams and bigrams, Tibetan syllables and syllable bigrams, Uyghur
/// words in loose ULY (from Arabic or Latin script) with stems and
/// 5-letter prefixes (`…` suffix), and numbers.
pub fn tokens(s: &str) -> Vec<String> {
    tokens_typed(s).iter().map(|t| t.text.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(toks: &[String], t: &str) -> bool {
        toks.iter().any(|x| x == t)
    }

    // ---- digits ----------------------------------------------------------

    #[test]
    fn fold_digits_all_scripts() {
        assert_eq!(fold_digits("１２３"), "123"); // full-width
        assert_eq!(fold_digits("༡༠༠༨༦"), "10086"); // Tibetan
        assert_eq!(fold_digits("١٠٠٨٦"), "10086"); // Arabic-Indic
        assert_eq!(fold_digits("۱۰۰۸۶"), "10086"); // Extended Arabic-Indic
        assert_eq!(fold_digits("ཁ་པར་༡༠༠༨༦"), "ཁ་པར་10086");
        assert_eq!(fold_digits("تېلېفون ١٠٠٨٦"), "تېلېفون 10086");
        assert_eq!(fold_digits("拨打１００８６"), "拨打10086");
    }

    #[test]
    fn parse_number_menu_inputs() {
        for s in [
            "1", "１", "༡", "١", "۱", " 1 ", "1.", "(1)", "（1）", "1、", "【1】", "一", "#1",
        ] {
            assert_eq!(parse_number(s), Some(1), "{s:?}");
        }
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("１２"), Some(12));
        assert_eq!(parse_number("༢༥"), Some(25));
        assert_eq!(parse_number("۳۰"), Some(30));
        for s in [
            "",
            "  ",
            "a1",
            "1 2",
            "一二",
            "第一",
            "99999999999",
            "ཀ",
            "بىر",
        ] {
            assert_eq!(parse_number(s), None, "{s:?}");
        }
    }

    // ---- NFKC, case, punctuation ----------------------------------------

    #[test]
    fn nfkc_full_width_and_case() {
        assert_eq!(normalize("ＳＩＭ卡"), "sim卡");
        assert_eq!(normalize("４Ｇ手机"), "4g手机");
        assert_eq!(normalize("WiFi"), "wifi");
        assert_eq!(normalize("ＴＥＬＥＦＯＮ"), "telefon");
    }

    #[test]
    fn chinese_punctuation_to_spaces() {
        assert_eq!(normalize("你好！宽带多少钱？"), "你好 宽带多少钱");
        assert_eq!(
            normalize("【低价手机】「199元」《通知》：好；（一）…"),
            "低价手机 199元 通知 好 一"
        );
        assert_eq!(normalize("余额、流量。"), "余额 流量");
    }

    #[test]
    fn traditional_to_simplified() {
        assert_eq!(normalize("寬帶費用是多少"), "宽带费用是多少");
        assert_eq!(normalize("手機卡丟了怎麼辦"), "手机卡丢了怎么办");
        assert_eq!(normalize("網路訊號"), "网路讯号");
        assert_eq!(normalize("營業廳幾點開門"), "营业厅几点开门");
    }

    // ---- Uyghur -------------------------------------------------------------

    #[test]
    fn uyghur_presentation_forms_fold() {
        // "يانفون" written with presentation forms (isolated/initial/medial/final).
        let pres = "\u{FEF1}\u{FE8E}\u{FEE7}\u{FED3}\u{FEEE}\u{FEE5}";
        assert_eq!(normalize(pres), "يانفون");
        // Uyghur-specific forms: ۇ ۈ ې ڭ ھ
        assert_eq!(
            normalize("\u{FBD7}\u{FBDB}\u{FBE4}\u{FBD3}\u{FBAA}"),
            "\u{06C7}\u{06C8}\u{06D0}\u{06AD}\u{06BE}"
        );
    }

    #[test]
    fn uyghur_heh_by_position() {
        // Arabic heh at the start of a word → ھ (h); at the end → ە (e).
        assert_eq!(normalize("هەقسىز"), "ھەقسىز");
        assert_eq!(normalize("كەلمه"), "كەلمە");
        // heh + ZWNJ shows its final form: ە, and the ZWNJ goes.
        assert_eq!(normalize("به\u{200C}ك"), "بەك");
        // medial heh (joining both sides) → ھ
        assert_eq!(normalize("مەھسۇلات").chars().nth(2), Some('\u{06BE}'));
        assert_eq!(normalize("مەهسۇلات"), "مەھسۇلات");
    }

    #[test]
    fn uyghur_kaf_yeh_controls_tatweel() {
        assert_eq!(normalize("کىملىک"), "كىملىك"); // Persian keheh
                                                   // Farsi yeh: joining → ي (y), final → ى (i)
        assert_eq!(normalize("\u{06CC}انفون"), "يانفون");
        assert_eq!(normalize("بوغچ\u{06CC}"), "بوغچى");
        // ZWNJ, ZWJ, LRM, RLM, isolates, embeddings, tatweel
        assert_eq!(
            normalize("\u{2067}يان\u{200D}فـــون\u{200F}\u{2069} \u{200E}\u{202B}10086\u{202C}"),
            "يانفون 10086"
        );
        assert_eq!(normalize("ئىلتىماس\u{200C}"), "ئىلتىماس");
        // Arabic question mark, comma and full stop are punctuation.
        assert_eq!(
            normalize("قانچە پۇل؟ ئايدا، ھەر ئاي۔"),
            "قانچە پۇل ئايدا ھەر ئاي"
        );
    }

    #[test]
    fn uly_transliteration() {
        assert_eq!(arabic_to_uly("يانفون"), "yanfon");
        assert_eq!(arabic_to_uly("ئۇيغۇرچە"), "uyghurche");
        assert_eq!(arabic_to_uly("تېلېفون"), "téléfon");
        assert_eq!(arabic_to_uly("مەسئۇل"), "mes'ul".replace('\'', "")); // consonant before ئ
        assert_eq!(arabic_to_uly("جەمئىيەت"), "jemiyet");
        assert_eq!(arabic_to_uly("سائەت"), "sa'et");
        assert_eq!(arabic_to_uly("كۆڭۈل"), "köngül");
        assert_eq!(arabic_to_uly("ژۇرنال"), "zhurnal");
    }

    #[test]
    fn arabic_and_uly_sentences_give_same_tokens() {
        let pairs = [
            (
                "يانفون بوغچىسىنى قانداق ئالماشتۇرىمەن؟",
                "Yanfon boghchisini qandaq almashturimen?",
            ),
            ("تېلېفون كارتام يوقاپ كەتتى", "téléfon kartam yoqap ketti"),
            ("ئونئىككى يۈەن", "on'ikki yüen"),
            ("ئۆيدە كەڭ بەلباغ تور بارمۇ", "öyde keng belbagh tor barmu"),
            ("مۇلازىمەت زالى نەدە؟", "mulazimet zali nede?"),
        ];
        for (ar, la) in pairs {
            assert_eq!(tokens(ar), tokens(la), "{ar} / {la}");
        }
        // Loose folding: missing diacritics and a missing apostrophe still match.
        assert_eq!(tokens("téléfon"), tokens("telefon"));
        assert_eq!(tokens("on'ikki"), tokens("onikki"));
        assert_eq!(tokens("yüen"), tokens("yuen"));
    }

    #[test]
    fn uyghur_stemming() {
        let t = tokens("بوغچىنى");
        assert!(has(&t, "boghchini"));
        assert!(has(&t, "boghchi"), "{t:?}");
        let t = tokens("kimlikimni");
        assert!(has(&t, "kimlik"), "{t:?}");
        let t = tokens("مۇلازىمەت زالىدا");
        assert!(has(&t, "zali"), "{t:?}");
        assert!(has(&t, "mulaz…"), "{t:?}");
        // Short words are not over-stemmed.
        assert_eq!(tokens("tor"), vec!["tor"]);
        assert!(uyghur_stems("pul").is_empty());
        let st = uyghur_stems("boghchisini");
        assert!(
            st.contains(&"boghchisi".to_string()) && st.contains(&"boghchi".to_string()),
            "{st:?}"
        );
    }

    // ---- Tibetan ------------------------------------------------------------

    #[test]
    fn tibetan_tsheg_and_shad() {
        assert_eq!(normalize("ཁ་པར་ཤོག་བྱང་ཤོར་སོང་། "), "ཁ་པར་ཤོག་བྱང་ཤོར་སོང་");
        assert_eq!(normalize("༄༅། །ཁ་པར།།"), "ཁ་པར");
        assert_eq!(normalize("ཁ་པར༌ཡོད"), "ཁ་པར་ཡོད"); // non-breaking tsheg
        let t = tokens("ཁ་པར་ཤོག་བྱང་། ཤོར་སོང་།");
        for s in ["ཁ", "པར", "ཤོག", "བྱང", "ཤོར", "སོང", "ཁ་པར", "ཤོག་བྱང", "ཤོར་སོང"]
        {
            assert!(has(&t, s), "{s} in {t:?}");
        }
        // No bigram across the shad.
        assert!(!has(&t, "བྱང་ཤོར"));
        // Fused genitive: ཁ་པའི → also པ
        let t = tokens("ཁ་པའི་གླ་ཆ");
        assert!(has(&t, "པའི") && has(&t, "པ"), "{t:?}");
    }

    #[test]
    fn tibetan_digits_in_text() {
        let t = tokens("༡༠༠༨༦ ལ་ཁ་པར་གཏོང་");
        assert!(has(&t, "10086"), "{t:?}");
    }

    // ---- Chinese --------------------------------------------------------------

    #[test]
    fn han_unigrams_and_bigrams() {
        let t = tokens("宽带 多少钱");
        for s in ["宽", "带", "宽带", "多", "少", "钱", "多少", "少钱"] {
            assert!(has(&t, s), "{s} in {t:?}");
        }
        assert!(!has(&t, "带多"), "no bigram across a space");
        let t = tokens("４Ｇ手機");
        assert!(has(&t, "4g") && has(&t, "4") && has(&t, "手机"), "{t:?}");
        assert_eq!(tokens("寬帶"), tokens("宽带"));
    }

    #[test]
    fn normalize_is_idempotent() {
        for s in [
            "你好！寬帶多少錢？ＳＩＭ卡",
            "ཁ་པར་ཤོག་བྱང་། ༡༠༠༨༦",
            "\u{2067}کۆزی ئاجىز؟ به\u{200C}ك هەقسىز\u{2069}",
            "On'ikki YÜEN, téléfon!",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s}");
        }
    }

    // ---- detection ------------------------------------------------------------

    #[test]
    fn script_and_language_detection() {
        assert_eq!(detect_script("宽带多少钱"), Some(Script::Han));
        assert_eq!(detect_script("SIM卡丢了"), Some(Script::Han));
        assert_eq!(detect_script("ཁ་པར་ཤོག་བྱང་"), Some(Script::Tibetan));
        assert_eq!(detect_script("SIM كارتام يوقالدى"), Some(Script::Arabic));
        assert_eq!(detect_script("kartam yoqaldi"), Some(Script::Latin));
        assert_eq!(detect_script("10086 ١٢"), None);
        assert_eq!(guess_lang("寬帶"), Some("zh-CN"));
        assert_eq!(guess_lang("བོད་ཡིག"), Some("bo"));
        assert_eq!(guess_lang("ئۇيغۇرچە"), Some("ug"));
        assert_eq!(guess_lang("uyghurche"), Some("ug"));
        assert_eq!(guess_lang("？！"), None);
    }
}
