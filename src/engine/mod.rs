//! The conversation engine: `step(state, input, content) → (state, replies)`.
//!
//! Pure: no teloxide, sled, tokio or clock in here. The Telegram adapter, the
//! console chat and the tests all drive this same function. Replies are data
//! ([`Reply`]) rendered by the l10n layer; every text a user sees is a Fluent
//! message id from [`msg`] or from the content data.

pub mod action;
mod answers;
pub mod calendar;
mod input;
pub mod limits;
pub mod mask;
pub mod msg;
mod quiz;
pub mod reply;
mod screens;
pub mod settings;
pub mod staff;
mod state;

pub use action::{Action, BcOp, CodecError};
use answers::*;
pub use answers::{inbox_reply, staff_reply, InboxItem, HUMAN_TOPIC};
pub use input::{Command, Input, Keywords};
pub use reply::{button, Arg, Button, Line, Reply};
pub use screens::view;
use screens::*;
pub use state::{Profile, State};

use crate::content::{Content, Package};
use crate::faq::normalize::normalize;
use crate::faq::FaqIndex;
use crate::text::parse_number;
use mask::mask_numbers;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Something the edge must do besides sending replies (hand a message to staff,
/// start a broadcast, …). Produced by the engine as data, carried out by the adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The user asked for a person: open (or keep) a case.
    OpenHandoff,
    /// Hand this to the staff chat (text already masked).
    ToStaff(StaffMessage),
    /// The user ended the conversation with staff.
    CloseHandoff,
    /// A question the bot could not answer confidently, or a "not helpful"
    /// answer: into the unanswered inbox (text already masked).
    Unanswered {
        lang: String,
        text: String,
        topic: Option<String>,
    },
    /// Staff asked for the unanswered inbox.
    ListUnanswered,
    /// Staff marked an inbox entry handled.
    MarkHandled(String),
    /// The user confirmed: erase their profile, session, questions and hand-overs.
    Forget,
    /// Staff asked to re-read content and locales.
    Reload,
    /// Count the draft's recipients per language, then step
    /// [`staff::Learned::Counted`].
    PreviewBroadcast(crate::broadcast::Draft),
    /// Create the job (the adapter re-checks the gate with fresh counts), then step
    /// [`staff::Learned::Queued`] or [`staff::Learned::Refused`].
    Broadcast(crate::broadcast::Draft),
    /// Stop a queued or running job, then step [`staff::Learned::Stop`].
    CancelBroadcast(u64),
    /// List recent jobs, then step [`staff::Learned::Jobs`].
    ListBroadcasts,
}

/// What goes to the staff chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffMessage {
    Text(String),
    Voice {
        file_id: String,
    },
    Photo {
        file_id: String,
        caption: Option<String>,
    },
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub state: State,
    pub replies: Vec<Reply>,
    pub effects: Vec<Effect>,
}

/// Everything the engine reads besides state and input.
pub struct Ctx<'a> {
    pub content: &'a Content,
    /// Enabled languages, in picker order.
    pub languages: &'a [String],
    pub keywords: &'a Keywords,
    /// `YYYY-MM-DD`, to hide packages that are not in effect.
    pub today: &'a str,
    /// The FAQ index, when there is one.
    pub faq: Option<&'a FaqIndex>,
    /// A staff chat is configured, so users can be handed to a person.
    pub handoff: bool,
    /// This user is staff (from the configuration); checked on every privileged input.
    pub staff: bool,
}

/// One step of the conversation.
pub fn step(ctx: &Ctx<'_>, profile: &mut Profile, state: State, input: Input) -> Outcome {
    let mut effects = Vec::new();
    let (state, replies) = dispatch(ctx, profile, state, input, &mut effects);
    Outcome {
        state,
        replies,
        effects,
    }
}

fn dispatch(
    ctx: &Ctx<'_>,
    profile: &mut Profile,
    state: State,
    input: Input,
    fx: &mut Vec<Effect>,
) -> (State, Vec<Reply>) {
    // What the adapter learned for a broadcast effect of this same update.
    if let Input::Learned(fact) = input {
        return staff::learned(ctx, profile, state, fact);
    }
    let lang_ok = profile
        .lang
        .as_ref()
        .is_some_and(|l| ctx.languages.contains(l));
    if !lang_ok {
        return choose_language(ctx, profile, &state, input);
    }
    // Broadcasts and announcement settings (issue 3).
    let (state, input) = match staff::hook(ctx, profile, state, input, fx) {
        Ok(done) => return done,
        Err(back) => *back,
    };
    let action = match input {
        Input::Command(Command::Start(payload)) => return start(ctx, profile, payload, false),
        Input::Command(Command::Unanswered) if ctx.staff => {
            fx.push(Effect::ListUnanswered);
            return (state, Vec::new());
        }
        Input::Command(Command::Reload) if ctx.staff => {
            fx.push(Effect::Reload);
            return (state, Vec::new());
        }
        Input::Command(c) => match command_action(&c) {
            Some(a) => a,
            None => return notice(ctx, profile, state, msg::NOTICE_UNKNOWN_COMMAND),
        },
        Input::Button(a) => a,
        Input::Voice { file_id } => {
            return to_staff(ctx, profile, state, StaffMessage::Voice { file_id }, fx)
        }
        Input::Photo { file_id, caption } if state == State::Human => {
            let caption = caption.map(|c| mask_numbers(&c));
            return to_staff(
                ctx,
                profile,
                state,
                StaffMessage::Photo { file_id, caption },
                fx,
            );
        }
        Input::Photo { .. } => return notice(ctx, profile, state, msg::NOTICE_UNSUPPORTED),
        Input::BadButton(_) => {
            let (s, mut r) = act(ctx, profile, State::Menu, Action::Menu, fx);
            prepend(&mut r, Line::new(msg::NOTICE_UPDATED));
            return (s, r);
        }
        Input::Unsupported => return notice(ctx, profile, state, msg::NOTICE_UNSUPPORTED),
        // Answered at the top of `dispatch`.
        Input::Learned(_) => return (state, Vec::new()),
        Input::Text(t) => match resolve_text(ctx, profile, &state, &t) {
            Ok(a) => a,
            Err(Unresolved::Reply(r)) => return (state, r),
            // Without a staff chat nobody reads them: questions go on to the FAQ.
            Err(Unresolved::FreeText) if state == State::Human && ctx.handoff => {
                let text =
                    limits::cut_units(&mask_numbers(&t), limits::FORWARDED_TEXT_UNITS).to_string();
                return to_staff(ctx, profile, state, StaffMessage::Text(text), fx);
            }
            Err(Unresolved::FreeText) => return answer_question(ctx, profile, &t, fx),
        },
    };
    act(ctx, profile, state, action, fx)
}

fn command_action(c: &Command) -> Option<Action> {
    Some(match c {
        Command::Help => Action::Help,
        Command::Language => Action::LanguageMenu,
        Command::Menu => Action::Menu,
        Command::Packages => Action::Packages,
        Command::Check => Action::Quiz,
        Command::Ask => Action::Ask,
        Command::Human => Action::Human,
        Command::Forget => Action::Forget,
        Command::Start(_)
        | Command::Unanswered
        | Command::Reload
        | Command::Unknown
        | Command::Stop
        | Command::Settings
        | Command::Broadcast
        | Command::Broadcasts => return None,
    })
}

fn prepend(replies: &mut [Reply], line: Line) {
    if let Some(first) = replies.first_mut() {
        first.lines.insert(0, line);
    }
}

/// A short notice on top of the current screen, so the buttons stay at hand.
fn notice(ctx: &Ctx<'_>, profile: &Profile, state: State, id: &str) -> (State, Vec<Reply>) {
    let mut r = view(ctx, profile, &state);
    r.lines.insert(0, Line::new(id));
    (state, vec![r])
}

/// Until a language is chosen, everything leads to the picker (written in every
/// enabled language, which is the one place a message is not in the user's own).
fn choose_language(
    ctx: &Ctx<'_>,
    profile: &mut Profile,
    state: &State,
    input: Input,
) -> (State, Vec<Reply>) {
    let gone = profile.lang.take().is_some();
    // Typed numbers and names refer to the picker only when the user has seen it.
    let seen_picker = matches!(state, State::Language | State::New) && !gone;
    let action = match input {
        Input::Command(Command::Start(payload)) => return start(ctx, profile, payload, gone),
        Input::Button(a @ Action::SetLang(_)) => Some(a),
        Input::Text(t) if seen_picker => resolve_buttons(ctx, &picker(ctx, profile, gone), &t),
        _ => None,
    };
    match action {
        Some(a @ Action::SetLang(_)) => {
            let (s, mut r) = act(ctx, profile, State::Language, a, &mut Vec::new());
            // The poster's county, now said in the chosen language.
            let county = profile
                .county
                .as_deref()
                .filter(|c| ctx.content.county(c).is_some());
            if let (Some(c), Some(first)) = (county, r.first_mut()) {
                let line = Line::new(msg::NOTICE_COUNTY_SET)
                    .line("county", Line::new(format!("county-{c}")));
                first.lines.insert(1.min(first.lines.len()), line);
            }
            (s, r)
        }
        _ => (State::Language, vec![picker(ctx, profile, gone)]),
    }
}

fn start(
    ctx: &Ctx<'_>,
    profile: &mut Profile,
    payload: Option<String>,
    gone: bool,
) -> (State, Vec<Reply>) {
    let mut county_line = None;
    if let Some(p) = payload {
        if ctx.content.county(&p).is_some() {
            county_line = Some(
                Line::new(msg::NOTICE_COUNTY_SET).line("county", Line::new(format!("county-{p}"))),
            );
            profile.county = Some(p);
        } else {
            county_line = Some(Line::new(msg::NOTICE_COUNTY_UNKNOWN));
        }
    }
    let opted_in = settings::opt_in(profile);
    if let [only] = ctx.languages {
        profile.lang = Some(only.clone());
    }
    // A first contact chooses, in one tap: Telegram's language_code is no
    // guide (it has no Tibetan or Uyghur, so their readers arrive as `zh`).
    // Staff are the operator's own people: their Telegram's language will do.
    if profile.lang.is_none() && ctx.staff {
        profile.lang = profile.hint.clone().filter(|h| ctx.languages.contains(h));
    }
    if profile.lang.is_none() {
        return (State::Language, vec![picker(ctx, profile, gone)]);
    }
    let mut r = Reply::default().line(Line::new(msg::WELCOME));
    if let Some(l) = county_line {
        r = r.line(l);
    }
    if opted_in {
        r = r.line(Line::new(msg::ANNOUNCE_BACK_ON));
    }
    let menu = view(ctx, profile, &State::Menu);
    r.lines.extend(menu.lines);
    r.buttons = menu.buttons;
    (State::Menu, vec![r])
}

/// The language picker, each language in its own script; the language of the
/// user's county (from a poster's deep link) first.
fn picker(ctx: &Ctx<'_>, profile: &Profile, gone: bool) -> Reply {
    let first = profile
        .county
        .as_deref()
        .and_then(|c| ctx.content.county(c))
        .and_then(|c| c.lang.as_ref())
        .map(|(l, _)| l)
        .filter(|l| ctx.languages.contains(l));
    let order: Vec<&String> = first
        .into_iter()
        .chain(ctx.languages.iter().filter(|l| Some(*l) != first))
        .collect();
    let mut r = Reply::default();
    for l in &order {
        if gone {
            r = r.line(Line::new(msg::LANG_GONE).in_lang(l));
        }
        r = r.line(Line::new(msg::LANG_PROMPT).in_lang(l));
    }
    for l in order {
        r = r.row(vec![button(
            Line::new(msg::LANGUAGE_NAME).in_lang(l),
            Action::SetLang(l.clone()),
        )]);
    }
    r
}

/// A typed number or keyword that stands for one of these buttons.
fn resolve_buttons(ctx: &Ctx<'_>, screen: &Reply, text: &str) -> Option<Action> {
    let text = limits::cut_chars(text, limits::QUESTION_CHARS);
    if let Some(n) = parse_number(text) {
        return screen
            .flat_buttons()
            .nth((n as usize).checked_sub(1)?)
            .map(|b| b.action.clone());
    }
    let keys = ctx.keywords.keys(&normalize(text));
    if keys.is_empty() {
        return None;
    }
    screen
        .flat_buttons()
        .find(|b| {
            let label = b.label.label_key();
            let group = b.action.keyword_key();
            keys.iter()
                .any(|k| *k == label || Some(k) == group.as_ref())
        })
        .map(|b| b.action.clone())
}

enum Unresolved {
    Reply(Vec<Reply>),
    /// Words that are no button: a question, or a message for staff.
    FreeText,
}

/// Typed text: a button's number or keyword, a global keyword, or else free text.
fn resolve_text(
    ctx: &Ctx<'_>,
    profile: &Profile,
    state: &State,
    text: &str,
) -> Result<Action, Unresolved> {
    if let Some(a) = quiz::typed_answer(ctx, profile, state, text) {
        return Ok(a);
    }
    let screen = view(ctx, profile, state);
    if let Some(a) = resolve_buttons(ctx, &screen, text) {
        return Ok(a);
    }
    let count = screen.flat_buttons().count();
    if parse_number(text).is_some() {
        let mut r = screen;
        r.lines.insert(
            0,
            Line::new(msg::NOTICE_NUMBER_RANGE).arg("max", Arg::Num(count as i64)),
        );
        return Err(Unresolved::Reply(vec![r]));
    }
    // Words that work everywhere, even without their button on screen.
    let norm = normalize(limits::cut_chars(text, limits::QUESTION_CHARS));
    let global = [
        Action::Back,
        Action::Menu,
        Action::Help,
        Action::LanguageMenu,
        Action::Packages,
        Action::Quiz,
        Action::Ask,
        Action::Human,
    ];
    let keys = ctx.keywords.keys(&norm);
    if let Some(a) = global
        .iter()
        .find(|a| a.keyword_key().is_some_and(|k| keys.contains(&k)))
    {
        return Ok(a.clone());
    }
    // Greetings, thanks, "ok" and 👍: a short friendly word and the buttons
    // of where the user is, not a question for the FAQ or the staff inbox.
    // (Talking to staff, they are for the person and go on to them.)
    if *state != State::Human {
        if let Some(id) = small_talk(keys, text) {
            let r = Reply {
                lines: vec![Line::new(id)],
                buttons: screen.buttons,
                keep: false,
            };
            return Err(Unresolved::Reply(vec![r]));
        }
    }
    let id = match state {
        State::Quiz { .. } => msg::NOTICE_USE_BUTTONS,
        _ if norm.is_empty() => msg::NOTICE_NOT_UNDERSTOOD,
        _ => return Err(Unresolved::FreeText),
    };
    let mut r = screen;
    r.lines.insert(0, Line::new(id));
    Err(Unresolved::Reply(vec![r]))
}

/// The reply to small talk: a greeting, thanks, "ok", or a message of emoji only.
fn small_talk(keys: &[String], text: &str) -> Option<&'static str> {
    let key = |k: &str| keys.iter().any(|x| k.strip_prefix("kw-") == Some(x));
    if key(msg::KW_SMALLTALK_HELLO) {
        Some(msg::SMALLTALK_HELLO)
    } else if key(msg::KW_SMALLTALK_THANKS) {
        Some(msg::SMALLTALK_THANKS)
    } else if key(msg::KW_SMALLTALK_OK) || crate::text::scripts::only_emoji(text) {
        Some(msg::SMALLTALK_OK)
    } else {
        None
    }
}

/// Carries out an action: the new state and what to show.
fn act(
    ctx: &Ctx<'_>,
    profile: &mut Profile,
    state: State,
    action: Action,
    fx: &mut Vec<Effect>,
) -> (State, Vec<Reply>) {
    let next = match action {
        Action::Menu => State::Menu,
        Action::Help => {
            let mut r = view(ctx, profile, &State::Menu);
            r.lines = vec![Line::new(msg::HELP)];
            return (State::Menu, vec![r]);
        }
        // From within something (a questionnaire, a card), the picker leads back there.
        Action::LanguageMenu => match state {
            State::New | State::Language | State::Menu => State::Language,
            State::Switching { back } => State::Switching { back },
            other => State::Switching {
                back: Box::new(other),
            },
        },
        Action::SetLang(l) => {
            if !ctx.languages.contains(&l) {
                return old_button(ctx, profile, state);
            }
            profile.lang = Some(l);
            let next = match state {
                State::Switching { back } => *back,
                _ => State::Menu,
            };
            let mut r = view(ctx, profile, &next);
            r.lines.insert(0, Line::new(msg::LANG_SET));
            return (next, vec![r]);
        }
        Action::Packages => State::Packages,
        Action::Package(id) | Action::Apply(id) if current_package(ctx, &id).is_none() => {
            let mut r = view(ctx, profile, &State::Packages);
            r.lines.insert(0, Line::new(msg::NOTICE_OLD_BUTTON));
            return (State::Packages, vec![r]);
        }
        Action::Package(id) => State::Package { id },
        Action::Apply(id) => {
            // From the result, back returns to it.
            let back = matches!(
                state,
                State::Result | State::Quiz { .. } | State::WhyNot { .. }
            )
            .then(|| Box::new(state));
            State::Apply { id, back }
        }
        Action::CheckPackage(id) if current_package(ctx, &id).is_none() => {
            return old_button(ctx, profile, State::Packages);
        }
        Action::Quiz | Action::QuizRestart | Action::CheckPackage(_) => {
            let only = match (&action, &state) {
                (Action::CheckPackage(id), _) => Some(id.clone()),
                (Action::QuizRestart, State::Quiz { only, .. }) => only.clone(),
                _ => None,
            };
            // About one package, what an earlier questionnaire said still holds.
            let answers = if only.is_some() {
                profile.answers.clone()
            } else {
                Vec::new()
            };
            let next = State::Quiz { answers, only };
            let mut r = view(ctx, profile, &next);
            if matches!(action, Action::Quiz | Action::QuizRestart) {
                r.lines.insert(0, Line::new(msg::QUIZ_INTRO));
            }
            return (next, vec![r]);
        }
        Action::Answer { q, v } => {
            let State::Quiz { answers, only } = state else {
                return old_button(ctx, profile, state);
            };
            match quiz::answered(ctx, profile, answers, only, q, v) {
                Ok(next) => next,
                Err(same) => return old_button(ctx, profile, *same),
            }
        }
        Action::WhyNot(id) => State::WhyNot { id },
        Action::Back => match state {
            State::Quiz { mut answers, only } if !answers.is_empty() => {
                answers.pop();
                State::Quiz { answers, only }
            }
            State::Quiz { only: Some(id), .. } => State::Package { id },
            State::WhyNot { id: Some(_) } => State::WhyNot { id: None },
            State::WhyNot { id: None } => State::Result,
            State::Switching { back } => *back,
            State::Apply {
                back: Some(back), ..
            } => *back,
            State::Apply { id, .. } => State::Package { id },
            State::Package { .. } => State::Packages,
            State::FaqGroup { .. } => State::Ask,
            _ => State::Menu,
        },
        Action::Ask => State::Ask,
        Action::FaqGroup { id, page } => {
            if ctx.content.faq_group(&id).is_none() {
                return old_button(ctx, profile, state);
            }
            State::FaqGroup { id, page }
        }
        Action::Human => {
            if state == State::Human {
                State::Human
            } else {
                return human(ctx, profile, fx);
            }
        }
        Action::EndHandoff => {
            if state == State::Human {
                fx.push(Effect::CloseHandoff);
            }
            let mut r = view(ctx, profile, &State::Menu);
            r.lines.insert(0, Line::new(msg::HANDOFF_CLOSED));
            return (State::Menu, vec![r]);
        }
        Action::Faq(topic) => {
            if ctx.faq.is_none_or(|f| !f.has_topic(&topic)) {
                return old_button(ctx, profile, state);
            }
            if topic == HUMAN_TOPIC {
                return human(ctx, profile, fx);
            }
            State::Answered {
                topic,
                question: String::new(),
                offer: None,
            }
        }
        Action::Helpful { topic, yes } => {
            let question = match &state {
                State::Answered {
                    topic: t, question, ..
                } if *t == topic => question.clone(),
                _ => String::new(),
            };
            let id = if yes {
                msg::FAQ_THANKS
            } else {
                let lang = profile.lang.clone().unwrap_or_default();
                fx.push(Effect::Unanswered {
                    lang,
                    text: question,
                    topic: Some(topic),
                });
                msg::FAQ_SORRY
            };
            // Not helpful: the way to a person comes first (State::Sorry).
            let next = if yes { State::Menu } else { State::Sorry };
            let mut r = view(ctx, profile, &next);
            r.lines.insert(0, Line::new(id));
            return (next, vec![r]);
        }
        Action::Forget => State::Forget,
        Action::ForgetConfirm => {
            if state != State::Forget {
                return old_button(ctx, profile, state);
            }
            fx.push(Effect::Forget);
            // Never a dead end: the language buttons start again in one tap.
            let mut r = view(ctx, profile, &State::New);
            r.lines = vec![Line::new(msg::FORGET_DONE)];
            return (State::New, vec![r]);
        }
        Action::InboxDone(id) => {
            if !ctx.staff {
                return old_button(ctx, profile, state);
            }
            fx.push(Effect::MarkHandled(id));
            return (state, Vec::new());
        }
        // A typed number on the settings screen; staff buttons are `staff::hook`'s.
        Action::Announce(on) => return settings::set_announcements(ctx, profile, on),
        Action::Bc(_) => return old_button(ctx, profile, state),
    };
    let mut r = view(ctx, profile, &next);
    // An FAQ answer picked by button stays in the chat as a new message.
    r.keep = matches!(next, State::Answered { .. });
    (next, vec![r])
}

fn old_button(ctx: &Ctx<'_>, profile: &Profile, state: State) -> (State, Vec<Reply>) {
    notice(ctx, profile, state, msg::NOTICE_OLD_BUTTON)
}

#[cfg(test)]
mod tests;
