//! The crawler: every screen a user (or staff) can reach, found by driving the
//! engine breadth-first, as a person tapping would.
//!
//! A user walk starts from a fresh profile with `/start` (the picker), with
//! and without a staff chat, and with `/start <county>` for each county of a
//! poster's deep link; it presses every button of the replies it gets, and
//! the first time it is at the menu in a language it also sends every command
//! and types each FAQ topic's title in the other languages (which reaches the
//! "switch language?" offer). A staff walk, one per language, starts from the
//! staff commands and follows only the staff flows (broadcast dialogue, job
//! list, inbox, settings), typing a sample text and time where asked; user
//! screens are the user walks' business. Effects are answered as the edges
//! answer them (counts, a queued job, a job list, a sample inbox), never
//! carried out. Two arrivals at the same state with the same replies are one
//! screen, so the walk ends; `Options` bounds it besides.

use super::{Finding, Options, Report};
use crate::app::World;
use crate::broadcast::{JobStatus, JobSummary, StopOutcome, Tally};
use crate::engine::staff::{Learned, Stage};
use crate::engine::{self, Action, Ctx, Effect, InboxItem, Input, Line, Profile, Reply, State};
use std::collections::{HashSet, VecDeque};

/// Where a walk starts.
struct Root {
    /// `/start`'s payload (a county code from a poster).
    payload: Option<String>,
    /// A staff chat is configured.
    handoff: bool,
    /// A staff member in this language.
    staff: Option<String>,
}

/// One reachable screen: who the user is and where, how they got there and
/// the buttons they see.
struct Node {
    profile: Profile,
    state: State,
    path: Vec<String>,
    buttons: Vec<Action>,
}

/// One thing sent to the bot.
enum Send {
    Press(Action),
    /// A command or typed text.
    Type(String),
}

impl Send {
    fn input(&self) -> Input {
        match self {
            Send::Press(a) => Input::Button(a.clone()),
            Send::Type(text) => Input::from_text(text),
        }
    }

    /// How the step is written in a path: callback data and commands as they
    /// are, typed text in quotes.
    fn name(&self) -> String {
        match self {
            Send::Press(a) => a.encode(),
            Send::Type(t) if t.starts_with('/') => t.clone(),
            Send::Type(t) => format!("\"{t}\""),
        }
    }
}

/// What a staff member types where the dialogue asks for a text.
const SAMPLE_TEXT: &str = "Test 1";
/// A Beijing time where the dialogue asks when.
const SAMPLE_TIME: &str = "2030-01-01 09:00";

const COMMANDS: &[&str] = &[
    "/help",
    "/menu",
    "/packages",
    "/check",
    "/ask",
    "/human",
    "/language",
    "/forget",
    "/stop",
    "/settings",
    "/start",
    "/nosuchcommand",
];

const STAFF_COMMANDS: &[&str] = &["/broadcast", "/broadcasts", "/unanswered", "/settings"];

pub(super) fn crawl(world: &World, today: &str, opts: &Options) -> Report {
    let mut report = Report {
        budget: opts.budget,
        ..Report::default()
    };
    let mut roots = vec![
        Root {
            payload: None,
            handoff: false,
            staff: None,
        },
        Root {
            payload: None,
            handoff: true,
            staff: None,
        },
    ];
    roots.extend(world.content.counties.iter().map(|c| Root {
        payload: Some(c.code.clone()),
        handoff: false,
        staff: None,
    }));
    roots.extend(world.l10n.languages().iter().map(|l| Root {
        payload: None,
        handoff: true,
        staff: Some(l.clone()),
    }));
    for root in roots {
        walk(world, today, opts, &root, &mut report);
    }
    report
}

struct Walk<'a> {
    world: &'a World,
    ctx: Ctx<'a>,
    staff: bool,
    seen: HashSet<String>,
    /// Languages whose menu got the commands and typed titles.
    probed: HashSet<String>,
}

fn walk(world: &World, today: &str, opts: &Options, root: &Root, report: &mut Report) {
    let mut ctx = world.ctx(today);
    ctx.handoff = root.handoff;
    ctx.staff = root.staff.is_some();
    let mut w = Walk {
        world,
        ctx,
        staff: root.staff.is_some(),
        seen: HashSet::new(),
        probed: HashSet::new(),
    };
    let mut queue = VecDeque::new();
    let first = Node {
        profile: Profile {
            lang: root.staff.clone(),
            hint: root.staff.clone(),
            ..Profile::default()
        },
        state: if root.staff.is_some() {
            State::Menu
        } else {
            State::New
        },
        path: Vec::new(),
        buttons: Vec::new(),
    };
    let starts: Vec<Send> = match (&root.staff, &root.payload) {
        (Some(_), _) => STAFF_COMMANDS
            .iter()
            .map(|c| Send::Type(c.to_string()))
            .collect(),
        (None, Some(p)) => vec![Send::Type(format!("/start {p}"))],
        (None, None) => vec![Send::Type("/start".into())],
    };
    for s in &starts {
        queue.extend(w.visit(&first, s, report));
    }
    let mut states = 0;
    while let Some(node) = queue.pop_front() {
        if states >= opts.max_states {
            report.truncated = true;
            break;
        }
        states += 1;
        if node.path.len() >= opts.max_depth {
            report.truncated = true;
            continue;
        }
        for send in w.edges(&node) {
            queue.extend(w.visit(&node, &send, report));
        }
    }
    report.states += states;
}

impl Walk<'_> {
    /// What can be sent from this node (see the module docs).
    fn edges(&mut self, node: &Node) -> Vec<Send> {
        let staff_flow = |a: &Action| {
            matches!(
                a,
                Action::Bc(_) | Action::InboxDone(_) | Action::Announce(_)
            )
        };
        let mut out: Vec<Send> = node
            .buttons
            .iter()
            .filter(|a| !self.staff || staff_flow(a))
            .map(|a| Send::Press(a.clone()))
            .collect();
        match &node.state {
            State::Compose { draft } => match draft.stage {
                Stage::Text { .. } => out.push(Send::Type(SAMPLE_TEXT.into())),
                Stage::When => out.push(Send::Type(SAMPLE_TIME.into())),
                _ => {}
            },
            State::Menu if !self.staff => {
                let Some(own) = node.profile.lang.clone() else {
                    return out;
                };
                if !self.probed.insert(own.clone()) {
                    return out;
                }
                out.extend(COMMANDS.iter().map(|c| Send::Type(c.to_string())));
                let languages = self.world.l10n.languages();
                for lang in languages.iter().filter(|l| **l != own) {
                    for g in &self.world.content.faq_groups {
                        for t in &g.topics {
                            let title = Line::new(format!("faq-{t}-title"));
                            out.push(Send::Type(self.world.l10n.line(lang, &title)));
                        }
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// Sends one input, answers its effects, measures every reply, and
    /// returns the node it leads to unless that screen was seen.
    fn visit(&mut self, from: &Node, send: &Send, report: &mut Report) -> Option<Node> {
        let ctx = &self.ctx;
        let mut profile = from.profile.clone();
        let outcome = engine::step(ctx, &mut profile, from.state.clone(), send.input());
        let mut state = outcome.state;
        let mut replies = outcome.replies;
        for effect in outcome.effects {
            let fact = match effect {
                Effect::PreviewBroadcast(_) => {
                    Learned::Counted(ctx.languages.iter().map(|l| (l.clone(), 1_000)).collect())
                }
                Effect::Broadcast(d) => Learned::Queued { id: 1, at: d.at },
                Effect::ListBroadcasts => Learned::Jobs(sample_jobs()),
                Effect::CancelBroadcast(id) => Learned::Stop {
                    id,
                    outcome: StopOutcome::Stopped,
                },
                Effect::ListUnanswered | Effect::MarkHandled(_) => {
                    replies.push(engine::inbox_reply(&sample_inbox(ctx.languages)));
                    continue;
                }
                // The store erases the profile; the user starts again.
                Effect::Forget => {
                    profile = Profile::default();
                    continue;
                }
                _ => continue,
            };
            let o = engine::step(ctx, &mut profile, state, Input::Learned(fact));
            state = o.state;
            replies.extend(o.replies);
        }
        let mut path = from.path.clone();
        path.push(send.name());
        let mut key = serde_json::to_string(&state).unwrap_or_default();
        key.push('\u{0}');
        key.push_str(profile.lang.as_deref().unwrap_or(""));
        let screen = screen_key(&state);
        for (i, r) in replies.iter().enumerate() {
            let shown = self.world.render(&profile, r);
            key.push('\u{0}');
            key.push_str(&shown.text);
            for (label, data) in shown.buttons.iter().flatten() {
                key.push('\u{1}');
                key.push_str(label);
                key.push_str(data);
            }
            let lang = screen_lang(&profile, r, self.world);
            measure(&lang, &format!("{screen}#{i}"), &shown, &path, report);
        }
        if !self.seen.insert(key) {
            return None;
        }
        let mut buttons: Vec<Action> = replies
            .iter()
            .flat_map(|r| r.flat_buttons().map(|b| b.action.clone()))
            .collect();
        if replies.is_empty() {
            buttons = engine::view(ctx, &profile, &state)
                .flat_buttons()
                .map(|b| b.action.clone())
                .collect();
        }
        Some(Node {
            profile,
            state,
            path,
            buttons,
        })
    }
}

/// What makes screens "the same screen" in a report: the state without the
/// questionnaire's answers (only how many), the question typed or a draft's
/// contents (only its stage), so the result for every combination of answers
/// is one finding, its worst case.
fn screen_key(state: &State) -> String {
    let mut v = serde_json::to_value(state).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("question");
        if let Some(n) = o.get("answers").and_then(|a| a.as_array()).map(Vec::len) {
            o.insert("answers".into(), n.into());
        }
        if let Some(stage) = o.get("draft").and_then(|d| d.get("stage")).cloned() {
            o.insert("draft".into(), stage);
        }
    }
    v.to_string()
}

fn measure(
    lang: &str,
    screen: &str,
    shown: &crate::l10n::Rendered,
    path: &[String],
    report: &mut Report,
) {
    use super::measure::{button_budget, columns, phone_lines};
    let chars = shown.text.chars().count();
    let lines = phone_lines(&shown.text);
    report.screens += 1;
    if chars > report.budget.chars || lines > report.budget.lines {
        report.add_screen(
            screen,
            Finding::Screen {
                lang: lang.to_string(),
                path: path.to_vec(),
                text: shown.text.clone(),
                chars,
                lines,
                variants: 1,
            },
        );
    }
    for row in &shown.buttons {
        let budget = button_budget(row.len());
        for (label, _) in row {
            let cols = columns(label);
            if cols > budget {
                report.add_button(Finding::Button {
                    lang: lang.to_string(),
                    path: path.to_vec(),
                    label: label.clone(),
                    row: row.len(),
                    columns: cols,
                    budget,
                });
            }
        }
    }
}

/// The language a reply is in: the user's, or `*` for the picker (each line
/// in its own language, before one is chosen).
fn screen_lang(profile: &Profile, reply: &Reply, world: &World) -> String {
    match &profile.lang {
        Some(l) if world.l10n.languages().contains(l) => l.clone(),
        _ if reply.lines.iter().all(|l| l.lang.is_some()) => "*".to_string(),
        _ => world.l10n.languages().first().cloned().unwrap_or_default(),
    }
}

fn sample_jobs() -> Vec<JobSummary> {
    vec![
        JobSummary {
            id: 2,
            status: JobStatus::Running,
            at: None,
            tally: Tally {
                pending: 400,
                sent: 600,
                ..Tally::default()
            },
        },
        JobSummary {
            id: 1,
            status: JobStatus::Done,
            at: Some(1_900_000_000),
            tally: Tally {
                sent: 1_000,
                ..Tally::default()
            },
        },
    ]
}

/// Three unanswered questions.
fn sample_inbox(languages: &[String]) -> Vec<InboxItem> {
    languages
        .iter()
        .cycle()
        .take(3)
        .enumerate()
        .map(|(i, l)| InboxItem {
            id: format!("r{i}"),
            lang: l.clone(),
            count: 3 - i as u64,
            text: "SIM?".to_string(),
        })
        .collect()
}
