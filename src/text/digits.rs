//! Digits of every script we serve: ASCII, full-width, Tibetan (U+0F20–0F29),
//! Arabic-Indic (U+0660–0669), Extended Arabic-Indic (U+06F0–06F9), and the
//! Chinese numerals 一 … 十 as a whole typed menu number. Used by the engine
//! (typed menu numbers, masking) and the FAQ (normalisation).

use unicode_normalization::UnicodeNormalization;

use super::scripts::{is_invisible, is_punct};

/// Maps one digit of any supported script to its ASCII digit.
pub fn digit_value(c: char) -> Option<u32> {
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
