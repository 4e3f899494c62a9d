//! The conversation engine: `step(state, input, content) → (state, replies)`.
//!
//! Pure: no teloxide, sled, tokio or clock in here. The Telegram adapter, the
//! console chat and the tests all drive this same function. Replies are data
//! ([`Reply`]) rendered by the l10n layer; every text a user sees is a Fluent
//! message id from [`msg`] or from the content data.

pub mod action;
pub mod mask;
pub mod msg;
pub mod reply;
pub mod staff;

pub use action::{Action, BcOp, CodecError};
pub use reply::{button, Arg, Button, Line, Reply};

use crate::content::{Content, Package, Verdict};
use crate::faq::normalize::normalize;
use crate::faq::FaqIndex;
use crate::text::parse_number;
use mask::mask_numbers;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a user is in the conversation. Persisted: add variants freely, but never
/// rename or remove one without a migration (see `store` and ARCHITECTURE.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "kebab-case")]
pub enum State {
    #[default]
    New,
    Language,
    Menu,
    Packages,
    Package {
        id: String,
    },
    Apply {
        id: String,
    },
    /// The questionnaire; the current question is `answers.len()`.
    Quiz {
        answers: Vec<(String, String)>,
    },
    Result,
    Ask,
    /// Talking to staff: the user's messages go to the staff chat.
    Human,
    /// An FAQ answer was shown for this (masked) question.
    Answered {
        topic: String,
        question: String,
    },
    /// The FAQ was not sure: these topics were offered.
    Suggest {
        topics: Vec<String>,
    },
    /// Asked to confirm erasing the user's data.
    Forget,
    /// Staff composing a broadcast (`engine::staff`).
    Compose {
        draft: staff::Draft,
    },
    /// Announcements on/off, language.
    Settings,
}

fn yes() -> bool {
    true
}

/// What the bot keeps about a user between conversations. Persisted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The language the user chose (an enabled locale folder name).
    #[serde(default)]
    pub lang: Option<String>,
    /// The enabled language that Telegram's `language_code` matches, if any.
    #[serde(default)]
    pub hint: Option<String>,
    /// County code, from a poster's deep link.
    #[serde(default)]
    pub county: Option<String>,
    /// Receives staff announcements.
    #[serde(default = "yes")]
    pub announcements: bool,
    /// False once Telegram said the user blocked the bot.
    #[serde(default = "yes")]
    pub reachable: bool,
    /// Unix seconds.
    #[serde(default)]
    pub first_seen: i64,
    #[serde(default)]
    pub last_seen: i64,
    /// The last completed questionnaire.
    #[serde(default)]
    pub answers: Vec<(String, String)>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            lang: None,
            hint: None,
            county: None,
            announcements: true,
            reachable: true,
            first_seen: 0,
            last_seen: 0,
            answers: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start(Option<String>),
    Help,
    Language,
    Menu,
    Packages,
    Check,
    Ask,
    Human,
    /// Staff only: the unanswered inbox.
    Unanswered,
    /// Erase everything the bot keeps about this user (after confirming).
    Forget,
    /// Staff only: re-read content and locales.
    Reload,
    /// Announcements off (`/start` turns them back on).
    Stop,
    Settings,
    /// Staff only: compose a broadcast / list jobs.
    Broadcast,
    Broadcasts,
    Unknown,
}

impl Command {
    /// `/name[@bot] [argument]`; `None` when the text is not a command.
    pub fn parse(text: &str) -> Option<Command> {
        let rest = text.trim_start().strip_prefix('/')?;
        let (word, arg) = match rest.split_once(char::is_whitespace) {
            Some((w, a)) => (w, a.trim()),
            None => (rest, ""),
        };
        let name = word.split('@').next().unwrap_or("").to_ascii_lowercase();
        Some(match name.as_str() {
            "start" => {
                let ok = !arg.is_empty()
                    && arg.len() <= 64
                    && arg
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                Command::Start(ok.then(|| arg.to_string()))
            }
            "help" => Command::Help,
            "language" | "lang" => Command::Language,
            "menu" => Command::Menu,
            "packages" => Command::Packages,
            "check" => Command::Check,
            "ask" => Command::Ask,
            "human" | "staff" => Command::Human,
            "unanswered" => Command::Unanswered,
            "forget" => Command::Forget,
            "reload" => Command::Reload,
            "stop" => Command::Stop,
            "settings" => Command::Settings,
            "broadcast" => Command::Broadcast,
            "broadcasts" => Command::Broadcasts,
            _ => Command::Unknown,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Command(Command),
    Text(String),
    Button(Action),
    /// Callback data that did not decode (old version or forged).
    BadButton(CodecError),
    /// A voice message (always accepted: handed to staff).
    Voice {
        file_id: String,
    },
    /// A photo (handed to staff during a conversation with staff).
    Photo {
        file_id: String,
        caption: Option<String>,
    },
    /// Stickers, locations, …
    Unsupported,
}

impl Input {
    /// A typed message: a command when it starts with `/`, else text.
    pub fn from_text(text: &str) -> Input {
        match Command::parse(text) {
            Some(c) => Input::Command(c),
            None => Input::Text(text.to_string()),
        }
    }

    pub fn from_callback(data: &str) -> Input {
        match Action::decode(data) {
            Ok(a) => Input::Button(a),
            Err(e) => Input::BadButton(e),
        }
    }
}

/// Typed words that stand for a button: normalized phrase → keys. A button answers
/// to its label's key (`Line::label_key`) and to its action's keyword group.
#[derive(Debug, Clone, Default)]
pub struct Keywords {
    map: HashMap<String, Vec<String>>,
}

impl Keywords {
    pub fn add(&mut self, key: &str, phrase: &str) {
        let p = normalize(phrase);
        if p.is_empty() {
            return;
        }
        let keys = self.map.entry(p).or_default();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
        }
    }

    fn keys(&self, normalized: &str) -> &[String] {
        self.map.get(normalized).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

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
    /// Count the draft's recipients per language, then show [`staff::counted`].
    PreviewBroadcast(staff::Draft),
    /// Create the job (the adapter re-checks the gate with fresh counts).
    Broadcast(staff::Draft),
    /// Stop a queued or running job.
    CancelBroadcast(u64),
    /// Show [`staff::list_reply`].
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

/// Longest text the engine looks at; the rest of a 4,000-character message is noise.
const MAX_TEXT: usize = 500;

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
        Input::Text(t) => match resolve_text(ctx, profile, &state, &t) {
            Ok(a) => a,
            Err(Unresolved::Reply(r)) => return (state, r),
            Err(Unresolved::FreeText) if state == State::Human => {
                let text: String = mask_numbers(&t).chars().take(MAX_STAFF_TEXT).collect();
                return to_staff(ctx, profile, state, StaffMessage::Text(text), fx);
            }
            Err(Unresolved::FreeText) => return answer_question(ctx, profile, &t, fx),
        },
    };
    act(ctx, profile, state, action, fx)
}

/// Longest message forwarded to staff (Telegram's limit minus room for a header).
const MAX_STAFF_TEXT: usize = 3500;

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
        Input::Text(t) if seen_picker => resolve_buttons(ctx, &picker(ctx, gone), &t),
        _ => None,
    };
    match action {
        Some(a @ Action::SetLang(_)) => act(ctx, profile, State::Language, a, &mut Vec::new()),
        _ => (State::Language, vec![picker(ctx, gone)]),
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
    let opted_in = staff::opt_in(profile);
    let mut from_hint = false;
    if let [only] = ctx.languages {
        profile.lang = Some(only.clone());
    }
    if profile.lang.is_none() {
        match profile.hint.clone().filter(|h| ctx.languages.contains(h)) {
            Some(h) => {
                profile.lang = Some(h);
                from_hint = true;
            }
            None => return (State::Language, vec![picker(ctx, gone)]),
        }
    }
    let mut r = Reply::default().line(Line::new(msg::WELCOME));
    if from_hint {
        r = r.line(Line::new(msg::WELCOME_LANG));
    }
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

fn picker(ctx: &Ctx<'_>, gone: bool) -> Reply {
    let mut r = Reply::default();
    for l in ctx.languages {
        if gone {
            r = r.line(Line::new(msg::LANG_GONE).in_lang(l));
        }
        r = r.line(Line::new(msg::LANG_PROMPT).in_lang(l));
    }
    for l in ctx.languages {
        r = r.row(vec![button(
            Line::new(msg::LANGUAGE_NAME).in_lang(l),
            Action::SetLang(l.clone()),
        )]);
    }
    r
}

/// A typed number or keyword that stands for one of these buttons.
fn resolve_buttons(ctx: &Ctx<'_>, screen: &Reply, text: &str) -> Option<Action> {
    let text: String = text.chars().take(MAX_TEXT).collect();
    if let Some(n) = parse_number(&text) {
        return screen
            .flat_buttons()
            .nth((n as usize).checked_sub(1)?)
            .map(|b| b.action.clone());
    }
    let keys = ctx.keywords.keys(&normalize(&text));
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
    let norm = normalize(&text.chars().take(MAX_TEXT).collect::<String>());
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
    let id = match state {
        State::Quiz { .. } => msg::NOTICE_USE_BUTTONS,
        _ if norm.is_empty() => msg::NOTICE_NOT_UNDERSTOOD,
        _ => return Err(Unresolved::FreeText),
    };
    let mut r = screen;
    r.lines.insert(0, Line::new(id));
    Err(Unresolved::Reply(vec![r]))
}

/// Free text outside a conversation with staff: the FAQ answers it, or offers
/// the closest topics and a person, and records it for staff when unsure.
fn answer_question(
    ctx: &Ctx<'_>,
    profile: &Profile,
    text: &str,
    fx: &mut Vec<Effect>,
) -> (State, Vec<Reply>) {
    // Mask the whole text first: a cut must not leave the head of a number.
    let masked: String = mask_numbers(text).chars().take(MAX_TEXT).collect();
    let text: String = text.chars().take(MAX_TEXT).collect();
    let lang = profile.lang.clone().unwrap_or_default();
    let hits = ctx
        .faq
        .map(|f| (f.search_as(&text, profile.lang.as_deref(), 3), f))
        .map(|(h, f)| {
            let sure = f.is_confident(&h);
            (h, sure)
        });
    match hits {
        Some((hits, true)) if !hits.is_empty() => {
            let top = &hits[0];
            if top.topic == HUMAN_TOPIC {
                return human(ctx, profile, fx);
            }
            let state = State::Answered {
                topic: top.topic.clone(),
                question: masked,
            };
            let mut r = view(ctx, profile, &state);
            if top.lang != lang && ctx.languages.contains(&top.lang) {
                // Understood in another of our languages: answer in the user's
                // own, and offer to switch with one tap.
                let name = Line::new(msg::LANGUAGE_NAME).in_lang(&top.lang);
                r.lines
                    .push(Line::new(msg::FAQ_OTHER_LANG).line("language", name.clone()));
                r.buttons.insert(
                    1,
                    vec![button(
                        Line::new(msg::BTN_SWITCH_LANG).line("language", name),
                        Action::SetLang(top.lang.clone()),
                    )],
                );
            }
            (state, vec![r])
        }
        other => {
            let topics: Vec<String> = other
                .map(|(h, _)| h.into_iter().map(|h| h.topic).collect())
                .unwrap_or_default();
            let topic = topics.first().cloned();
            fx.push(Effect::Unanswered {
                lang,
                text: masked,
                topic,
            });
            let state = State::Suggest { topics };
            let r = view(ctx, profile, &state);
            (state, vec![r])
        }
    }
}

fn has_topic(ctx: &Ctx<'_>, topic: &str) -> bool {
    ctx.faq.is_some_and(|f| f.has_topic(topic))
}

/// The FAQ topic that means "let me talk to a person".
pub const HUMAN_TOPIC: &str = "human";

fn human(ctx: &Ctx<'_>, profile: &Profile, fx: &mut Vec<Effect>) -> (State, Vec<Reply>) {
    if !ctx.handoff {
        // The hotline and the service hall; its screen is the Human view.
        let r = view(ctx, profile, &State::Human);
        return (State::Human, vec![r]);
    }
    fx.push(Effect::OpenHandoff);
    let mut r = view(ctx, profile, &State::Human);
    r.lines = vec![Line::new(msg::HANDOFF_OPEN).text("hours", ctx.content.office_hours.clone())];
    (State::Human, vec![r])
}

/// A message for staff: forwarded when there is a staff chat (a voice message
/// opens the conversation by itself), else the hotline and service hall.
fn to_staff(
    ctx: &Ctx<'_>,
    profile: &Profile,
    state: State,
    m: StaffMessage,
    fx: &mut Vec<Effect>,
) -> (State, Vec<Reply>) {
    if !ctx.handoff {
        return human(ctx, profile, fx);
    }
    if state != State::Human {
        fx.push(Effect::OpenHandoff);
    }
    let id = if matches!(m, StaffMessage::Voice { .. }) {
        msg::HANDOFF_VOICE
    } else {
        msg::HANDOFF_SENT
    };
    fx.push(Effect::ToStaff(m));
    let mut r = view(ctx, profile, &State::Human);
    r.lines = vec![Line::new(id)];
    if state != State::Human {
        r.lines
            .push(Line::new(msg::HANDOFF_OPEN).text("hours", ctx.content.office_hours.clone()));
    }
    (State::Human, vec![r])
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
        Action::LanguageMenu => State::Language,
        Action::SetLang(l) => {
            if !ctx.languages.contains(&l) {
                return old_button(ctx, profile, state);
            }
            profile.lang = Some(l);
            let mut r = view(ctx, profile, &State::Menu);
            r.lines.insert(0, Line::new(msg::LANG_SET));
            return (State::Menu, vec![r]);
        }
        Action::Packages => State::Packages,
        Action::Package(id) | Action::Apply(id) if current_package(ctx, &id).is_none() => {
            let mut r = view(ctx, profile, &State::Packages);
            r.lines.insert(0, Line::new(msg::NOTICE_OLD_BUTTON));
            return (State::Packages, vec![r]);
        }
        Action::Package(id) => State::Package { id },
        Action::Apply(id) => State::Apply { id },
        Action::Quiz | Action::QuizRestart => {
            let mut r = view(ctx, profile, &State::Quiz { answers: vec![] });
            r.lines.insert(0, Line::new(msg::QUIZ_INTRO));
            return (State::Quiz { answers: vec![] }, vec![r]);
        }
        Action::Answer { q, v } => {
            let State::Quiz { mut answers } = state else {
                return old_button(ctx, profile, state);
            };
            let current = ctx.content.questions.get(answers.len());
            match current {
                Some(cq) if cq.id == q && cq.choices.contains(&v) => answers.push((q, v)),
                _ => return old_button(ctx, profile, State::Quiz { answers }),
            }
            if answers.len() >= ctx.content.questions.len() {
                profile.answers = answers;
                State::Result
            } else {
                State::Quiz { answers }
            }
        }
        Action::Back => match state {
            State::Quiz { mut answers } if !answers.is_empty() => {
                answers.pop();
                State::Quiz { answers }
            }
            State::Apply { id } => State::Package { id },
            State::Package { .. } => State::Packages,
            _ => State::Menu,
        },
        Action::Ask => State::Ask,
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
            }
        }
        Action::Helpful { topic, yes } => {
            let question = match &state {
                State::Answered { topic: t, question } if *t == topic => question.clone(),
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
            let mut r = view(ctx, profile, &State::Menu);
            r.lines.insert(0, Line::new(id));
            if !yes {
                r.buttons
                    .insert(0, vec![button(Line::new(msg::BTN_HUMAN), Action::Human)]);
            }
            return (State::Menu, vec![r]);
        }
        Action::Forget => State::Forget,
        Action::ForgetConfirm => {
            if state != State::Forget {
                return old_button(ctx, profile, state);
            }
            fx.push(Effect::Forget);
            let r = Reply::default().line(Line::new(msg::FORGET_DONE));
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
        Action::Announce(on) => return staff::set_announcements(ctx, profile, on),
        Action::Bc(_) => return old_button(ctx, profile, state),
    };
    let r = view(ctx, profile, &next);
    (next, vec![r])
}

fn old_button(ctx: &Ctx<'_>, profile: &Profile, state: State) -> (State, Vec<Reply>) {
    notice(ctx, profile, state, msg::NOTICE_OLD_BUTTON)
}

fn current_package<'c>(ctx: &Ctx<'c>, id: &str) -> Option<&'c Package> {
    ctx.content.package(id).filter(|p| p.is_current(ctx.today))
}

/// Packages on offer today, in the user's county when it is known.
fn offered<'c>(ctx: &Ctx<'c>, profile: &Profile) -> Vec<&'c Package> {
    ctx.content
        .packages
        .iter()
        .filter(|p| p.is_current(ctx.today))
        .filter(|p| match &profile.county {
            Some(c) => p.counties.is_empty() || p.counties.contains(c),
            None => true,
        })
        .collect()
}

fn name(p: &Package) -> Line {
    Line::new(format!("pkg-{}-name", p.id))
}

fn price(p: &Package) -> Line {
    match (p.monthly_fee, p.price) {
        (Some(fee), _) => Line::new(msg::PRICE_MONTH).text("amount", fee.to_string()),
        (None, Some(price)) => Line::new(msg::PRICE_ONCE).text("amount", price.to_string()),
        (None, None) => Line::new(msg::PRICE_FREE),
    }
}

fn menu_buttons() -> Vec<Vec<Button>> {
    vec![
        vec![
            button(Line::new(msg::MENU_PACKAGES), Action::Packages),
            button(Line::new(msg::MENU_CHECK), Action::Quiz),
        ],
        vec![
            button(Line::new(msg::MENU_ASK), Action::Ask),
            button(Line::new(msg::MENU_HUMAN), Action::Human),
        ],
        vec![button(Line::new(msg::MENU_LANGUAGE), Action::LanguageMenu)],
    ]
}

fn back_menu() -> Vec<Button> {
    vec![
        button(Line::new(msg::BTN_BACK), Action::Back),
        button(Line::new(msg::BTN_MENU), Action::Menu),
    ]
}

/// The screen for a state: what is shown on arrival, and what typed numbers and
/// keywords refer to while the user is there.
pub fn view(ctx: &Ctx<'_>, profile: &Profile, state: &State) -> Reply {
    match state {
        State::New | State::Language => picker(ctx, false),
        State::Menu => Reply {
            lines: vec![Line::new(msg::MENU_TITLE)],
            buttons: menu_buttons(),
        },
        State::Packages => {
            let list = offered(ctx, profile);
            let mut r = Reply::default().line(Line::new(if list.is_empty() {
                msg::PACKAGES_NONE
            } else {
                msg::PACKAGES_TITLE
            }));
            for p in list {
                let label = Line::new(msg::PACKAGE_BUTTON)
                    .line("name", name(p))
                    .line("price", price(p));
                r = r.row(vec![button(label, Action::Package(p.id.clone()))]);
            }
            r.row(vec![button(Line::new(msg::BTN_MENU), Action::Menu)])
        }
        State::Package { id } => match current_package(ctx, id) {
            Some(p) => package_card(p),
            None => view(ctx, profile, &State::Packages),
        },
        State::Apply { id } => match current_package(ctx, id) {
            Some(p) => Reply::default()
                .line(name(p))
                .line(Line::new(format!("pkg-{}-bring", p.id)))
                .line(Line::new(format!("pkg-{}-where", p.id)))
                .line(Line::new(msg::APPLY_HOTLINE).text("number", ctx.content.hotline.clone()))
                .row(vec![button(Line::new(msg::BTN_CHECK), Action::Quiz)])
                .row(back_menu()),
            None => view(ctx, profile, &State::Packages),
        },
        State::Quiz { answers } => match ctx.content.questions.get(answers.len()) {
            Some(q) => {
                let n = answers.len() as i64 + 1;
                let total = ctx.content.questions.len() as i64;
                let choices = q
                    .choices
                    .iter()
                    .map(|c| {
                        button(
                            Line::new(format!("q-{}-{c}", q.id)),
                            Action::Answer {
                                q: q.id.clone(),
                                v: c.clone(),
                            },
                        )
                    })
                    .collect();
                let mut nav = Vec::new();
                if !answers.is_empty() {
                    nav.push(button(Line::new(msg::BTN_BACK), Action::Back));
                    nav.push(button(Line::new(msg::BTN_RESTART), Action::QuizRestart));
                }
                nav.push(button(Line::new(msg::BTN_MENU), Action::Menu));
                Reply::default()
                    .line(
                        Line::new(msg::QUIZ_PROGRESS)
                            .arg("n", Arg::Num(n))
                            .arg("total", Arg::Num(total)),
                    )
                    .line(Line::new(format!("q-{}", q.id)))
                    .row(choices)
                    .row(nav)
            }
            None => result(ctx, profile),
        },
        State::Result => result(ctx, profile),
        State::Ask => Reply::default().line(Line::new(msg::ASK_PROMPT)).row(vec![
            button(Line::new(msg::BTN_HUMAN), Action::Human),
            button(Line::new(msg::BTN_MENU), Action::Menu),
        ]),
        State::Human if ctx.handoff => {
            Reply::default()
                .line(Line::new(msg::HANDOFF_WAITING))
                .row(vec![
                    button(Line::new(msg::BTN_END), Action::EndHandoff),
                    button(Line::new(msg::BTN_MENU), Action::Menu),
                ])
        }
        State::Human => Reply::default()
            .line(
                Line::new(msg::HUMAN_UNAVAILABLE)
                    .text("number", ctx.content.hotline.clone())
                    .text("hours", ctx.content.office_hours.clone()),
            )
            .row(vec![
                button(Line::new(msg::BTN_PACKAGES), Action::Packages),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ]),
        // A topic removed from the FAQ since (by /reload): back to the menu.
        State::Answered { topic, .. } if !has_topic(ctx, topic) => view(ctx, profile, &State::Menu),
        State::Answered { topic, .. } => Reply::default()
            .line(Line::new(format!("faq-{topic}-a")))
            .line(Line::new(msg::FAQ_HELPFUL))
            .row(vec![
                button(
                    Line::new(msg::BTN_HELPFUL_YES),
                    Action::Helpful {
                        topic: topic.clone(),
                        yes: true,
                    },
                ),
                button(
                    Line::new(msg::BTN_HELPFUL_NO),
                    Action::Helpful {
                        topic: topic.clone(),
                        yes: false,
                    },
                ),
            ])
            .row(vec![
                button(Line::new(msg::BTN_HUMAN), Action::Human),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ]),
        State::Forget => Reply::default()
            .line(Line::new(msg::FORGET_CONFIRM))
            .row(vec![
                button(Line::new(msg::BTN_FORGET_YES), Action::ForgetConfirm),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ]),
        State::Suggest { topics } => {
            let topics: Vec<&String> = topics.iter().filter(|t| has_topic(ctx, t)).collect();
            let mut r = Reply::default().line(Line::new(if topics.is_empty() {
                msg::FAQ_NOTHING
            } else {
                msg::FAQ_UNSURE
            }));
            for t in topics {
                r = r.row(vec![button(
                    Line::new(format!("faq-{t}-title")),
                    Action::Faq(t.clone()),
                )]);
            }
            r.row(vec![
                button(Line::new(msg::BTN_HUMAN), Action::Human),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ])
        }
        State::Compose { .. } | State::Settings => staff::view(ctx, profile, state),
    }
}

fn package_card(p: &Package) -> Reply {
    let mut r = Reply::default().line(name(p)).line(price(p));
    if let Some(gb) = p.data_gb {
        r = r.line(Line::new(msg::PACKAGE_DATA).arg("gb", Arg::Num(gb.into())));
    }
    if let Some(m) = p.minutes {
        r = r.line(Line::new(msg::PACKAGE_MINUTES).arg("minutes", Arg::Num(m.into())));
    }
    r = r
        .line(Line::new(format!("pkg-{}-gives", p.id)))
        .line(Line::new(format!("pkg-{}-who", p.id)));
    r = r.line(match &p.until {
        Some(u) => Line::new(msg::PACKAGE_DATES)
            .text("from", p.from.0.clone())
            .text("until", u.0.clone()),
        None => Line::new(msg::PACKAGE_DATES_OPEN).text("from", p.from.0.clone()),
    });
    r = r.line(if p.counties.is_empty() {
        Line::new(msg::PACKAGE_COUNTIES_ALL)
    } else {
        let names = p
            .counties
            .iter()
            .map(|c| Line::new(format!("county-{c}")))
            .collect();
        Line::new(msg::PACKAGE_COUNTIES).arg("counties", Arg::List(names))
    });
    r.row(vec![
        button(Line::new(msg::BTN_APPLY), Action::Apply(p.id.clone())),
        button(Line::new(msg::BTN_CHECK), Action::Quiz),
    ])
    .row(back_menu())
}

/// The questionnaire's verdict for every package on offer, with reasons.
fn result(ctx: &Ctx<'_>, profile: &Profile) -> Reply {
    let answers = &profile.answers;
    let mut r = Reply::default().line(Line::new(msg::RESULT_TITLE));
    let cond_lines = |cs: &[crate::content::Cond]| {
        Arg::List(cs.iter().map(|c| Line::new(c.message_id())).collect())
    };
    for p in ctx
        .content
        .packages
        .iter()
        .filter(|p| p.is_current(ctx.today))
    {
        let try_line = || match p
            .rule
            .try_instead
            .as_deref()
            .and_then(|t| current_package(ctx, t))
        {
            Some(t) if matches!(t.rule.judge(answers), Verdict::Yes(_)) => {
                Line::new(msg::RESULT_TRY).line("package", name(t))
            }
            _ => Line::new(msg::RESULT_TRY_STAFF),
        };
        let line = match p.rule.judge(answers) {
            Verdict::Yes(because) if because.is_empty() => {
                Line::new(msg::RESULT_OPEN).line("package", name(p))
            }
            Verdict::Yes(because) => Line::new(msg::RESULT_YES)
                .line("package", name(p))
                .arg("reasons", cond_lines(&because)),
            Verdict::Missing { all, any } => {
                let mut missing: Vec<Line> =
                    all.iter().map(|c| Line::new(c.message_id())).collect();
                if !any.is_empty() {
                    let options = Arg::Alt(any.iter().map(|c| Line::new(c.message_id())).collect());
                    missing.push(Line::new(msg::COND_ONE_OF).arg("options", options));
                }
                Line::new(msg::RESULT_MISSING)
                    .line("package", name(p))
                    .arg("missing", Arg::List(missing))
                    .line("try", try_line())
            }
            Verdict::Excluded(c) => Line::new(msg::RESULT_EXCLUDED)
                .line("package", name(p))
                .line("reason", Line::new(c.message_id()))
                .line("try", try_line()),
        };
        r = r.line(line);
    }
    r.row(vec![
        button(Line::new(msg::BTN_PACKAGES), Action::Packages),
        button(Line::new(msg::BTN_RESTART), Action::QuizRestart),
    ])
    .row(vec![
        button(Line::new(msg::BTN_HUMAN), Action::Human),
        button(Line::new(msg::BTN_MENU), Action::Menu),
    ])
}

#[cfg(test)]
mod tests;

/// One open entry of the unanswered inbox, for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    pub id: String,
    pub lang: String,
    pub count: u64,
    pub text: String,
}

/// Staff's view of the unanswered inbox: the most asked first, a button each to
/// mark it handled.
pub fn inbox_reply(items: &[InboxItem]) -> Reply {
    if items.is_empty() {
        return Reply::default().line(Line::new(msg::INBOX_EMPTY));
    }
    let mut r = Reply::default().line(Line::new(msg::INBOX_TITLE));
    let mut row = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let n = i as i64 + 1;
        let text: String = item.text.chars().take(200).collect();
        r = r.line(
            Line::new(msg::INBOX_ITEM)
                .arg("n", Arg::Num(n))
                .line("lang", Line::new(msg::LANGUAGE_NAME).in_lang(&item.lang))
                .arg("count", Arg::Num(item.count as i64))
                .text("text", text),
        );
        row.push(button(
            Line::new(msg::BTN_INBOX_DONE).arg("n", Arg::Num(n)),
            Action::InboxDone(item.id.clone()),
        ));
        if row.len() == 5 {
            r = r.row(std::mem::take(&mut row));
        }
    }
    r.row(row)
}

/// What a user sees when staff answer in the staff chat.
pub fn staff_reply(text: &str, in_handoff: bool) -> Reply {
    let r = Reply::default().line(Line::new(msg::HANDOFF_STAFF_SAYS).text("text", text));
    if in_handoff {
        r.row(vec![
            button(Line::new(msg::BTN_END), Action::EndHandoff),
            button(Line::new(msg::BTN_MENU), Action::Menu),
        ])
    } else {
        r.row(vec![
            button(Line::new(msg::BTN_HUMAN), Action::Human),
            button(Line::new(msg::BTN_MENU), Action::Menu),
        ])
    }
}
