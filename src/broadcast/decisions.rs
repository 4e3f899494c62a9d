//! What a send's result means for its recipient and for the job.

use super::recipients::RState;
use std::time::Duration;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
