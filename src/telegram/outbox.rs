//! Step 3, in the background: one deliverer per chat sends its outbox in
//! order, one message at a time, and drops each from the outbox once Telegram
//! took it (or refused it for good). Every [`FLUSH_SENT`] messages it waits
//! for `Store::flush` to make those drops durable before it sends more, so a
//! crash re-sends at most that many per chat; an emptied outbox asks for a
//! flush within `store::LAZY_FLUSH_MS` without waiting. A 5xx or network
//! failure is retried with `api::backoff` while the message stays first.

use super::api::{self, Class};
use super::{Outgoing, Runner};
use crate::store::Loaded;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// A chat's delivery flushes at least this often (in messages): the most replies
/// to one chat that a crash can send twice.
pub const FLUSH_SENT: usize = 4;

/// How one send ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    Ok(Option<i64>),
    /// 403: the user blocked the bot or is gone.
    Unreachable,
    /// Refused for good (a 400); logged.
    Dropped,
    /// Not sent now, kept in the outbox for later (401, or shutting down while
    /// a 5xx is retried): the next update of this chat or the next start sends it.
    Kept,
}

impl Runner {
    /// Step 3 for one chat, in the background: send its outbox in order and
    /// drop what was sent. One deliverer per chat at a time; it keeps going
    /// while new replies arrive, so a chat's messages never overtake each other.
    pub(super) fn spawn_delivery(self: &Arc<Self>, chat: i64) {
        let me = Arc::clone(self);
        self.inflight.start();
        tokio::spawn(async move {
            me.deliver(chat).await;
            me.inflight.done();
        });
    }

    async fn deliver(&self, chat: i64) {
        let slot = self.slots.get(chat);
        if slot.delivering.swap(true, Ordering::AcqRel) {
            return;
        }
        let mut unflushed = 0usize;
        loop {
            if unflushed >= FLUSH_SENT {
                // Waited for, not just asked for: a lazy flush would let this
                // loop send more while the drops are still unsynced, and a crash
                // then re-sends more than FLUSH_SENT.
                unflushed = 0;
                if let Err(e) = self.store.flush().await {
                    tracing::error!(chat, "cannot record deliveries: {e}");
                    slot.delivering.store(false, Ordering::Release);
                    return;
                }
            }
            let items = {
                let _g = slot.lock.lock().await;
                match self.store.session(chat) {
                    Ok(Some(s)) => s.outbox,
                    Ok(None) => Vec::new(),
                    Err(e) => {
                        tracing::error!(chat, "cannot read session to deliver: {e}");
                        slot.delivering.store(false, Ordering::Release);
                        return;
                    }
                }
            };
            if items.is_empty() {
                if unflushed > 0 {
                    unflushed = 0;
                    self.store.flush_soon();
                }
                slot.delivering.store(false, Ordering::Release);
                // An update may have added replies after the read above.
                let _g = slot.lock.lock().await;
                match self.store.session(chat) {
                    Ok(Some(s)) if !s.outbox.is_empty() => {
                        drop(_g);
                        if slot.delivering.swap(true, Ordering::AcqRel) {
                            return;
                        }
                        continue;
                    }
                    _ => {
                        if let Err(e) = self.store.clear_pending(chat) {
                            tracing::error!(chat, "cannot clear pending mark: {e}");
                        }
                        return;
                    }
                }
            }
            // One message at a time: sent, then dropped from the outbox; a flush
            // of the drop is asked for when the outbox is empty or every
            // FLUSH_SENT messages, so a crash re-sends only the latest few.
            let Some(first) = items.into_iter().next() else {
                continue;
            };
            let sent = self.send_one(chat, &first).await;
            if sent == Sent::Kept {
                // Stays first in the outbox (and the chat pending): the next
                // update of this chat or the next start sends it.
                if unflushed > 0 {
                    self.store.flush_soon();
                }
                slot.delivering.store(false, Ordering::Release);
                return;
            }
            unflushed += 1;
            let unreachable = sent == Sent::Unreachable;
            {
                let _g = slot.lock.lock().await;
                if let Ok(Some(mut session)) = self.store.session(chat) {
                    if session.outbox.first() == Some(&first) {
                        session.outbox.remove(0);
                    }
                    if unreachable {
                        // The rest for this user would be refused too.
                        session.outbox.retain(|o| {
                            matches!(
                                o,
                                Outgoing::Text { to: Some(_), .. } | Outgoing::Media { .. }
                            )
                        });
                    }
                    if let Err(e) = self.store.put_session(chat, &session) {
                        tracing::error!(chat, "cannot record delivery: {e}");
                        slot.delivering.store(false, Ordering::Release);
                        return;
                    }
                }
                if unreachable {
                    if let Ok(Loaded::Found(mut p)) = self.store.profile(chat) {
                        p.reachable = false;
                        if let Err(e) = self.store.put_profile(chat, &p) {
                            tracing::error!(chat, "cannot mark unreachable: {e}");
                        }
                    }
                }
            }
        }
    }

    /// Sends one message of `chat`'s outbox and links staff-chat messages to
    /// their user. `Unreachable` only when the user (not the staff chat)
    /// refused it.
    async fn send_one(&self, chat: i64, out: &Outgoing) -> Sent {
        let to_user = match out {
            Outgoing::Text { to: Some(_), .. } | Outgoing::Media { .. } => false,
            Outgoing::Text { to: None, .. } | Outgoing::Answer { .. } => true,
        };
        match self.send(chat, out).await {
            Sent::Unreachable if !to_user => Sent::Dropped,
            Sent::Ok(Some(message_id)) => {
                let link = match out {
                    Outgoing::Text { link, .. } | Outgoing::Media { link, .. } => *link,
                    Outgoing::Answer { .. } => None,
                };
                if let Some(user) = link {
                    if let Err(e) = self.store.link_staff_message(message_id, user) {
                        tracing::error!(user, "cannot link staff message: {e}");
                    }
                }
                Sent::Ok(Some(message_id))
            }
            other => other,
        }
    }

    /// One message, until Telegram took it or refused it for good. What the
    /// answer means is `api::classify`'s: a 429 waits `retry_after`; a 5xx or a
    /// network failure is retried with `api::backoff` for as long as the
    /// process runs (the reply stays first in the outbox meanwhile, so it is
    /// never lost, and the chat's later replies wait behind it); a 403 makes
    /// the user unreachable; a 400 drops this message; a 401 keeps it for the
    /// restart with a new token.
    async fn send(&self, chat: i64, out: &Outgoing) -> Sent {
        use serde_json::json;
        let (method, body) = match out {
            Outgoing::Text {
                text, buttons, to, ..
            } => {
                let mut body = json!({"chat_id": to.unwrap_or(chat), "text": text});
                if !buttons.is_empty() {
                    body["reply_markup"] =
                        serde_json::to_value(markup(buttons)).unwrap_or_default();
                }
                ("sendMessage", body)
            }
            Outgoing::Media {
                voice: true,
                file_id,
                caption,
                to,
                ..
            } => (
                "sendVoice",
                json!({"chat_id": to, "voice": file_id, "caption": caption}),
            ),
            Outgoing::Media {
                voice: false,
                file_id,
                caption,
                to,
                ..
            } => (
                "sendPhoto",
                json!({"chat_id": to, "photo": file_id, "caption": caption}),
            ),
            Outgoing::Answer { id } => ("answerCallbackQuery", json!({"callback_query_id": id})),
        };
        let answer = matches!(out, Outgoing::Answer { .. });
        let mut attempt = 0u32;
        loop {
            let err = match self.api.call(method, &body).await {
                Ok(v) => {
                    let id = v.get("message_id").and_then(serde_json::Value::as_i64);
                    if id.is_some() {
                        self.metrics.messages_sent.fetch_add(1, Ordering::Relaxed);
                    }
                    return Sent::Ok(id);
                }
                Err(e) => e,
            };
            match err.class() {
                Class::RetryAfter(d) => {
                    if !self.pause(d).await {
                        return Sent::Kept;
                    }
                }
                Class::Forbidden => return Sent::Unreachable,
                Class::Permanent | Class::NotModified => {
                    // Old callback queries expire; that is expected and harmless.
                    if !answer {
                        tracing::warn!(chat, "Telegram refused a reply: {err}");
                    }
                    return Sent::Dropped;
                }
                Class::Unauthorized => {
                    tracing::error!(chat, "reply kept for later, the token was refused: {err}");
                    return Sent::Kept;
                }
                Class::Transient => {
                    attempt += 1;
                    // A callback answer only stops a spinner, and Telegram
                    // forgets the query within seconds: a few tries are enough.
                    if answer && attempt >= ANSWER_ATTEMPTS {
                        return Sent::Dropped;
                    }
                    tracing::warn!(chat, attempt, "reply not sent yet, will retry: {err}");
                    if !self.pause(api::backoff(attempt, api::jitter())).await {
                        return Sent::Kept;
                    }
                }
            }
        }
    }
}

/// Tries of an answerCallbackQuery that fails with a 5xx or on the network.
const ANSWER_ATTEMPTS: u32 = 3;

pub(super) fn markup(rows: &[Vec<(String, String)>]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.iter().map(|row| {
        row.iter()
            .map(|(label, data)| InlineKeyboardButton::callback(label.clone(), data.clone()))
            .collect::<Vec<_>>()
    }))
}
