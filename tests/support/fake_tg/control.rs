//! What a test does to the server: push updates, block chats, inject failures,
//! set the send rate limit.

use super::*;

impl FakeTelegram {
    /// Queues an update; assigns `update_id` when missing. Wakes long pollers.
    pub fn push_update(&self, update: Value) -> i64 {
        self.push_updates([update])[0]
    }

    /// Pushes several updates at once (one lock, one wake-up). Returns their ids.
    pub fn push_updates(&self, updates: impl IntoIterator<Item = Value>) -> Vec<i64> {
        let mut ids = Vec::new();
        {
            let mut st = self.sh().lock();
            for mut update in updates {
                let id = match update.get("update_id").and_then(Value::as_i64) {
                    Some(id) => id,
                    None => {
                        let id = st.next_update_id;
                        if let Some(o) = update.as_object_mut() {
                            o.insert("update_id".into(), json!(id));
                        }
                        id
                    }
                };
                st.next_update_id = st.next_update_id.max(id + 1);
                register_update(&mut st, &update);
                st.updates.push_back((id, update, false));
                ids.push(id);
            }
        }
        self.notify_updates();
        ids
    }

    /// Queues an update exactly as given (malformed ones too). One with an integer
    /// `update_id` behaves like any other. One without can never be confirmed by a
    /// client, so it is delivered once (in the next getUpdates answer that reaches it)
    /// and then dropped; a confirmation past the previous update drops it as well.
    pub fn push_raw_update(&self, update: Value) {
        {
            let mut st = self.sh().lock();
            match update.get("update_id").and_then(Value::as_i64) {
                Some(id) => {
                    st.next_update_id = st.next_update_id.max(id + 1);
                    register_update(&mut st, &update);
                    st.updates.push_back((id, update, false));
                }
                None => {
                    let key = st.next_update_id - 1;
                    register_update(&mut st, &update);
                    st.updates.push_back((key, update, true));
                }
            }
        }
        self.notify_updates();
    }
}

impl FakeTelegram {
    /// Sends to this chat now fail with 403 "Forbidden: bot was blocked by the user".
    pub fn block_chat(&self, chat_id: i64) {
        self.sh().lock().blocked.insert(chat_id);
    }

    pub fn unblock_chat(&self, chat_id: i64) {
        self.sh().lock().blocked.remove(&chat_id);
    }

    /// The next `n` calls of `method` (any case) fail with `status`. 429 carries
    /// `parameters.retry_after` (`retry_after` or 1) and, for send methods, opens a flood
    /// window like a rate-limit 429. Queued after earlier `fail_next` calls.
    pub fn fail_next(&self, method: &str, status: u16, retry_after: Option<u32>, n: usize) {
        if n == 0 {
            return;
        }
        let key = method.to_ascii_lowercase();
        self.sh()
            .lock()
            .fail
            .entry(key)
            .or_default()
            .push_back((status, retry_after, n));
    }

    /// The next `n` calls of `method` to `chat_id` fail with `status`, like Telegram's
    /// per-chat limit: a 429 here opens no flood window for other chats.
    pub fn fail_next_to(
        &self,
        method: &str,
        chat_id: i64,
        status: u16,
        retry_after: Option<u32>,
        n: usize,
    ) {
        if n == 0 {
            return;
        }
        let key = (method.to_ascii_lowercase(), chat_id);
        self.sh()
            .lock()
            .fail_chat
            .entry(key)
            .or_default()
            .push_back((status, retry_after, n));
    }

    /// At most `per_second` accepted sends (SendMessage, CopyMessage, ForwardMessage,
    /// SendVoice, SendPhoto) per rolling second; beyond → 429 retry_after 1. `None` = off.
    /// Also ends any open flood window (the records of past 429s are kept).
    pub fn set_send_rate_limit(&self, per_second: Option<u32>) {
        let mut st = self.sh().lock();
        st.rate = per_second;
        st.window.clear();
        st.flood = None;
    }
}
