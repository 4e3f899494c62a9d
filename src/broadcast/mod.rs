//! Broadcasts, the pure part, and their one owner: what a broadcast is made of
//! ([`draft`]: [`Draft`], [`Audience`], the completeness gate), who receives it
//! ([`audience`]), each recipient's state machine and the counts ([`recipients`]),
//! what a send's result means ([`decisions`]), a job's lifecycle and the facts
//! staff are shown ([`job`]), the rate limiter and progress estimates ([`rate`]).
//! No I/O and no clock (time comes in as a `Duration` since an arbitrary start),
//! and nothing from the engine: users are read through [`audience::Member`].
//! The engine's staff dialogue composes drafts and renders the facts;
//! `store::jobs` keeps jobs durable; `telegram::broadcast` sends.

pub mod audience;
pub mod decisions;
pub mod draft;
pub mod job;
pub mod rate;
pub mod recipients;

pub use audience::{
    in_audience, recipient_lang, takes_announcements, Counter, Member, Pick, Selection,
};
pub use decisions::{decide, Decision, SendResult, MAX_ATTEMPTS};
pub use draft::{gate, missing_languages, Audience, Draft, Refusal};
pub use job::{JobStatus, JobSummary, ProgressView, StopOutcome};
pub use rate::{eta_secs, RateLimiter, Ticker};
pub use recipients::{per_language, RState, Recipient, Tally};
