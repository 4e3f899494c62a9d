//! Updates: what a pushed update registers (messages, callback ids) and long
//! polling with offset confirmation and 409 for overlapping `getUpdates`.

use super::*;

/// Remembers messages and callback ids carried by a pushed update.
pub(super) fn register_update(st: &mut St, u: &Value) {
    const CONTENT_KEYS: &[&str] = &[
        "text",
        "entities",
        "caption",
        "caption_entities",
        "voice",
        "photo",
        "sticker",
        "document",
        "audio",
        "video",
        "location",
        "contact",
    ];
    let remember = |st: &mut St, m: &Value, overwrite: bool| {
        let (Some(chat_id), Some(message_id)) = (
            m.pointer("/chat/id").and_then(Value::as_i64),
            m.get("message_id").and_then(Value::as_i64),
        ) else {
            return;
        };
        if !overwrite && st.messages.contains_key(&(chat_id, message_id)) {
            return;
        }
        let from = m.get("from").cloned().unwrap_or(Value::Null);
        let from_bot = from.get("id").and_then(Value::as_i64) == Some(BOT_ID);
        let mut content = Map::new();
        for k in CONTENT_KEYS {
            if let Some(v) = m.get(*k) {
                content.insert((*k).to_string(), v.clone());
            }
        }
        let markup = m.get("reply_markup").cloned();
        let date = m.get("date").and_then(Value::as_i64).unwrap_or(0);
        st.messages.insert(
            (chat_id, message_id),
            Msg {
                from_bot,
                content,
                markup,
                from,
                date,
            },
        );
    };
    for key in ["message", "edited_message", "channel_post"] {
        if let Some(m) = u.get(key) {
            remember(st, m, true);
        }
    }
    if let Some(cq) = u.get("callback_query") {
        if let Some(id) = cq.get("id").and_then(Value::as_str) {
            st.callbacks_known.insert(id.to_string());
        }
        if let Some(m) = cq.get("message") {
            remember(st, m, false);
        }
    }
}

pub(super) async fn get_updates(sh: &Arc<Shared>, p: &Map<String, Value>) -> ApiResult {
    let offset = int_param(p, "offset")?.unwrap_or(0);
    let limit = int_param(p, "limit")?.unwrap_or(100).clamp(1, 100) as usize;
    let timeout = int_param(p, "timeout")?.unwrap_or(0).clamp(0, 3600) as u64;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    let my_gen = {
        let mut st = sh.lock();
        st.poll_gen += 1;
        if offset > 0 {
            st.updates.retain(|(id, _, _)| *id >= offset);
            st.confirmed = st.confirmed.max(offset);
        } else if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            while st.updates.len() > keep {
                st.updates.pop_front();
            }
        }
        st.poll_gen
    };
    // Terminate any older long poll (the real API answers it with 409).
    sh.updates.notify_waiters();
    sh.changed.notify_waiters();
    loop {
        let notified = sh.updates.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut st = sh.lock();
            if st.poll_gen != my_gen {
                return Err(api_err(409, CONFLICT));
            }
            let mut batch = Vec::new();
            let mut once = Vec::new();
            for (i, (id, u, deliver_once)) in st.updates.iter().enumerate() {
                if batch.len() >= limit {
                    break;
                }
                if offset > 0 && *id < offset {
                    continue;
                }
                batch.push(u.clone());
                if *deliver_once {
                    once.push(i);
                }
            }
            if !batch.is_empty()
                || tokio::time::Instant::now() >= deadline
                || sh.shut.load(Ordering::SeqCst)
            {
                for i in once.into_iter().rev() {
                    st.updates.remove(i);
                }
                return Ok(Value::Array(batch));
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}
