//! Scripts: which writing system a character or a string is in, and the
//! character classes the normalisers share (invisible controls, punctuation,
//! apostrophes, letters of each script).

use super::digits::digit_value;

/// The writing system of a piece of text. Which language a script means is
/// not decided here: that is the language table (`locales/languages.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Chinese characters.
    Han,
    /// Tibetan script.
    Tibetan,
    /// Arabic script (Uyghur, Kazakh in China, …).
    Arabic,
    /// Latin script (e.g. Uyghur Latin, ULY).
    Latin,
}

/// Invisible format characters that are removed: ZWSP, ZWNJ, ZWJ, LRM, RLM,
/// ALM, bidi embeddings/overrides/isolates, word joiner, BOM, soft hyphen,
/// variation selectors, and the Arabic tatweel.
pub(crate) fn is_invisible(c: char) -> bool {
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
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}'
    )
}

/// Punctuation and symbols that become spaces. The Tibetan tsheg U+0F0B is
/// not punctuation here: it separates syllables inside a word.
pub(crate) fn is_punct(c: char) -> bool {
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

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇'
}

pub(crate) fn is_tibetan_letter(c: char) -> bool {
    // Letters, vowel signs, subjoined letters and combining marks; not the
    // tsheg, digits or punctuation.
    matches!(c as u32,
        0x0F00 | 0x0F18 | 0x0F19 | 0x0F35 | 0x0F37 | 0x0F39 | 0x0F3E..=0x0F84
        | 0x0F86..=0x0FBC | 0x0FC6)
}

pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x063F | 0x0641..=0x065F | 0x066E..=0x06D3 | 0x06D5 | 0x06EE..=0x06FF | 0x0750..=0x077F)
        && digit_value(c).is_none()
}

pub(crate) fn is_latin_letter(c: char) -> bool {
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

/// True for a message of emoji and pictographs only (👍, 🙏🙏, ❤️, 👌🏽), with
/// at least one: small talk, not a question.
pub fn only_emoji(s: &str) -> bool {
    let pictograph = |c: char| {
        matches!(c as u32,
            0x1F300..=0x1FAFF // pictographs, emoticons, gestures, skin tones
            | 0x2600..=0x27BF // miscellaneous symbols, dingbats (☺ ✌ ❤)
            | 0x2B50 | 0x2B55 // ⭐ ⭕
        )
    };
    let joiner = |c: char| matches!(c, '\u{FE0F}' | '\u{FE0E}' | '\u{200D}' | '\u{20E3}');
    s.chars().any(pictograph)
        && s.chars()
            .all(|c| pictograph(c) || joiner(c) || c.is_whitespace())
}

/// The weight of each script among the letters of `s` (digits, punctuation
/// and symbols do not count). A Han character carries about as much as two or
/// three Latin letters, so it weighs 3: "SIM卡丢了" is mostly Chinese.
pub fn script_weights(s: &str) -> [(Script, usize); 4] {
    let mut w = [
        (Script::Han, 0),
        (Script::Tibetan, 0),
        (Script::Arabic, 0),
        (Script::Latin, 0),
    ];
    for c in s.chars() {
        match char_script(c) {
            Some(Script::Han) => w[0].1 += 3,
            Some(Script::Tibetan) => w[1].1 += 1,
            Some(Script::Arabic) => w[2].1 += 1,
            Some(Script::Latin) => w[3].1 += 1,
            None => {}
        }
    }
    w
}

/// The majority script among the letters of `s` (by [`script_weights`]), or
/// `None` when there are no letters. Ties prefer Han, then Tibetan, then
/// Arabic, then Latin.
pub fn detect_script(s: &str) -> Option<Script> {
    let mut best: Option<(usize, Script)> = None;
    for (sc, n) in script_weights(s) {
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, sc));
        }
    }
    best.map(|(_, sc)| sc)
}
