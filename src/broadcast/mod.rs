//! Broadcast jobs, the pure part: who receives a draft, each recipient's state
//! machine, what a send's result means, the rate limiter and progress estimates.
//! No I/O and no clock (time comes in as a `Duration` since an arbitrary start):
//! `store::jobs` keeps jobs durable and `telegram::broadcast` sends.
//!
//! Per recipient: `Pending → InFlight → Sent | Blocked | Failed`, or `Skipped`
//! when the user opted out or became unreachable after the job was queued.
//! `InFlight` is stored (and flushed) before the message goes out and the outcome
//! after, so after a crash only a recipient still `InFlight` is ambiguous: it is
//! sent again, which is the one duplicate a crash can cause per concurrent sender.

pub mod rate;

pub use crate::engine::staff::{missing_languages, Audience, Draft, JobStatus, Tally};
pub use rate::{eta_secs, RateLimiter, Ticker};

use crate::content::{Content, Verdict};
use crate::engine::Profile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// The language a user reads: the one they chose, else the one Telegram reports,
/// else the first enabled one (users who never chose still get announcements).
pub fn recipient_lang<'a>(profile: &'a Profile, languages: &'a [String]) -> Option<&'a str> {
    let enabled = |l: &&String| languages.contains(l);
    profile
        .lang
        .as_ref()
        .filter(enabled)
        .or_else(|| profile.hint.as_ref().filter(enabled))
        .or_else(|| languages.first())
        .map(String::as_str)
}

/// Whether a user is in the audience. Never users who opted out or blocked the bot.
pub fn in_audience(audience: &Audience, profile: &Profile, lang: &str, content: &Content) -> bool {
    if !profile.announcements || !profile.reachable {
        return false;
    }
    match audience {
        Audience::All => true,
        Audience::Lang { lang: l } => l == lang,
        Audience::County { code } => profile.county.as_deref() == Some(code.as_str()),
        Audience::Package { id } => content
            .package(id)
            .is_some_and(|p| matches!(p.rule.judge(&profile.answers), Verdict::Yes(_))),
    }
}

/// Counts recipients per language (every enabled language listed, in order).
#[derive(Debug, Clone, Default)]
pub struct Counter {
    counts: BTreeMap<String, u64>,
}

impl Counter {
    pub fn add(&mut self, lang: &str) {
        *self.counts.entry(lang.to_string()).or_default() += 1;
    }

    pub fn into_counts(self, languages: &[String]) -> Vec<(String, u64)> {
        languages
            .iter()
            .map(|l| (l.clone(), self.counts.get(l).copied().unwrap_or(0)))
            .collect()
    }
}

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

/// What Telegram answered to one sendMessage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendResult {
    Sent {
        message_id: i64,
    },
    /// 429 with `parameters.retry_after`.
    RetryAfter(u64),
    /// 403.
    Forbidden(String),
    /// Network error, timeout, 5xx, or an answer that is not the Bot API's.
    Transient(String),
    /// Any other refusal (400 chat not found, …): retrying will not help.
    Refused(String),
}

/// What to do after a send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Store this final state.
    Done(RState),
    /// Pause the whole job this long, then send the same message again.
    PauseAll(Duration),
    /// Try the same recipient again, after the Bot API client's backoff for
    /// this attempt (`telegram::api::backoff`: one backoff for every call).
    Retry,
}

/// Transient failures tried this many times in all before `Failed`.
pub const MAX_ATTEMPTS: u32 = 4;

/// `attempt` counts from 1.
pub fn decide(attempt: u32, result: SendResult) -> Decision {
    match result {
        SendResult::Sent { message_id } => Decision::Done(RState::Sent { m: message_id }),
        SendResult::RetryAfter(s) => Decision::PauseAll(Duration::from_secs(s.max(1))),
        SendResult::Forbidden(_) => Decision::Done(RState::Blocked),
        SendResult::Refused(e) => Decision::Done(RState::Failed { e }),
        SendResult::Transient(e) if attempt >= MAX_ATTEMPTS => Decision::Done(RState::Failed { e }),
        SendResult::Transient(_) => Decision::Retry,
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
    use std::path::Path;

    fn langs() -> Vec<String> {
        vec!["zh-CN".into(), "bo".into(), "ug".into()]
    }

    fn user(lang: Option<&str>) -> Profile {
        Profile {
            lang: lang.map(String::from),
            ..Profile::default()
        }
    }

    #[test]
    fn language_is_chosen_then_hinted_then_the_first() {
        let l = langs();
        assert_eq!(recipient_lang(&user(Some("ug")), &l), Some("ug"));
        let hinted = Profile {
            hint: Some("bo".into()),
            ..user(Some("kk"))
        };
        assert_eq!(recipient_lang(&hinted, &l), Some("bo"));
        assert_eq!(recipient_lang(&user(None), &l), Some("zh-CN"));
        assert_eq!(recipient_lang(&user(None), &[]), None);
    }

    #[test]
    fn audiences_never_include_opted_out_or_unreachable_users() {
        let content =
            crate::content::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
                .unwrap();
        let mut p = Profile {
            county: Some("540121".into()),
            ..user(Some("bo"))
        };
        assert!(in_audience(&Audience::All, &p, "bo", &content));
        assert!(in_audience(
            &Audience::Lang { lang: "bo".into() },
            &p,
            "bo",
            &content
        ));
        assert!(!in_audience(
            &Audience::Lang { lang: "ug".into() },
            &p,
            "bo",
            &content
        ));
        assert!(in_audience(
            &Audience::County {
                code: "540121".into()
            },
            &p,
            "bo",
            &content
        ));
        assert!(!in_audience(
            &Audience::County {
                code: "653121".into()
            },
            &p,
            "bo",
            &content
        ));
        let village = Audience::Package {
            id: "village".into(),
        };
        assert!(!in_audience(&village, &p, "bo", &content), "no answers yet");
        p.answers = vec![
            ("county".into(), "yes".into()),
            ("household".into(), "dibao".into()),
            ("has-support".into(), "no".into()),
        ];
        assert!(in_audience(&village, &p, "bo", &content));
        assert!(!in_audience(
            &Audience::Package { id: "gone".into() },
            &p,
            "bo",
            &content
        ));
        p.announcements = false;
        assert!(!in_audience(&Audience::All, &p, "bo", &content));
        p.announcements = true;
        p.reachable = false;
        assert!(!in_audience(&Audience::All, &p, "bo", &content));
    }

    #[test]
    fn send_results_become_states_pauses_or_retries() {
        assert_eq!(
            decide(1, SendResult::Sent { message_id: 9 }),
            Decision::Done(RState::Sent { m: 9 })
        );
        assert_eq!(
            decide(1, SendResult::RetryAfter(5)),
            Decision::PauseAll(Duration::from_secs(5))
        );
        assert_eq!(
            decide(1, SendResult::Forbidden("blocked".into())),
            Decision::Done(RState::Blocked)
        );
        assert_eq!(
            decide(1, SendResult::Refused("chat not found".into())),
            Decision::Done(RState::Failed {
                e: "chat not found".into()
            })
        );
        for a in 1..MAX_ATTEMPTS {
            assert_eq!(
                decide(a, SendResult::Transient("502".into())),
                Decision::Retry
            );
        }
        assert_eq!(
            decide(MAX_ATTEMPTS, SendResult::Transient("502".into())),
            Decision::Done(RState::Failed { e: "502".into() })
        );
    }

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

    #[test]
    fn counts_list_every_language_in_order() {
        let mut c = Counter::default();
        c.add("ug");
        c.add("ug");
        c.add("zh-CN");
        assert_eq!(
            c.into_counts(&langs()),
            vec![("zh-CN".into(), 1), ("bo".into(), 0), ("ug".into(), 2)]
        );
    }
}
