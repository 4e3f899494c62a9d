//! Numbers inside right-to-left text: which runs would display reordered,
//! and their isolation.
//!
//! After an Arabic-script letter, digits are "Arabic numbers" to the Unicode
//! bidi algorithm, and a `-`, `–` or `~` between two of them is neutral, so in
//! Uyghur text `2026-12-01` displays as `01-12-2026`, `9:00–17:00` as
//! `17:00–9:00` and `¥8` as `8¥`. [`isolate_numbers`] wraps each such run in
//! LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (U+2066 … U+2069), which
//! lays it out left to right as one unit and leaves the text around it (and
//! the paragraph's direction, taken from its first strong letter) alone.
//! A run of digits only is left as it is: it cannot reorder, and every mark
//! less is one less in copied text and in Telegram's number detection.

/// LEFT-TO-RIGHT ISOLATE.
pub const LRI: char = '\u{2066}';
/// POP DIRECTIONAL ISOLATE.
pub const PDI: char = '\u{2069}';

/// Currency and sign characters that belong to the number after them.
fn prefix(c: char) -> bool {
    matches!(c, '¥' | '￥' | '$' | '€' | '+')
}

/// Characters that join two digit groups into one number, date, time or range.
fn joiner(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | '/' | '-' | '–' | '—' | '~' | '～' | '+' | '×'
    )
}

fn digit(c: Option<&char>) -> bool {
    c.is_some_and(char::is_ascii_digit)
}

/// `s` with every number-like run that is more than digits (a date, a time,
/// a range, a price with its sign, a decimal) wrapped in LRI … PDI. Text
/// already inside an isolate (U+2066–U+2068 … U+2069) is left as it is.
pub fn isolate_numbers(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let starts = digit(Some(&c)) || (prefix(c) && digit(chars.get(i + 1)));
        if depth > 0 || !starts {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            while digit(chars.get(j)) {
                j += 1;
            }
            match chars.get(j) {
                Some(&x) if joiner(x) && digit(chars.get(j + 1)) => j += 1,
                Some('%') => {
                    j += 1;
                    break;
                }
                _ => break,
            }
        }
        let run = &chars[i..j];
        if run.iter().all(char::is_ascii_digit) {
            out.extend(run);
        } else {
            out.push(LRI);
            out.extend(run);
            out.push(PDI);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> String {
        format!("{LRI}{s}{PDI}")
    }

    #[test]
    fn dates_times_ranges_and_prices_are_isolated() {
        assert_eq!(
            isolate_numbers("بېجىرىش ۋاقتى: 2026-01-01 كۈنىدىن"),
            format!("بېجىرىش ۋاقتى: {} كۈنىدىن", iso("2026-01-01"))
        );
        assert_eq!(
            isolate_numbers("ۋاقتى 9:00–17:00."),
            format!("ۋاقتى {}.", iso("9:00–17:00"))
        );
        assert_eq!(isolate_numbers("¥8/ئاي"), format!("{}/ئاي", iso("¥8")));
        assert_eq!(
            isolate_numbers("19.9 يۈەن"),
            format!("{} يۈەن", iso("19.9"))
        );
        assert_eq!(isolate_numbers("50%"), iso("50%"));
    }

    #[test]
    fn plain_numbers_and_isolated_text_are_left_alone() {
        for s in [
            "10086 غا",
            "1. بوغچىلار",
            "ھەر ئايدا 10 GB",
            "4G يانفون",
            "ئاخىرى.",
        ] {
            assert_eq!(isolate_numbers(s), s);
        }
        let done = format!("a {} b", iso("2026-01-01"));
        assert_eq!(isolate_numbers(&done), done);
        let fsi = "\u{2068}9:00–17:00\u{2069}";
        assert_eq!(isolate_numbers(fsi), fsi);
    }
}
