//! Shared folding of user text and FAQ variants before tokenisation.
//!
//! Pipeline of [`normalize`]: NFKC → Uyghur/Arabic letter folding (heh, yeh
//! by position; Persian kaf) → strip invisible controls and tatweel → fold
//! digits ([`crate::text::digits`]) → lowercase → punctuation to spaces →
//! traditional to simplified Chinese. [`super::tokens`] then cuts the result
//! into script-aware tokens with the per-language tokenizers in
//! [`super::lang`].

use unicode_normalization::UnicodeNormalization;

use crate::text::digits::digit_value;
use crate::text::scripts::{
    is_apostrophe, is_arabic_letter, is_han, is_invisible, is_punct, is_tibetan_letter,
};

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
