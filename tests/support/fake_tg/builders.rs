//! Update builders (realistic enough for teloxide-core 0.13 to parse).

use super::*;

/// `language_code` of the users in the builders unless told otherwise: "en", which is
/// what most Tibetan and Uyghur users arrive with (Telegram has no app language for
/// them). Use the `*_lang` builders for another one or none.
pub const DEFAULT_LANGUAGE_CODE: &str = "en";

pub(super) static USER_MSG_SEQ: AtomicI64 = AtomicI64::new(1_000_000);

pub(super) static CALLBACK_SEQ: AtomicU64 = AtomicU64::new(1);

/// A fresh message id for user messages (1 000 000 and up; bot messages start at 1).
pub fn next_user_message_id() -> i64 {
    USER_MSG_SEQ.fetch_add(1, Ordering::Relaxed)
}

/// A private-chat user (`id` = chat id) with an optional `language_code`.
pub fn user_json(id: i64, lang: Option<&str>) -> Value {
    let mut u =
        json!({"id": id, "is_bot": false, "first_name": "User", "username": format!("user{id}")});
    if let Some(l) = lang {
        u["language_code"] = json!(l);
    }
    u
}

/// `bot_command` entity for a text starting with "/cmd" or "/cmd@bot", like Telegram adds.
pub fn command_entities(text: &str) -> Option<Value> {
    let rest = text.strip_prefix('/')?;
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if name_len == 0 || name_len > 64 {
        return None;
    }
    let mut end = 1 + name_len;
    if let Some(after) = text[end..].strip_prefix('@') {
        let bot_len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if bot_len > 0 {
            end += 1 + bot_len;
        }
    }
    let utf16_len = text[..end].encode_utf16().count();
    Some(json!([{"type": "bot_command", "offset": 0, "length": utf16_len}]))
}

pub(super) fn text_message(chat: Value, from: Value, text: &str) -> Value {
    let mut m = json!({
        "message_id": next_user_message_id(),
        "from": from,
        "chat": chat,
        "date": unix_now(),
        "text": text,
    });
    if let Some(e) = command_entities(text) {
        m["entities"] = e;
    }
    m
}

/// A private text message from user `chat_id` with `language_code`
/// [`DEFAULT_LANGUAGE_CODE`]. A text starting with '/' carries a `bot_command` entity.
pub fn msg_update(chat_id: i64, text: &str) -> Value {
    msg_update_lang(chat_id, text, Some(DEFAULT_LANGUAGE_CODE))
}

/// Like [`msg_update`] with a chosen `language_code` (None = absent).
pub fn msg_update_lang(chat_id: i64, text: &str, lang: Option<&str>) -> Value {
    json!({"message": text_message(chat_json(chat_id), user_json(chat_id, lang), text)})
}

/// A command message (text must start with '/'); carries the `bot_command` entity.
pub fn command_with_entity(chat_id: i64, text: &str) -> Value {
    assert!(
        text.starts_with('/'),
        "command_with_entity: text must start with '/'"
    );
    msg_update(chat_id, text)
}

/// A button press on bot message `message_id` in private chat `chat_id`.
pub fn callback_update(chat_id: i64, data: &str, message_id: i64) -> Value {
    callback_update_lang(chat_id, data, message_id, Some(DEFAULT_LANGUAGE_CODE))
}

pub fn callback_update_lang(
    chat_id: i64,
    data: &str,
    message_id: i64,
    lang: Option<&str>,
) -> Value {
    let n = CALLBACK_SEQ.fetch_add(1, Ordering::Relaxed);
    json!({"callback_query": {
        "id": format!("{}{:08}", chat_id.unsigned_abs(), n),
        "from": user_json(chat_id, lang),
        "message": {
            "message_id": message_id,
            "from": bot_user_json(),
            "chat": chat_json(chat_id),
            "date": unix_now() - 1,
            "text": "…",
        },
        "chat_instance": format!("ci{}", chat_id.unsigned_abs()),
        "data": data,
    }})
}

/// A button press on bot message `message_id` in private chat `chat_id`, but
/// `from` another user (`from_id`): what a forged or relayed callback looks like.
pub fn callback_update_from(chat_id: i64, from_id: i64, data: &str, message_id: i64) -> Value {
    let mut u = callback_update(chat_id, data, message_id);
    u["callback_query"]["from"] = user_json(from_id, Some(DEFAULT_LANGUAGE_CODE));
    u
}

pub fn sticker_update(chat_id: i64) -> Value {
    let mid = next_user_message_id();
    json!({"message": {
        "message_id": mid,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": unix_now(),
        "sticker": {
            "file_id": format!("sticker-{mid}"),
            "file_unique_id": format!("ustk-{mid}"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": false,
            "is_video": false,
            "emoji": "👍",
            "set_name": "FakeStickers",
            "file_size": 20480,
        },
    }})
}

/// A photo without caption from user `chat_id`.
pub fn photo_update(chat_id: i64) -> Value {
    photo_update_with_caption(chat_id, None)
}

pub fn photo_update_with_caption(chat_id: i64, caption: Option<&str>) -> Value {
    let mid = next_user_message_id();
    let mut m = json!({
        "message_id": mid,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": unix_now(),
        "photo": [
            {"file_id": format!("photo-s-{mid}"), "file_unique_id": format!("uph-s-{mid}"), "width": 90, "height": 67, "file_size": 1200},
            {"file_id": format!("photo-m-{mid}"), "file_unique_id": format!("uph-m-{mid}"), "width": 320, "height": 240, "file_size": 15000},
        ],
    });
    if let Some(c) = caption {
        m["caption"] = json!(c);
    }
    json!({ "message": m })
}

pub fn voice_update(chat_id: i64, file_id: &str, duration: u32) -> Value {
    let mid = next_user_message_id();
    json!({"message": {
        "message_id": mid,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": unix_now(),
        "voice": {
            "file_id": file_id,
            "file_unique_id": format!("uvc-{mid}"),
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 4096,
        },
    }})
}

/// The user edited one of their messages (a fresh message id) to `text`.
pub fn edited_message_update(chat_id: i64, text: &str) -> Value {
    edited_message_update_of(chat_id, next_user_message_id(), text)
}

/// The user edited their message `message_id` to `text`.
pub fn edited_message_update_of(chat_id: i64, message_id: i64, text: &str) -> Value {
    let now = unix_now();
    let mut m = json!({
        "message_id": message_id,
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "chat": chat_json(chat_id),
        "date": now - 5,
        "edit_date": now,
        "text": text,
    });
    if let Some(e) = command_entities(text) {
        m["entities"] = e;
    }
    json!({ "edited_message": m })
}

/// A message in a supergroup (`group_chat_id` should be negative) from user `from_id`.
pub fn group_message_update(group_chat_id: i64, from_id: i64, text: &str) -> Value {
    json!({"message": text_message(chat_json(group_chat_id), user_json(from_id, Some(DEFAULT_LANGUAGE_CODE)), text)})
}

/// The `my_chat_member` update Telegram sends when the user blocks the bot.
pub fn blocked_by_user_update(chat_id: i64) -> Value {
    json!({"my_chat_member": {
        "chat": chat_json(chat_id),
        "from": user_json(chat_id, Some(DEFAULT_LANGUAGE_CODE)),
        "date": unix_now(),
        "old_chat_member": {"user": bot_user_json(), "status": "member"},
        "new_chat_member": {"user": bot_user_json(), "status": "kicked", "until_date": 0},
    }})
}
