//! Text facts that do not depend on a language: digits of every script
//! ([`digits`]) and script detection ([`scripts`]). Used by the engine
//! (typed numbers, masking) and by the FAQ normalisers.

pub mod bidi;
pub mod digits;
pub mod languages;
pub mod scripts;

pub use self::digits::{digit_value, fold_digits, parse_amount, parse_number};
pub use self::languages::{Direction, Language, Languages, Normalizer};
pub use self::scripts::{detect_script, Script};
