//! What staff are told from what the adapter learned (counts, job lists,
//! progress, outcomes), and the button under every announcement: the adapter
//! hands each fact back as [`Input::Learned`] and takes the engine's answer
//! ([`learned`]); it never rewrites the engine's outcome. The sender renders
//! progress and reports with [`progress_reply`] and [`report_reply`].

use super::*;

/// A fact the adapter learned while carrying out a broadcast [`Effect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Learned {
    /// After `Effect::PreviewBroadcast`: recipients per language, today.
    Counted(Vec<(String, u64)>),
    /// After `Effect::Broadcast`: the job exists under this id.
    Queued { id: u64, at: Option<i64> },
    /// After `Effect::Broadcast`: with fresh counts, the gate refused the draft.
    Refused(crate::broadcast::Refusal),
    /// After `Effect::ListBroadcasts`: recent and scheduled jobs, newest first.
    Jobs(Vec<JobSummary>),
    /// After `Effect::CancelBroadcast`.
    Stop { id: u64, outcome: StopOutcome },
}

/// The engine's answer to what the adapter learned. Only staff's effects are
/// carried out, so anyone else's "fact" is ignored.
pub(in crate::engine) fn learned(
    ctx: &Ctx<'_>,
    profile: &Profile,
    state: State,
    fact: Learned,
) -> (State, Vec<Reply>) {
    if !ctx.staff {
        return (state, Vec::new());
    }
    match fact {
        Learned::Counted(counts) => counted(ctx, profile, state, counts),
        Learned::Queued { id, at } => (state, vec![queued_reply(id, at)]),
        Learned::Refused(why) => {
            let missing = match why {
                crate::broadcast::Refusal::NoRecipients => Vec::new(),
                crate::broadcast::Refusal::Missing(m) => m,
            };
            (state, vec![refused_reply(&missing)])
        }
        Learned::Jobs(jobs) => (state, vec![list_reply(&jobs)]),
        Learned::Stop { id, outcome } => (state, vec![stop_reply(id, outcome)]),
    }
}

fn status_message(status: JobStatus) -> &'static str {
    match status {
        JobStatus::Scheduled => msg::BC_STATUS_SCHEDULED,
        JobStatus::Running => msg::BC_STATUS_RUNNING,
        JobStatus::Done => msg::BC_STATUS_DONE,
        JobStatus::Cancelled => msg::BC_STATUS_CANCELLED,
    }
}

/// The announcement's own button, in the recipient's language: what every
/// recipient sees under the text, so staff see it in the preview too.
pub fn announcement_buttons(lang: &str) -> Vec<Vec<crate::engine::Button>> {
    vec![vec![button(
        Line::new(msg::BTN_ANNOUNCE_OFF).in_lang(lang),
        Action::Announce(false),
    )]]
}

/// After `Effect::PreviewBroadcast`: the adapter counted the recipients per
/// language; this stores the counts in the draft and shows, for each language with
/// a text, how many users get it and then the text exactly as they will receive it
/// (a verbatim line, with the announcement's button), then the summary.
fn counted(
    ctx: &Ctx<'_>,
    profile: &Profile,
    state: State,
    counts: Vec<(String, u64)>,
) -> (State, Vec<Reply>) {
    let State::Compose { mut draft } = state else {
        return (state, Vec::new());
    };
    if !matches!(draft.stage, Stage::Preview { .. }) {
        let s = State::Compose { draft };
        let r = view(ctx, profile, &s);
        return (s, vec![r]);
    }
    let mut replies = Vec::new();
    for (lang, text) in ctx
        .languages
        .iter()
        .filter_map(|l| draft.texts.get_key_value(l))
    {
        let n: u64 = counts
            .iter()
            .filter(|(l, _)| draft.text_for(l).is_some_and(|(tl, _)| tl == lang))
            .map(|(_, n)| n)
            .sum();
        replies.push(
            Reply::default().line(
                Line::new(msg::BC_PREVIEW_LANG)
                    .line("language", lang_name(lang))
                    .arg("count", num(n)),
            ),
        );
        replies.push(Reply {
            lines: vec![Line::verbatim(text.clone())],
            buttons: announcement_buttons(lang),
            keep: true,
        });
    }
    draft.stage = Stage::Preview {
        counts: Some(counts),
    };
    let state = State::Compose { draft };
    replies.push(view(ctx, profile, &state));
    (state, replies)
}

/// After `Effect::Broadcast`: the job exists under this id.
pub fn queued_reply(id: u64, at: Option<i64>) -> Reply {
    let line = match at {
        None => Line::new(msg::BC_QUEUED).arg("id", num(id)),
        Some(t) => Line::new(msg::BC_SCHEDULED)
            .arg("id", num(id))
            .text("time", format_china_time(t)),
    };
    Reply::default().line(line).row(vec![button(
        Line::new(msg::BC_BTN_LIST),
        Action::Bc(BcOp::List),
    )])
}

/// The adapter refused a confirmed draft: with fresh counts, these languages have
/// recipients but no text (or nobody is left to receive it).
pub fn refused_reply(missing: &[String]) -> Reply {
    let line = if missing.is_empty() {
        Line::new(msg::BC_NO_RECIPIENTS)
    } else {
        Line::new(msg::BC_MISSING).arg(
            "languages",
            Arg::List(missing.iter().map(|l| lang_name(l)).collect()),
        )
    };
    Reply::default().line(line)
}

/// `/broadcasts`: recent and scheduled jobs, newest first, with a stop button for
/// each active one.
pub fn list_reply(jobs: &[JobSummary]) -> Reply {
    if jobs.is_empty() {
        return Reply::default().line(Line::new(msg::BC_LIST_EMPTY));
    }
    let mut r = Reply::default().line(Line::new(msg::BC_LIST_TITLE));
    for j in jobs {
        r = r.line(
            Line::new(msg::BC_LIST_ITEM)
                .arg("id", num(j.id))
                .line("status", Line::new(status_message(j.status)))
                .line("when", when_line(j.at))
                .arg("sent", num(j.tally.sent))
                .arg("total", num(j.tally.total())),
        );
        if j.status.is_active() {
            r = r.row(vec![button(
                Line::new(msg::BC_BTN_STOP).arg("id", num(j.id)),
                Action::Bc(BcOp::Stop(j.id)),
            )]);
        }
    }
    r
}

pub fn stop_reply(id: u64, outcome: StopOutcome) -> Reply {
    let id_line = match outcome {
        StopOutcome::Stopped => msg::BC_STOPPED,
        StopOutcome::AlreadyFinished => msg::BC_STOP_FINISHED,
        StopOutcome::Unknown => msg::BC_STOP_UNKNOWN,
    };
    Reply::default().line(Line::new(id_line).arg("id", num(id)))
}

/// The one progress message, edited while the job runs.
pub fn progress_reply(p: &ProgressView) -> Reply {
    let mut line = Line::new(msg::BC_PROGRESS)
        .arg("id", num(p.id))
        .arg("sent", num(p.tally.sent))
        .arg("remaining", num(p.tally.pending))
        .arg("blocked", num(p.tally.blocked))
        .arg("failed", num(p.tally.failed + p.tally.skipped));
    line = line.line("eta", duration(p.eta.unwrap_or(0)));
    let mut r = Reply::default().line(line);
    if let Some(s) = p.paused {
        r = r.line(Line::new(msg::BC_PROGRESS_PAUSED).arg("seconds", num(s)));
    }
    r.row(vec![button(
        Line::new(msg::BC_BTN_STOP).arg("id", num(p.id)),
        Action::Bc(BcOp::Stop(p.id)),
    )])
}

/// The final report: one line per language, then the totals.
pub fn report_reply(id: u64, status: JobStatus, per_lang: &[(String, Tally)], secs: u64) -> Reply {
    let mut r = Reply::default().line(
        Line::new(msg::BC_REPORT_TITLE)
            .arg("id", num(id))
            .line("status", Line::new(status_message(status))),
    );
    let mut total = Tally::default();
    let tally = |line: Line, t: &Tally| {
        line.arg("sent", num(t.sent))
            .arg("blocked", num(t.blocked))
            .arg("failed", num(t.failed))
            .arg("skipped", num(t.skipped + t.pending))
    };
    for (lang, t) in per_lang {
        total.add(t);
        r = r.line(tally(
            Line::new(msg::BC_REPORT_LANG).line("language", lang_name(lang)),
            t,
        ));
    }
    r.line(tally(Line::new(msg::BC_REPORT_TOTAL), &total).line("duration", duration(secs)))
}
