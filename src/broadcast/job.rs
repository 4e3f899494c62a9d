//! A job's lifecycle and what staff are told about jobs: the facts the adapter
//! learns (lists, progress, stop results) and hands to the engine to render.

use super::recipients::Tally;
use serde::{Deserialize, Serialize};

/// The lifecycle of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobStatus {
    /// Waiting for its time (or for the job before it).
    Scheduled,
    Running,
    Done,
    Cancelled,
}

impl JobStatus {
    pub fn is_active(self) -> bool {
        matches!(self, JobStatus::Scheduled | JobStatus::Running)
    }
}

/// One line of `/broadcasts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSummary {
    pub id: u64,
    pub status: JobStatus,
    pub at: Option<i64>,
    pub tally: Tally,
}

/// What the progress message shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressView {
    pub id: u64,
    pub tally: Tally,
    /// Estimated seconds left, when known.
    pub eta: Option<u64>,
    /// Telegram asked to pause for this many seconds.
    pub paused: Option<u64>,
}

/// How a stop request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopOutcome {
    Stopped,
    AlreadyFinished,
    Unknown,
}
