//! Per-script tokenizers, one per normalizer kind of the language table
//! (`locales/languages.toml`, field `normalizer`): [`han`], [`tibetan`],
//! [`uyghur`] (Arabic script and ULY Latin).

pub mod han;
pub mod tibetan;
pub mod uyghur;
