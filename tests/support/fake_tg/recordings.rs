//! What a test reads back (sends, edits, rejections, calls, commands…) and the
//! waits that return as soon as a condition holds (no sleeps; a timeout panics with a report).

use super::*;

impl FakeTelegram {
    /// Every successful send/copy/forward/edit, in order.
    pub fn sent(&self) -> Vec<Sent> {
        self.sh().lock().sent.clone()
    }

    pub fn sent_total(&self) -> usize {
        self.sh().lock().sent.len()
    }

    /// Successful sends/edits whose target chat is `chat_id`.
    pub fn sent_to(&self, chat_id: i64) -> Vec<Sent> {
        let st = self.sh().lock();
        sent_to_locked(&st, chat_id)
    }

    /// Only `SendMessage` texts sent to `chat_id`.
    pub fn texts_to(&self, chat_id: i64) -> Vec<String> {
        self.sent_to(chat_id)
            .into_iter()
            .filter(|s| s.method == "SendMessage")
            .map(|s| s.text)
            .collect()
    }

    /// All calls of `method` (any case), including failed ones.
    pub fn calls(&self, method: &str) -> usize {
        self.sh()
            .lock()
            .calls
            .get(&method.to_ascii_lowercase())
            .copied()
            .unwrap_or(0)
    }

    /// Every error reply given, in order (strict-check failures, 401/404, injected
    /// failures, 403, 429, 409 conflicts).
    pub fn rejected(&self) -> Vec<Rejected> {
        self.sh().lock().rejected.clone()
    }

    /// Highest offset a client confirmed with getUpdates (0 if none).
    /// What `setWebhook` set: (url, secret token, max connections).
    pub fn webhook(&self) -> Option<(String, String, u64)> {
        self.sh().lock().webhook.clone()
    }

    pub fn confirmed_offset(&self) -> i64 {
        self.sh().lock().confirmed
    }

    /// Updates not yet confirmed (delivered-but-unconfirmed ones included).
    pub fn pending_updates(&self) -> usize {
        self.sh().lock().updates.len()
    }

    /// Commands set for the default scope and `language_code` (None or "" = no code).
    pub fn commands(&self, language_code: Option<&str>) -> Option<Value> {
        self.commands_for(json!({"type": "default"}), language_code)
    }

    /// Commands set for `scope` (e.g. `json!({"type":"all_private_chats"})`).
    pub fn commands_for(&self, scope: Value, language_code: Option<&str>) -> Option<Value> {
        let lang = language_code.unwrap_or("");
        let st = self.sh().lock();
        st.commands
            .iter()
            .find(|(s, l, _)| *s == scope && l == lang)
            .map(|(_, _, c)| c.clone())
    }

    /// Value set with setMyDescription / setMyShortDescription / setMyName
    /// (`kind` = "description", "short_description" or "name").
    pub fn bot_text(&self, kind: &str, language_code: Option<&str>) -> Option<String> {
        let key = (kind.to_string(), language_code.unwrap_or("").to_string());
        self.sh().lock().bot_texts.get(&key).cloned()
    }

    /// Bodies of successful answerCallbackQuery calls.
    pub fn answered_callbacks(&self) -> Vec<Value> {
        self.sh().lock().answered.clone()
    }

    /// `(chat_id, action)` of successful sendChatAction calls.
    pub fn chat_actions(&self) -> Vec<(i64, String)> {
        self.sh().lock().chat_actions.clone()
    }

    /// `(chat_id, message_id)` of successful deleteMessage calls.
    pub fn deleted(&self) -> Vec<(i64, i64)> {
        self.sh().lock().deleted.clone()
    }

    /// Every 429 returned: `(when, retry_after, method)`.
    pub fn responses_429(&self) -> Vec<(Instant, u32, String)> {
        self.sh().lock().r429.clone()
    }

    /// Sends that arrived while a 429's retry_after had not expired (excluding ones
    /// plainly in flight: other connection, < [`IN_FLIGHT_GRACE`] after the 429).
    pub fn early_sends_after_429(&self) -> usize {
        self.sh().lock().early
    }

    /// Current text of a message the server knows (sent by the bot or pushed in an update).
    pub fn message_text(&self, chat_id: i64, message_id: i64) -> Option<String> {
        let st = self.sh().lock();
        st.messages
            .get(&(chat_id, message_id))
            .and_then(|m| m.text().map(str::to_string))
    }

    /// Current inline keyboard of a known message.
    pub fn message_markup(&self, chat_id: i64, message_id: i64) -> Option<Value> {
        let st = self.sh().lock();
        st.messages
            .get(&(chat_id, message_id))
            .and_then(|m| m.markup.clone())
    }

    /// A short human-readable dump of what was recorded (also used in wait panics).
    pub fn report(&self) -> String {
        let st = self.sh().lock();
        report_locked(&st)
    }
}

impl FakeTelegram {
    /// Waits until at least `n` sends/edits to `chat_id` were recorded; returns them all.
    pub async fn wait_sent_to(&self, chat_id: i64, n: usize) -> Vec<Sent> {
        self.wait_locked(
            |st| {
                (st.by_chat.get(&chat_id).map_or(0, Vec::len) >= n)
                    .then(|| sent_to_locked(st, chat_id))
            },
            || format!("at least {n} sends to chat {chat_id}"),
        )
        .await
    }

    /// Waits until at least `n` sends/edits in total; returns them all.
    pub async fn wait_sent_total(&self, n: usize) -> Vec<Sent> {
        self.wait_locked(
            |st| (st.sent.len() >= n).then(|| st.sent.clone()),
            || format!("at least {n} sends in total"),
        )
        .await
    }

    /// Waits until the confirmed offset is >= `offset`; returns it.
    pub async fn wait_confirmed(&self, offset: i64) -> i64 {
        self.wait_locked(
            |st| (st.confirmed >= offset).then_some(st.confirmed),
            || format!("confirmed offset >= {offset}"),
        )
        .await
    }

    /// Waits until `method` was called at least `n` times; returns the count.
    pub async fn wait_calls(&self, method: &str, n: usize) -> usize {
        let key = method.to_ascii_lowercase();
        self.wait_locked(
            |st| {
                let c = st.calls.get(&key).copied().unwrap_or(0);
                (c >= n).then_some(c)
            },
            || format!("at least {n} calls of {method}"),
        )
        .await
    }

    /// Waits until at least `n` error replies were given; returns them all.
    pub async fn wait_rejected(&self, n: usize) -> Vec<Rejected> {
        self.wait_locked(
            |st| (st.rejected.len() >= n).then(|| st.rejected.clone()),
            || format!("at least {n} rejections"),
        )
        .await
    }

    /// Waits until no update is pending (all confirmed).
    pub async fn wait_no_pending(&self) {
        self.wait_locked(
            |st| st.updates.is_empty().then_some(()),
            || "no pending updates".to_string(),
        )
        .await
    }

    /// Waits until `cond(self)` holds (re-checked after every request / update).
    /// `cond` must not block; it may call the recording accessors.
    pub async fn wait_until(&self, what: &str, mut cond: impl FnMut(&FakeTelegram) -> bool) {
        let deadline = tokio::time::Instant::now() + self.deadline();
        loop {
            let notified = self.sh().changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if cond(self) {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                if cond(self) {
                    return;
                }
                panic!(
                    "fake_tg: timed out after {:?} waiting for {what}\n{}",
                    self.deadline(),
                    self.report()
                );
            }
        }
    }
}

pub(super) fn sent_to_locked(st: &St, chat_id: i64) -> Vec<Sent> {
    st.by_chat
        .get(&chat_id)
        .map(|ix| ix.iter().filter_map(|&i| st.sent.get(i).cloned()).collect())
        .unwrap_or_default()
}

pub(super) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out.replace('\n', "⏎")
}

pub(super) fn report_locked(st: &St) -> String {
    let mut r = String::new();
    r.push_str(&format!(
        "recorded: {} sends/edits, {} pending updates, confirmed offset {}, {} rejections, {} answered callbacks\n",
        st.sent.len(),
        st.updates.len(),
        st.confirmed,
        st.rejected.len(),
        st.answered.len()
    ));
    let mut calls: Vec<_> = st.calls.iter().collect();
    calls.sort();
    r.push_str(&format!("calls: {calls:?}\n"));
    let start = st.sent.len().saturating_sub(15);
    if start > 0 {
        r.push_str(&format!("last 15 sends of {}:\n", st.sent.len()));
    }
    for s in &st.sent[start..] {
        r.push_str(&format!(
            "  {} chat {} msg {}: {}\n",
            s.method,
            s.chat_id,
            s.message_id,
            short(&s.text)
        ));
    }
    let start = st.rejected.len().saturating_sub(10);
    for (m, code, d, _) in &st.rejected[start..] {
        r.push_str(&format!("  rejected {m}: {code} {d}\n"));
    }
    r
}
