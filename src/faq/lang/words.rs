//! Whole words for an alphabetic language without a tokenizer of its own
//! (normalizer `words`): each run of letters is one lower-cased token, nothing
//! stripped, so such a language is searched by exact words until it gets a
//! tokenizer that knows its suffixes.

use crate::faq::tokens::{Kind, Sink};

pub(crate) fn push_word(word: &str, out: &mut Sink) {
    if word.is_empty() {
        return;
    }
    out.push(&word.to_lowercase(), Kind::Word);
    out.next();
}
