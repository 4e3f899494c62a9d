//! Free text: FAQ answers, the way to a person (hand-over), and the replies staff see (inbox, staff replies).

use super::*;

/// Free text outside a conversation with staff: the FAQ answers it, or offers
/// the closest topics and a person, and records it for staff when unsure.
pub(super) fn answer_question(
    ctx: &Ctx<'_>,
    profile: &Profile,
    text: &str,
    fx: &mut Vec<Effect>,
) -> (State, Vec<Reply>) {
    // Mask the whole text first: a cut must not leave the head of a number.
    let masked = limits::cut_chars(&mask_numbers(text), limits::QUESTION_CHARS).to_string();
    let text = limits::cut_chars(text, limits::QUESTION_CHARS);
    let lang = profile.lang.clone().unwrap_or_default();
    let hits = ctx
        .faq
        .map(|f| (f.search_as(text, profile.lang.as_deref(), 3), f))
        .map(|(h, f)| {
            let sure = f.is_confident(&h);
            (h, sure)
        });
    match hits {
        // A careful answer needs a clear match; else it is asked first, as a
        // choice among the closest topics (the bot has answers: not recorded).
        Some((hits, true))
            if hits.first().is_some_and(|h| {
                ctx.content.is_careful(&h.topic) && h.confidence < crate::faq::CLEAR
            }) =>
        {
            let state = State::Suggest {
                topics: hits.into_iter().map(|h| h.topic).collect(),
            };
            let r = view(ctx, profile, &state);
            (state, vec![r])
        }
        Some((hits, true)) if !hits.is_empty() => {
            let top = &hits[0];
            if top.topic == HUMAN_TOPIC {
                return human(ctx, profile, fx);
            }
            // Written wholly in another of our languages (not a loanword in
            // the user's own): answer in the user's own, and offer to switch
            // with one tap.
            let wholly = |f: &FaqIndex| f.table().wholly_in(text, &top.lang, Some(&lang));
            let offer = (top.lang != lang
                && ctx.languages.contains(&top.lang)
                && ctx.faq.is_some_and(wholly))
            .then(|| top.lang.clone());
            let state = State::Answered {
                topic: top.topic.clone(),
                question: masked,
                offer,
            };
            // An answer the user may want to keep: never replaces a screen.
            let r = view(ctx, profile, &state).kept();
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

pub(super) fn has_topic(ctx: &Ctx<'_>, topic: &str) -> bool {
    ctx.faq.is_some_and(|f| f.has_topic(topic))
}

/// The FAQ topic that means "let me talk to a person".
pub const HUMAN_TOPIC: &str = "human";

pub(super) fn human(ctx: &Ctx<'_>, profile: &Profile, fx: &mut Vec<Effect>) -> (State, Vec<Reply>) {
    if !ctx.handoff {
        // The hotline and the service hall; its screen is the Human view.
        let r = view(ctx, profile, &State::Human);
        return (State::Human, vec![r]);
    }
    fx.push(Effect::OpenHandoff);
    let mut r = view(ctx, profile, &State::Human);
    r.lines = vec![Line::new(msg::HANDOFF_OPEN).text("hours", ctx.content.office_hours.clone())];
    (State::Human, vec![r.kept()])
}

/// A message for staff: forwarded when there is a staff chat (a voice message
/// opens the conversation by itself), else the hotline and service hall.
pub(super) fn to_staff(
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
    (State::Human, vec![r.kept()])
}

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
        let text = limits::cut_chars(&item.text, limits::INBOX_ITEM_CHARS);
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
    let r = Reply::default()
        .kept()
        .line(Line::new(msg::HANDOFF_STAFF_SAYS).text("text", text));
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
