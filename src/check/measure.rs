//! How much room a text takes on a phone: the one place the estimate lives.
//!
//! The reference phone is 360 dp wide (the narrow Android phones these users
//! have), Telegram at its default text size:
//!
//! - A message bubble holds about **36 columns** a line ([`LINE_COLUMNS`]):
//!   36 Latin or Arabic-script letters, digits or spaces, 18 Chinese
//!   characters, or 36 Tibetan stacks (a stack is wider than a Latin letter,
//!   the tsheg after it narrower, so a syllable of two stacks and a tsheg is
//!   about three columns). A line of the text wraps into as many phone lines
//!   as it needs; an explicit newline always starts a new one.
//! - An inline keyboard row is about **30 columns** wide ([`ROW_COLUMNS`]),
//!   shared equally by its buttons (a button's padding eats into it, which is
//!   why a row holds fewer columns than a line): a one-button row takes a 30-
//!   column label, two buttons 15 each, three 10 each. Telegram cuts a longer
//!   label at its end with "…".
//!
//! Columns ([`columns`]): a Han character, a full-width form or an emoji is 2;
//! a combining mark (a Tibetan vowel sign or subjoined letter, an Arabic
//! haraka), a joiner, a variation selector or a bidi control is 0, so a
//! Tibetan stack counts once; everything else is 1.

/// Columns in one phone line of a message.
pub const LINE_COLUMNS: usize = 36;

/// Columns of one inline keyboard row, shared by its buttons.
pub const ROW_COLUMNS: usize = 30;

/// The columns `s` takes on one line (see the module docs).
pub fn columns(s: &str) -> usize {
    s.chars().map(char_columns).sum()
}

/// The columns of one character.
pub fn char_columns(c: char) -> usize {
    let cp = c as u32;
    if zero_width(cp) {
        0
    } else if wide(cp) {
        2
    } else {
        1
    }
}

/// Marks that sit on the letter before them, and invisible controls.
fn zero_width(cp: u32) -> bool {
    matches!(cp,
        0x0300..=0x036F          // combining diacritics
        | 0x0610..=0x061A        // Arabic signs above/below
        | 0x061C                 // Arabic letter mark
        | 0x064B..=0x065F        // harakat
        | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED
        | 0x0F18 | 0x0F19 | 0x0F35 | 0x0F37 | 0x0F39
        | 0x0F71..=0x0F84        // Tibetan vowel signs and marks
        | 0x0F86 | 0x0F87
        | 0x0F8D..=0x0FBC        // Tibetan subjoined letters
        | 0x0FC6
        | 0x200B..=0x200F        // zero-width space, joiners, LRM/RLM
        | 0x202A..=0x202E        // bidi embeddings and overrides
        | 0x2060..=0x2069        // word joiner, bidi isolates
        | 0xFE00..=0xFE0F        // variation selectors
        | 0xFEFF
        | 0x1F3FB..=0x1F3FF      // emoji skin tones (on the emoji before)
    )
}

/// Characters about twice as wide as a Latin letter.
fn wide(cp: u32) -> bool {
    matches!(cp,
        0x1100..=0x115F          // Hangul jamo
        | 0x2600..=0x27BF        // symbols and dingbats Telegram draws as emoji
        | 0x25B6 | 0x25C0        // ▶ ◀
        | 0x2B50 | 0x2B55
        | 0x2E80..=0x303E        // CJK radicals, punctuation 、。「」
        | 0x3041..=0x33FF        // kana, CJK compatibility
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xA960..=0xA97F | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 // full-width forms ，：！（）
        | 0x1F000..=0x1FAFF      // emoji and pictographs
        | 0x20000..=0x3FFFD      // CJK extensions B and later
    )
}

/// Phone lines a message text takes: each of its lines wraps every
/// [`LINE_COLUMNS`] columns (an empty line still takes one).
pub fn phone_lines(text: &str) -> usize {
    text.split('\n')
        .map(|l| columns(l).div_ceil(LINE_COLUMNS).max(1))
        .sum()
}

/// The columns each button of a row of `n` may take.
pub fn button_budget(n: usize) -> usize {
    ROW_COLUMNS / n.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tibetan_stack_is_one_column_and_han_two() {
        // སྐད = ས ྐ ད: two stacks.
        assert_eq!(columns("སྐད"), 2);
        // བོད་ཡིག: བོ ད ་ ཡི ག = 5.
        assert_eq!(columns("བོད་ཡིག"), 5);
        assert_eq!(columns("套餐"), 4);
        assert_eq!(columns("تىل"), 3);
        assert_eq!(columns("🌐 a"), 4);
        assert_eq!(columns("\u{2066}9:00\u{2069}"), 4);
    }

    #[test]
    fn lines_wrap_at_the_phone_width_and_at_newlines() {
        assert_eq!(phone_lines("short"), 1);
        assert_eq!(phone_lines("a\n\nb"), 3);
        assert_eq!(phone_lines(&"x".repeat(LINE_COLUMNS)), 1);
        assert_eq!(phone_lines(&"x".repeat(LINE_COLUMNS + 1)), 2);
        // 18 Chinese characters fill a line, the 19th wraps.
        assert_eq!(phone_lines(&"字".repeat(18)), 1);
        assert_eq!(phone_lines(&"字".repeat(19)), 2);
    }

    #[test]
    fn a_row_shares_its_width() {
        assert_eq!(button_budget(1), 30);
        assert_eq!(button_budget(2), 15);
        assert_eq!(button_budget(3), 10);
    }
}
