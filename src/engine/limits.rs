//! Every text and size limit the engine respects, named once: Telegram's rules
//! (in the units Telegram counts) and the few the project sets for itself.

/// A message's text: 4,096 UTF-16 code units (Telegram counts UTF-16, so an emoji
/// outside the BMP counts twice).
pub const MESSAGE_TEXT_UNITS: usize = 4096;

/// A media caption: 1,024 UTF-16 code units.
pub const CAPTION_UNITS: usize = 1024;

/// `callback_data`: 1–64 bytes (a Tibetan or Uyghur letter is 2–3 bytes, hence the
/// short ASCII codec of `action`).
pub const CALLBACK_DATA_BYTES: usize = 64;

/// A deep-link `/start` parameter: up to 64 characters of `A–Z a–z 0–9 _ -`.
pub const START_PARAM_CHARS: usize = 64;

/// The project's own: how much of a free-text message the engine reads and the
/// inbox keeps. A question is a sentence or two; the rest of a 4,000-character
/// message is noise, and a bound keeps matching and storage cheap.
pub const QUESTION_CHARS: usize = 500;

/// Room left in a staff-chat message for the header (case number, language,
/// county) above a user's forwarded text.
pub const STAFF_HEADER_UNITS: usize = 500;

/// A user's text forwarded to staff: what fits in one message under the header.
pub const FORWARDED_TEXT_UNITS: usize = MESSAGE_TEXT_UNITS - STAFF_HEADER_UNITS;

// The forwarded text and its header fit one message (checked when compiling).
const _: () = assert!(FORWARDED_TEXT_UNITS + STAFF_HEADER_UNITS <= MESSAGE_TEXT_UNITS);

/// One question in the staff inbox list: enough to recognise it; ten of them
/// stay far under [`MESSAGE_TEXT_UNITS`].
pub const INBOX_ITEM_CHARS: usize = 200;

/// Length of `text` as Telegram counts it.
pub fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The longest prefix of `text` of at most `max` UTF-16 units, cut between
/// characters (never inside a surrogate pair).
pub fn cut_units(text: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > max {
            return &text[..i];
        }
    }
    text
}

/// The first `max` characters of `text`.
pub fn cut_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_count_utf16_units_and_never_split_a_character() {
        assert_eq!(cut_units("abc", 2), "ab");
        // 😀 is two units: it does not fit in one.
        assert_eq!(cut_units("a😀b", 2), "a");
        assert_eq!(cut_units("a😀b", 3), "a😀");
        assert_eq!(units("a😀b"), 4);
        // Tibetan and Uyghur letters are one unit each.
        assert_eq!(cut_units("བོད་ئۇيغۇر", 3), "བོད");
        assert_eq!(cut_chars("བོད་ئۇيغۇر", 4), "བོད་");
        assert_eq!(cut_chars("ab", 5), "ab");
        assert_eq!(cut_units("", 0), "");
    }
}
