//! What a broadcast is made of: the texts, the [`Audience`], the time, and the
//! completeness gate. Persisted in jobs (`store::jobs`) and, inside the staff
//! dialogue's composition, in sessions (`engine::staff::Composition`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who receives a broadcast (never users who opted out or are unreachable).
/// Persisted in drafts and jobs; `k` ("kind") is the variant tag, kept short and
/// unchanged because stored jobs must keep decoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "kebab-case")]
pub enum Audience {
    All,
    /// Users whose language is this one.
    Lang {
        lang: String,
    },
    /// Users whose county (from a poster's deep link) is this one.
    County {
        code: String,
    },
    /// Users whose last questionnaire answers qualify for this package.
    Package {
        id: String,
    },
}

/// A broadcast: what a confirmed job is made of. Persisted in jobs and sessions
/// (add fields with defaults; never rename).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Draft {
    /// Language → the text exactly as staff wrote it.
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
    #[serde(default)]
    pub audience: Option<Audience>,
    /// Unix seconds; `None` sends as soon as it is confirmed.
    #[serde(default)]
    pub at: Option<i64>,
    /// Users of a language without a text get this language's text.
    #[serde(default)]
    pub fallback: Option<String>,
}

impl Draft {
    /// The text a user of `lang` receives, if any.
    pub fn text_for(&self, lang: &str) -> Option<(&str, &str)> {
        if let Some((l, t)) = self.texts.get_key_value(lang) {
            return Some((l.as_str(), t.as_str()));
        }
        let fb = self.fallback.as_deref()?;
        self.texts
            .get_key_value(fb)
            .map(|(l, t)| (l.as_str(), t.as_str()))
    }
}

/// The completeness gate: languages that have recipients but no text (and no
/// fallback chosen for them).
pub fn missing_languages(draft: &Draft, counts: &[(String, u64)]) -> Vec<String> {
    counts
        .iter()
        .filter(|(l, n)| *n > 0 && draft.text_for(l).is_none())
        .map(|(l, _)| l.clone())
        .collect()
}

/// Why a draft may not become a job, given its recipients per language now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody would receive it.
    NoRecipients,
    /// These languages have recipients but no text.
    Missing(Vec<String>),
}

/// The gate as the confirm passes it: `Ok(recipients)` or why not.
pub fn gate(draft: &Draft, counts: &[(String, u64)]) -> Result<u64, Refusal> {
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    let missing = missing_languages(draft, counts);
    if !missing.is_empty() {
        Err(Refusal::Missing(missing))
    } else if total == 0 {
        Err(Refusal::NoRecipients)
    } else {
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_wants_recipients_and_a_text_for_each_of_their_languages() {
        let mut d = Draft {
            texts: [("zh-CN".to_string(), "x".to_string())].into(),
            ..Draft::default()
        };
        let counts = vec![("zh-CN".to_string(), 2), ("bo".to_string(), 1)];
        assert_eq!(gate(&d, &counts), Err(Refusal::Missing(vec!["bo".into()])));
        assert_eq!(gate(&d, &counts[..1]), Ok(2));
        assert_eq!(gate(&d, &[("zh-CN".into(), 0)]), Err(Refusal::NoRecipients));
        d.fallback = Some("zh-CN".into());
        assert_eq!(d.text_for("bo"), Some(("zh-CN", "x")));
        assert_eq!(gate(&d, &counts), Ok(3));
    }
}
