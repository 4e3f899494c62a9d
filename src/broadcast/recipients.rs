//! Each recipient's state machine, and the counts made from those states.
//!
//! Per recipient: `Pending → InFlight → Sent | Blocked | Failed`, or `Skipped`
//! when the user opted out or became unreachable after the job was queued.
//! `InFlight` is stored (and flushed) before the message goes out and the outcome
//! after, so after a crash only a recipient still `InFlight` is ambiguous: it is
//! sent again, which is the one duplicate a crash can cause per concurrent sender.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One recipient of one job. Persisted (`store::jobs`) as compact JSON:
/// `{"l":"bo","s":"sent","m":123}`. The one-letter keys are on purpose: a job
/// stores one such row per recipient (100,000 and more), so every byte counts
/// in sled's space and in each write; they are a compatibility boundary
/// (stored jobs must keep decoding), so they stay as they are: `l` language,
/// `s` state, `m` Telegram message id, `e` error text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// `l`: the recipient's language when the job was queued (the report groups
    /// by it).
    pub l: String,
    #[serde(flatten)]
    pub state: RState,
}

impl Recipient {
    /// A recipient not sent to yet.
    pub fn pending(lang: &str) -> Recipient {
        Recipient {
            l: lang.to_string(),
            state: RState::Pending,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "s", rename_all = "kebab-case")]
pub enum RState {
    Pending,
    /// Stored before the send: after a crash this one may or may not have arrived.
    InFlight,
    Sent {
        /// The message id Telegram gave the announcement.
        m: i64,
    },
    /// 403: blocked the bot, deactivated, …
    Blocked,
    Failed {
        /// What Telegram answered, for the report.
        e: String,
    },
    /// Opted out or unreachable by the time their turn came.
    Skipped,
}

impl RState {
    /// Still to be sent (after a crash, an in-flight one is sent again).
    pub fn is_open(&self) -> bool {
        matches!(self, RState::Pending | RState::InFlight)
    }

    pub fn count(&self, t: &mut Tally) {
        match self {
            RState::Pending | RState::InFlight => t.pending += 1,
            RState::Sent { .. } => t.sent += 1,
            RState::Blocked => t.blocked += 1,
            RState::Failed { .. } => t.failed += 1,
            RState::Skipped => t.skipped += 1,
        }
    }
}

/// Outcomes counted per language and in total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub pending: u64,
    pub sent: u64,
    pub blocked: u64,
    pub failed: u64,
    /// Opted out or became unreachable after the job was queued.
    pub skipped: u64,
}

impl Tally {
    pub fn total(&self) -> u64 {
        self.pending + self.sent + self.blocked + self.failed + self.skipped
    }

    pub fn done(&self) -> u64 {
        self.total() - self.pending
    }

    pub fn add(&mut self, o: &Tally) {
        self.pending += o.pending;
        self.sent += o.sent;
        self.blocked += o.blocked;
        self.failed += o.failed;
        self.skipped += o.skipped;
    }
}

/// The report: tallies per language in the enabled order, then any other.
pub fn per_language(
    tallies: &BTreeMap<String, Tally>,
    languages: &[String],
) -> Vec<(String, Tally)> {
    let mut out: Vec<(String, Tally)> = languages
        .iter()
        .filter_map(|l| tallies.get(l).map(|t| (l.clone(), *t)))
        .collect();
    out.extend(
        tallies
            .iter()
            .filter(|(l, _)| !languages.contains(l))
            .map(|(l, t)| (l.clone(), *t)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipient_encoding_is_compact_and_stable() {
        let r = Recipient {
            l: "bo".into(),
            state: RState::Sent { m: 123 },
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"l":"bo","s":"sent","m":123}"#);
        assert_eq!(serde_json::from_str::<Recipient>(&json).unwrap(), r);
        let p: Recipient = serde_json::from_str(r#"{"l":"ug","s":"in-flight"}"#).unwrap();
        assert!(p.state.is_open());
        let mut t = Tally::default();
        for s in [
            RState::Pending,
            RState::InFlight,
            RState::Sent { m: 1 },
            RState::Blocked,
            RState::Failed { e: "x".into() },
            RState::Skipped,
        ] {
            s.count(&mut t);
        }
        assert_eq!(
            t,
            Tally {
                pending: 2,
                sent: 1,
                blocked: 1,
                failed: 1,
                skipped: 1
            }
        );
    }
}
