//! Telegram updates, reduced to what the engine and the store need: which updates
//! netplus acts on, who acted, and what they sent.

use crate::engine::Input;
use teloxide::types::{Update, UpdateKind};

/// One update, reduced to what the engine and the store need.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub update_id: i64,
    pub chat: i64,
    /// `None`: recorded as applied, nothing to answer (edited messages, …).
    pub input: Option<Input>,
    pub tg_lang: Option<String>,
    pub callback: Option<String>,
    /// Telegram told us the user blocked (false) or unblocked (true) the bot.
    pub reachable: Option<bool>,
    /// In the staff chat: a reply (to this message id) with this text.
    pub staff_reply: Option<(i64, String)>,
    /// Who acted (`message.from`, `callback_query.from`): privilege follows this
    /// user, never the chat or the message a button sits on.
    pub from: Option<i64>,
}

/// Which updates netplus acts on. Group chats, channels and inline queries are
/// ignored on purpose (the bot serves people in private chats), except staff
/// replies in the staff chat.
pub fn event(update: &Update, staff_chat: Option<i64>) -> Option<Event> {
    let update_id = i64::from(update.id.0);
    let none = |chat: i64| Event {
        update_id,
        chat,
        input: None,
        tg_lang: None,
        callback: None,
        reachable: None,
        staff_reply: None,
        from: None,
    };
    match &update.kind {
        UpdateKind::Message(m) if Some(m.chat.id.0) == staff_chat => {
            let reply_to = m.reply_to_message()?;
            let text = m.text()?;
            Some(Event {
                staff_reply: Some((i64::from(reply_to.id.0), text.to_string())),
                from: m.from.as_ref().and_then(|u| i64::try_from(u.id.0).ok()),
                ..none(m.chat.id.0)
            })
        }
        UpdateKind::Message(m) if m.chat.is_private() => {
            let input = if let Some(t) = m.text() {
                Input::from_text(t)
            } else if let Some(v) = m.voice() {
                Input::Voice {
                    file_id: v.file.id.0.clone(),
                }
            } else if let Some(p) = m.photo().and_then(|sizes| sizes.last()) {
                Input::Photo {
                    file_id: p.file.id.0.clone(),
                    caption: m.caption().map(String::from),
                }
            } else if matches!(m.kind, teloxide::types::MessageKind::Common(_)) {
                Input::Unsupported
            } else {
                return None;
            };
            Some(Event {
                update_id,
                chat: m.chat.id.0,
                input: Some(input),
                tg_lang: m.from.as_ref().and_then(|u| u.language_code.clone()),
                callback: None,
                reachable: Some(true),
                staff_reply: None,
                from: m.from.as_ref().and_then(|u| i64::try_from(u.id.0).ok()),
            })
        }
        UpdateKind::EditedMessage(m) if m.chat.is_private() => Some(none(m.chat.id.0)),
        UpdateKind::CallbackQuery(q) => {
            let chat = match &q.message {
                Some(m) if m.chat().is_private() => m.chat().id.0,
                Some(_) => return None,
                None => return None,
            };
            Some(Event {
                update_id,
                chat,
                input: Some(Input::from_callback(q.data.as_deref().unwrap_or(""))),
                tg_lang: q.from.language_code.clone(),
                callback: Some(q.id.0.clone()),
                reachable: Some(true),
                staff_reply: None,
                from: i64::try_from(q.from.id.0).ok(),
            })
        }
        UpdateKind::MyChatMember(m) if m.chat.is_private() => Some(Event {
            reachable: Some(m.new_chat_member.is_present()),
            ..none(m.chat.id.0)
        }),
        _ => None,
    }
}
