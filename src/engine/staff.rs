//! Staff broadcasts and users' announcement settings (issue 3), still pure.
//!
//! Staff (`Ctx::staff`, set by the adapter from the configuration on every update)
//! compose a broadcast in a guided flow: one text per enabled language (or skip),
//! the audience, now or a time, then a preview with recipient counts per language
//! and confirm. Every privileged input is checked here against `ctx.staff`: anyone
//! else gets "no such command" or "old button", never anything privileged.
//!
//! What needs the store (counting recipients, creating, listing and stopping jobs)
//! leaves the engine as an [`Effect`]; the adapter carries it out and hands what
//! it learned back as [`Input::Learned`] ([`Learned`]), which `staff/replies.rs`
//! answers; the sender renders progress and reports with the same module's
//! [`progress_reply`] and [`report_reply`]. The broadcast's own types (draft,
//! audience, tallies, job status) are `crate::broadcast`'s; this module is the
//! staff dialogue only (compose, preview, confirm, list, stop).

use super::action::BcOp;
use super::{button, msg, Action, Arg, Command, Ctx, Effect, Input, Line, Profile, Reply, State};
use crate::broadcast::{Audience, Draft, JobStatus, JobSummary, ProgressView, StopOutcome, Tally};
use crate::text::parse_number;
use serde::{Deserialize, Serialize};

/// Telegram's limit for a message text (UTF-16 code units).
pub use super::limits::MESSAGE_TEXT_UNITS as MAX_TEXT_UNITS;

/// Where the composition is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "at", rename_all = "kebab-case")]
pub enum Stage {
    /// Asking for the text of this language.
    Text {
        lang: String,
    },
    #[default]
    Audience,
    ByLang,
    ByCounty,
    ByPackage,
    When,
    /// Recipients per recipient language, once the adapter has counted them.
    Preview {
        #[serde(default)]
        counts: Option<Vec<(String, u64)>>,
    },
}

/// A broadcast being composed: the draft so far ([`Draft`], the broadcast's own
/// type) and where the dialogue is. Persisted in the session as one object, the
/// draft's fields then `stage`, exactly as before the draft moved to
/// `broadcast` (add fields with defaults; never rename).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Composition {
    #[serde(flatten)]
    pub draft: Draft,
    #[serde(default)]
    pub stage: Stage,
}

/// The dialogue reads and edits the draft in place (`c.texts`, `c.text_for(…)`).
impl std::ops::Deref for Composition {
    type Target = Draft;
    fn deref(&self) -> &Draft {
        &self.draft
    }
}

impl std::ops::DerefMut for Composition {
    fn deref_mut(&mut self) -> &mut Draft {
        &mut self.draft
    }
}

/// Length as Telegram counts it (UTF-16 code units).
pub use super::limits::units as text_units;

pub(super) fn lang_name(l: &str) -> Line {
    Line::new(msg::LANGUAGE_NAME).in_lang(l)
}

pub(super) fn duration(secs: u64) -> Line {
    Line::new(msg::BC_DURATION)
        .arg("minutes", Arg::Num((secs / 60) as i64))
        .arg("seconds", Arg::Num((secs % 60) as i64))
}

pub(super) fn num(n: u64) -> Arg {
    Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

// ---------------------------------------------------------------------------
// The hook into `engine::dispatch`.

/// Handled: the new state and replies; not handled: state and input given back.
pub(super) type Hooked = Result<(State, Vec<Reply>), Box<(State, Input)>>;

/// Handles broadcasts and announcement settings; gives state and input back when
/// they are none of its business.
pub(super) fn hook(
    ctx: &Ctx<'_>,
    profile: &mut Profile,
    state: State,
    input: Input,
    effects: &mut Vec<Effect>,
) -> Hooked {
    // A draft left behind by someone who is no longer staff is dropped.
    let state = match state {
        State::Compose { .. } if !ctx.staff => State::Menu,
        s => s,
    };
    match input {
        Input::Command(Command::Stop) => {
            Ok(super::settings::set_announcements(ctx, profile, false))
        }
        Input::Command(Command::Settings) => {
            Ok((State::Settings, vec![view(ctx, profile, &State::Settings)]))
        }
        Input::Button(Action::Announce(on)) => {
            Ok(super::settings::set_announcements(ctx, profile, on))
        }
        Input::Command(Command::Broadcast | Command::Broadcasts) | Input::Button(Action::Bc(_))
            if !ctx.staff =>
        {
            // Nothing privileged: exactly what any unknown command or stale button gets.
            let id = if matches!(input, Input::Command(_)) {
                msg::NOTICE_UNKNOWN_COMMAND
            } else {
                msg::NOTICE_OLD_BUTTON
            };
            Ok(super::notice(ctx, profile, state, id))
        }
        Input::Command(Command::Broadcast) => Ok(start(ctx, profile)),
        Input::Command(Command::Broadcasts) | Input::Button(Action::Bc(BcOp::List)) => {
            effects.push(Effect::ListBroadcasts);
            Ok((state, Vec::new()))
        }
        Input::Button(Action::Bc(BcOp::Stop(id))) => {
            effects.push(Effect::CancelBroadcast(id));
            Ok((state, Vec::new()))
        }
        Input::Button(Action::Bc(op)) => match state {
            State::Compose { draft } => Ok(compose_button(ctx, profile, draft, op, effects)),
            s => Ok(super::old_button(ctx, profile, s)),
        },
        Input::Text(t) => match state {
            State::Compose { draft } => Ok(compose_text(ctx, profile, draft, t, effects)),
            s => Err(Box::new((s, Input::Text(t)))),
        },
        other => Err(Box::new((state, other))),
    }
}

fn start(ctx: &Ctx<'_>, profile: &Profile) -> (State, Vec<Reply>) {
    match ctx.languages.first() {
        Some(first) => {
            let s = State::Compose {
                draft: Composition {
                    stage: Stage::Text {
                        lang: first.clone(),
                    },
                    ..Composition::default()
                },
            };
            let r = view(ctx, profile, &s);
            (s, vec![r])
        }
        None => super::notice(ctx, profile, State::Menu, msg::NOTICE_UNKNOWN_COMMAND),
    }
}

fn compose(draft: Composition, stage: Stage) -> State {
    State::Compose {
        draft: Composition { stage, ..draft },
    }
}

fn show(
    ctx: &Ctx<'_>,
    profile: &Profile,
    state: State,
    notice: Option<Line>,
) -> (State, Vec<Reply>) {
    let mut r = view(ctx, profile, &state);
    if let Some(n) = notice {
        r.lines.insert(0, n);
    }
    (state, vec![r])
}

/// The language asked after `lang`, or `None` when all were asked.
fn next_lang(ctx: &Ctx<'_>, lang: &str) -> Option<String> {
    let i = ctx.languages.iter().position(|l| l == lang)?;
    ctx.languages.get(i + 1).cloned()
}

fn after_text(
    ctx: &Ctx<'_>,
    profile: &Profile,
    mut draft: Composition,
    lang: &str,
    notice: Option<Line>,
) -> (State, Vec<Reply>) {
    match next_lang(ctx, lang) {
        Some(next) => show(
            ctx,
            profile,
            compose(draft, Stage::Text { lang: next }),
            notice,
        ),
        None if draft.texts.is_empty() => {
            let first = ctx.languages.first().cloned().unwrap_or_default();
            show(
                ctx,
                profile,
                compose(draft, Stage::Text { lang: first }),
                Some(Line::new(msg::BC_NO_TEXT)),
            )
        }
        None => {
            draft.texts.retain(|l, _| ctx.languages.contains(l));
            show(ctx, profile, compose(draft, Stage::Audience), notice)
        }
    }
}

fn compose_text(
    ctx: &Ctx<'_>,
    profile: &Profile,
    draft: Composition,
    text: String,
    effects: &mut Vec<Effect>,
) -> (State, Vec<Reply>) {
    let state = State::Compose { draft };
    let screen = view(ctx, profile, &state);
    // A typed number presses a button of this screen, as everywhere.
    let pressed = parse_number(&text)
        .filter(|n| *n > 0 && text.chars().count() <= 8)
        .and_then(|n| screen.flat_buttons().nth(n as usize - 1))
        .map(|b| b.action.clone());
    let State::Compose { mut draft } = state else {
        return (state, vec![screen]);
    };
    if let Some(Action::Bc(op)) = pressed {
        return compose_button(ctx, profile, draft, op, effects);
    }
    match draft.stage.clone() {
        Stage::Text { lang } => {
            if text.trim().is_empty() {
                return show(
                    ctx,
                    profile,
                    State::Compose { draft },
                    Some(Line::new(msg::BC_TEXT_EMPTY)),
                );
            }
            let units = text_units(&text);
            if units > MAX_TEXT_UNITS {
                let n = Line::new(msg::BC_TEXT_TOO_LONG)
                    .arg("length", num(units as u64))
                    .arg("max", num(MAX_TEXT_UNITS as u64));
                return show(ctx, profile, State::Compose { draft }, Some(n));
            }
            let saved = Line::new(msg::BC_TEXT_SAVED)
                .line("language", lang_name(&lang))
                .arg("length", num(units as u64));
            draft.texts.insert(lang.clone(), text);
            after_text(ctx, profile, draft, &lang, Some(saved))
        }
        Stage::When => match parse_china_time(&text) {
            Some(at) => {
                draft.at = Some(at);
                to_preview(draft, effects)
            }
            None => show(
                ctx,
                profile,
                State::Compose { draft },
                Some(Line::new(msg::BC_WHEN_BAD)),
            ),
        },
        _ => {
            let resolved = super::resolve_buttons(ctx, &screen, &text);
            match resolved {
                Some(Action::Bc(op)) => compose_button(ctx, profile, draft, op, effects),
                _ => show(
                    ctx,
                    profile,
                    State::Compose { draft },
                    Some(Line::new(msg::NOTICE_USE_BUTTONS)),
                ),
            }
        }
    }
}

fn to_preview(draft: Composition, effects: &mut Vec<Effect>) -> (State, Vec<Reply>) {
    let draft = Composition {
        stage: Stage::Preview { counts: None },
        ..draft
    };
    effects.push(Effect::PreviewBroadcast(draft.draft.clone()));
    (State::Compose { draft }, Vec::new())
}

fn compose_button(
    ctx: &Ctx<'_>,
    profile: &Profile,
    mut draft: Composition,
    op: BcOp,
    effects: &mut Vec<Effect>,
) -> (State, Vec<Reply>) {
    let stale = |draft: Composition| super::old_button(ctx, profile, State::Compose { draft });
    match (draft.stage.clone(), op) {
        (_, BcOp::Cancel) => {
            let mut r = super::view(ctx, profile, &State::Menu);
            r.lines.insert(0, Line::new(msg::BC_CANCELLED));
            (State::Menu, vec![r])
        }
        (_, BcOp::Edit) => start(ctx, profile),
        (Stage::Text { lang }, BcOp::Skip) => {
            draft.texts.remove(&lang);
            after_text(ctx, profile, draft, &lang, None)
        }
        (Stage::Audience, BcOp::All) => {
            draft.audience = Some(Audience::All);
            show(ctx, profile, compose(draft, Stage::When), None)
        }
        (Stage::Audience, BcOp::ByLang) => show(ctx, profile, compose(draft, Stage::ByLang), None),
        (Stage::Audience, BcOp::ByCounty) => {
            show(ctx, profile, compose(draft, Stage::ByCounty), None)
        }
        (Stage::Audience, BcOp::ByPackage) => {
            show(ctx, profile, compose(draft, Stage::ByPackage), None)
        }
        (Stage::ByLang, BcOp::Lang(l)) if ctx.languages.contains(&l) => {
            draft.audience = Some(Audience::Lang { lang: l });
            show(ctx, profile, compose(draft, Stage::When), None)
        }
        (Stage::ByCounty, BcOp::County(c)) if ctx.content.county(&c).is_some() => {
            draft.audience = Some(Audience::County { code: c });
            show(ctx, profile, compose(draft, Stage::When), None)
        }
        (Stage::ByPackage, BcOp::Package(p)) if ctx.content.package(&p).is_some() => {
            draft.audience = Some(Audience::Package { id: p });
            show(ctx, profile, compose(draft, Stage::When), None)
        }
        (Stage::When, BcOp::Now) => {
            draft.at = None;
            to_preview(draft, effects)
        }
        (Stage::Preview { .. }, BcOp::Fallback(l)) if draft.texts.contains_key(&l) => {
            draft.fallback = Some(l);
            to_preview(draft, effects)
        }
        (
            Stage::Preview {
                counts: Some(counts),
            },
            BcOp::Confirm,
        ) => {
            if crate::broadcast::gate(&draft, &counts).is_err() || draft.audience.is_none() {
                // The gate (the buttons already say so; a typed or forged confirm lands here).
                let state = State::Compose { draft };
                let r = view(ctx, profile, &state);
                return (state, vec![r]);
            }
            effects.push(Effect::Broadcast(draft.draft));
            (State::Menu, Vec::new())
        }
        (_, _) => stale(draft),
    }
}

// ---------------------------------------------------------------------------
// Screens.

fn cancel_row() -> Vec<super::Button> {
    vec![button(
        Line::new(msg::BC_BTN_CANCEL),
        Action::Bc(BcOp::Cancel),
    )]
}

/// The screens of this module: settings, and each stage of a composition.
pub(super) fn view(ctx: &Ctx<'_>, profile: &Profile, state: &State) -> Reply {
    let draft = match state {
        State::Compose { draft } => draft,
        _ => return super::settings::view(profile),
    };
    match &draft.stage {
        Stage::Text { lang } => {
            let n = ctx
                .languages
                .iter()
                .position(|l| l == lang)
                .map_or(1, |i| i + 1);
            Reply::default()
                .line(
                    Line::new(msg::BC_TEXT_PROMPT)
                        .line("language", lang_name(lang))
                        .arg("n", num(n as u64))
                        .arg("total", num(ctx.languages.len() as u64)),
                )
                .row(vec![button(
                    Line::new(msg::BC_BTN_SKIP),
                    Action::Bc(BcOp::Skip),
                )])
                .row(cancel_row())
        }
        Stage::Audience => Reply::default()
            .line(Line::new(msg::BC_AUDIENCE_PROMPT))
            .row(vec![
                button(Line::new(msg::BC_AUD_ALL), Action::Bc(BcOp::All)),
                button(Line::new(msg::BC_AUD_BY_LANG), Action::Bc(BcOp::ByLang)),
            ])
            .row(vec![
                button(Line::new(msg::BC_AUD_BY_COUNTY), Action::Bc(BcOp::ByCounty)),
                button(
                    Line::new(msg::BC_AUD_BY_PACKAGE),
                    Action::Bc(BcOp::ByPackage),
                ),
            ])
            .row(cancel_row()),
        Stage::ByLang => {
            let mut r = Reply::default().line(Line::new(msg::BC_AUD_LANG_PROMPT));
            for l in ctx.languages {
                r = r.row(vec![button(
                    lang_name(l),
                    Action::Bc(BcOp::Lang(l.clone())),
                )]);
            }
            r.row(cancel_row())
        }
        Stage::ByCounty => {
            let mut r = Reply::default().line(Line::new(msg::BC_AUD_COUNTY_PROMPT));
            for c in ctx.content.counties.chunks(2) {
                r = r.row(
                    c.iter()
                        .map(|c| {
                            button(
                                Line::new(format!("county-{}", c.code)),
                                Action::Bc(BcOp::County(c.code.clone())),
                            )
                        })
                        .collect(),
                );
            }
            r.row(cancel_row())
        }
        Stage::ByPackage => {
            let mut r = Reply::default().line(Line::new(msg::BC_AUD_PACKAGE_PROMPT));
            for p in &ctx.content.packages {
                r = r.row(vec![button(
                    Line::new(format!("pkg-{}-name", p.id)),
                    Action::Bc(BcOp::Package(p.id.clone())),
                )]);
            }
            r.row(cancel_row())
        }
        Stage::When => Reply::default()
            .line(Line::new(msg::BC_WHEN_PROMPT))
            .row(vec![button(
                Line::new(msg::BC_BTN_NOW),
                Action::Bc(BcOp::Now),
            )])
            .row(cancel_row()),
        Stage::Preview { counts } => summary(ctx, draft, counts.as_deref().unwrap_or(&[])),
    }
}

fn audience_line(a: Option<&Audience>) -> Line {
    match a {
        None | Some(Audience::All) => Line::new(msg::BC_AUD_DESC_ALL),
        Some(Audience::Lang { lang }) => {
            Line::new(msg::BC_AUD_DESC_LANG).line("language", lang_name(lang))
        }
        Some(Audience::County { code }) => {
            Line::new(msg::BC_AUD_DESC_COUNTY).line("county", Line::new(format!("county-{code}")))
        }
        Some(Audience::Package { id }) => {
            Line::new(msg::BC_AUD_DESC_PACKAGE).line("package", Line::new(format!("pkg-{id}-name")))
        }
    }
}

fn when_line(at: Option<i64>) -> Line {
    match at {
        None => Line::new(msg::BC_WHEN_NOW),
        Some(t) => Line::new(msg::BC_WHEN_AT).text("time", format_china_time(t)),
    }
}

/// The preview's last message: audience, time, counts, the gate, and the buttons.
fn summary(ctx: &Ctx<'_>, draft: &Draft, counts: &[(String, u64)]) -> Reply {
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    let mut r = Reply::default().line(
        Line::new(msg::BC_SUMMARY)
            .line("audience", audience_line(draft.audience.as_ref()))
            .line("when", when_line(draft.at))
            .arg("total", num(total)),
    );
    for l in ctx.languages {
        let n = counts.iter().find(|(c, _)| c == l).map_or(0, |(_, n)| *n);
        let text_lang = draft.text_for(l).map(|(tl, _)| tl.to_string());
        let mut line = Line::new(msg::BC_SUMMARY_LANG)
            .line("language", lang_name(l))
            .arg("count", num(n));
        line = line.line(
            "text",
            match text_lang {
                Some(tl) => lang_name(&tl),
                None => Line::new(msg::BC_TEXT_NONE),
            },
        );
        r = r.line(line);
    }
    let missing = crate::broadcast::missing_languages(draft, counts);
    if let Some(fb) = &draft.fallback {
        r = r.line(Line::new(msg::BC_FALLBACK_SET).line("language", lang_name(fb)));
    }
    if total == 0 {
        r = r.line(Line::new(msg::BC_NO_RECIPIENTS));
    } else if !missing.is_empty() {
        r = r.line(Line::new(msg::BC_MISSING).arg(
            "languages",
            Arg::List(missing.iter().map(|l| lang_name(l)).collect()),
        ));
        r = r.row(
            ctx.languages
                .iter()
                .filter(|l| draft.texts.contains_key(*l))
                .map(|l| {
                    button(
                        Line::new(msg::BC_BTN_FALLBACK).line("language", lang_name(l)),
                        Action::Bc(BcOp::Fallback(l.clone())),
                    )
                })
                .collect(),
        );
    } else {
        r = r.row(vec![button(
            Line::new(msg::BC_BTN_CONFIRM),
            Action::Bc(BcOp::Confirm),
        )]);
    }
    r.row(vec![
        button(Line::new(msg::BC_BTN_EDIT), Action::Bc(BcOp::Edit)),
        button(Line::new(msg::BC_BTN_CANCEL), Action::Bc(BcOp::Cancel)),
    ])
}

mod replies;
pub use replies::*;

#[cfg(test)]
mod tests;

pub use super::calendar::{civil_from_days, format_china_time, parse_china_time};
