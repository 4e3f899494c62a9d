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
/// A number typed with a few words around it, as people answer "how old are
/// you?": "68", "68岁", "ལོ་༦༨", "٦٨ ياش", "六十八", "六十八岁". Exactly one number
/// (digits of any script, or Chinese numerals up to 九百九十九) and at most
/// eight other letters; anything longer is a sentence, not an answer.
pub fn parse_amount(s: &str) -> Option<u32> {
    let folded = fold_digits(&s.nfkc().collect::<String>());
    let chars: Vec<char> = folded.chars().collect();
    let is_han = |c: char| HAN_DIGITS.contains(&c) || matches!(c, '十' | '百' | '零' | '两');
    let runs = |f: &dyn Fn(char) -> bool| {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if f(chars[i]) {
                let start = i;
                while i < chars.len() && f(chars[i]) {
                    i += 1;
                }
                out.push((start, i));
            } else {
                i += 1;
            }
        }
        out
    };
    let ascii = runs(&|c: char| c.is_ascii_digit());
    let han = runs(&is_han);
    let (run, value) = match (ascii.as_slice(), han.as_slice()) {
        ([r], []) => {
            let t: String = chars[r.0..r.1].iter().collect();
            (*r, t.parse().ok()?)
        }
        ([], [r]) => (*r, han_number(&chars[r.0..r.1])?),
        _ => return None,
    };
    let rest = chars[..run.0]
        .iter()
        .chain(&chars[run.1..])
        .filter(|&&c| !(c.is_whitespace() || is_punct(c) || is_invisible(c)))
        .count();
    (rest <= 8).then_some(value)
}

const HAN_DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 一 … 九百九十九 (with 零 and 两): "六十八" → 68, "十五" → 15, "一百零二" → 102.
fn han_number(cs: &[char]) -> Option<u32> {
    let digit = |c: char| match c {
        '零' => Some(0),
        '两' => Some(2),
        _ => HAN_DIGITS
            .iter()
            .position(|&h| h == c)
            .map(|i| i as u32 + 1),
    };
    let (mut total, mut pending) = (0u32, None::<u32>);
    for &c in cs {
        match c {
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            '零' => {}
            c => {
                if pending.is_some() {
                    return None;
                }
                pending = Some(digit(c)?);
            }
        }
    }
    Some(total + pending.unwrap_or(0)).filter(|&n| n < 1000)
}

#[cfg(test)]
mod amount_tests {
    use super::parse_amount;

    #[test]
    fn ages_are_read_as_people_type_them() {
        for (typed, n) in [
            ("68", 68),
            ("68岁", 68),
            ("６８岁", 68),
            ("六十八", 68),
            ("六十八岁", 68),
            ("十五", 15),
            ("一百零二", 102),
            ("ལོ་༦༨", 68),
            ("༦༨", 68),
            ("٦٨", 68),
            ("٦٨ ياش", 68),
            ("68 yash", 68),
        ] {
            assert_eq!(parse_amount(typed), Some(n), "{typed}");
        }
    }

    #[test]
    fn sentences_and_two_numbers_are_not_an_age() {
        for typed in [
            "",
            "我",
            "68 70",
            "我家里有六个人今年六十八岁了呢",
            "六六八十",
            "1.5",
        ] {
            assert_eq!(parse_amount(typed), None, "{typed}");
        }
    }
}
