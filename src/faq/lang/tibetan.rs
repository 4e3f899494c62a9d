//! Tibetan: syllables (split at the tsheg U+0F0B) and syllable bigrams, the
//! stem of a syllable carrying a fused particle; case particles and pronouns
//! are dropped.

use crate::faq::tokens::{Kind, Sink};

/// Tibetan case particles, conjunctions and personal pronouns (syllables).
fn bo_stop(s: &str) -> bool {
    matches!(
        s,
        "གི" | "ཀྱི"
            | "གྱི"
            | "ཡི"
            | "འི"
            | "གིས"
            | "ཀྱིས"
            | "གྱིས"
            | "ཡིས"
            | "ལ"
            | "ནས"
            | "དུ"
            | "ཏུ"
            | "སུ"
            | "རུ"
            | "ཀྱང"
            | "ཡང"
            | "འང"
            | "དང"
            | "ནི"
            | "ཏེ"
            | "སྟེ"
            | "ང"
            | "ངའི"
            | "ངས"
            | "ཁྱེད"
            | "ཁྱོད"
    )
}

/// Fused particles written on the syllable (genitive འི, ergative འིས,
/// concessive འང, question/disjunctive འམ, final འོ).
const BO_FUSED: &[&str] = &["འིས", "འི", "འང", "འམ", "འོ"];

pub(crate) fn push_run(run: &str, out: &mut Sink) {
    let syls: Vec<&str> = run.split('\u{0F0B}').filter(|s| !s.is_empty()).collect();
    let stop = bo_stop;
    for (i, s) in syls.iter().enumerate() {
        if stop(s) {
            continue;
        }
        out.push(s, Kind::TibSyl);
        for f in BO_FUSED {
            if let Some(stem) = s.strip_suffix(f) {
                if !stem.is_empty() {
                    out.push(stem, Kind::TibSyl);
                }
                break;
            }
        }
        out.next();
        if let Some(next) = syls.get(i + 1).filter(|n| !stop(n)) {
            out.push_parts(&[s, "\u{0F0B}", next], Kind::TibBi);
            out.next();
        }
    }
}
