//! Per-script tokenizers, one per normalizer kind of the language table
//! (`locales/languages.toml`, field `normalizer`): [`han`], [`tibetan`],
//! [`uyghur`] (Arabic script and ULY Latin), [`words`] (whole words, for an
//! alphabetic language with none of its own).

pub mod han;
pub mod tibetan;
pub mod uyghur;
pub mod words;
