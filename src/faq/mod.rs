//! Free-text normalization and retrieval. Pure: no I/O.
pub mod normalize;
