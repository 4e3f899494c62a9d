//! Text normalization shared by menu matching and FAQ retrieval.
use unicode_normalization::UnicodeNormalization;

/// Maps digits of every script we meet (full width, Tibetan, Arabic-Indic,
/// Extended Arabic-Indic) to ASCII.
pub fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => shift(c, 0xFF10),
            '\u{0F20}'..='\u{0F29}' => shift(c, 0x0F20),
            '\u{0660}'..='\u{0669}' => shift(c, 0x0660),
            '\u{06F0}'..='\u{06F9}' => shift(c, 0x06F0),
            _ => c,
        })
        .collect()
}

fn shift(c: char, zero: u32) -> char {
    char::from_u32('0' as u32 + (c as u32 - zero)).unwrap_or(c)
}

/// A whole input that is one number ("1", "１", "༡", "١", "(2)", "3.", "三").
pub fn parse_number(s: &str) -> Option<u32> {
    let t: String = fold_digits(&s.nfkc().collect::<String>());
    let t = t.trim().trim_matches(|c: char| "().。、:：-".contains(c) || c.is_whitespace());
    if t.is_empty() || t.len() > 4 {
        return chinese_numeral(t);
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    chinese_numeral(t)
}

fn chinese_numeral(t: &str) -> Option<u32> {
    const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    NUMS.iter().position(|n| *n == t).map(|i| i as u32 + 1)
}

/// NFKC, lower case, digits folded, punctuation to spaces, spaces collapsed.
pub fn normalize(s: &str) -> String {
    let folded = fold_digits(&s.nfkc().collect::<String>()).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        let c = if c.is_alphanumeric() || is_mark(c) || c == '\u{0F0B}' { c } else { ' ' };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

fn is_mark(c: char) -> bool {
    // Combining marks carry Tibetan vowels and Arabic harakat.
    matches!(c, '\u{0F71}'..='\u{0F84}' | '\u{0F8D}'..='\u{0FBC}' | '\u{064B}'..='\u{065F}')
}
