//! The methods: send / copy / forward / voice / photo, edits, callback answers,
//! commands, bot texts and the rest of [`super::server`]'s method table.

use super::*;

pub(super) const CHAT_ACTIONS: &[&str] = &[
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
];

pub(super) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The bot's own `User` object.
pub fn bot_user_json() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME})
}

/// A `Chat` object: private for positive ids, supergroup for negative ones.
pub fn chat_json(chat_id: i64) -> Value {
    if chat_id < 0 {
        json!({"id": chat_id, "type": "supergroup", "title": "Village group"})
    } else {
        json!({"id": chat_id, "type": "private", "first_name": "User"})
    }
}

pub(super) fn dispatch(
    st: &mut St,
    canon: &str,
    p: &Map<String, Value>,
    peer: SocketAddr,
) -> ApiResult {
    match canon {
        "GetMe" => Ok(json!({
            "id": BOT_ID,
            "is_bot": true,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": true,
            "can_read_all_group_messages": false,
            "supports_inline_queries": false,
            "can_connect_to_business": false,
            "has_main_web_app": false,
        })),
        "GetWebhookInfo" => Ok(json!({
            "url": st.webhook.as_ref().map(|w| w.0.clone()).unwrap_or_default(),
            "has_custom_certificate": false,
            "pending_update_count": st.updates.len(),
        })),
        "DeleteWebhook" => {
            if bool_param(p, "drop_pending_updates") {
                st.updates.clear();
            }
            st.webhook = None;
            Ok(json!(true))
        }
        "SetWebhook" => {
            let url = str_param(p, "url")?.unwrap_or_default();
            if url.is_empty() {
                st.webhook = None;
                return Ok(json!(true));
            }
            if !url.starts_with("https://") {
                return Err(bad(
                    "bad webhook: An HTTPS URL must be provided for webhook",
                ));
            }
            let secret = str_param(p, "secret_token")?.unwrap_or_default();
            if secret.len() > 256
                || !secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return Err(bad("secret token contains unallowed characters"));
            }
            let max = match p.get("max_connections") {
                Some(Value::String(v)) => v
                    .parse()
                    .map_err(|_| bad("bad webhook: max_connections is not a number"))?,
                Some(v) => v
                    .as_u64()
                    .ok_or_else(|| bad("bad webhook: max_connections is not a number"))?,
                None => 40,
            };
            if !(1..=100).contains(&max) {
                return Err(bad(
                    "bad webhook: max_connections must be between 1 and 100",
                ));
            }
            st.webhook = Some((url, secret, max));
            Ok(json!(true))
        }
        "SendMessage" | "CopyMessage" | "ForwardMessage" | "SendVoice" | "SendPhoto" => {
            send(st, canon, p, peer)
        }
        "EditMessageText" | "EditMessageReplyMarkup" => edit(st, canon, p),
        "AnswerCallbackQuery" => answer_callback(st, p),
        "SetMyCommands" => set_my_commands(st, p),
        "DeleteMyCommands" => {
            let scope = scope_param(p)?;
            let lang = lang_param(p)?;
            st.commands.retain(|(s, l, _)| !(*s == scope && *l == lang));
            Ok(json!(true))
        }
        "GetMyCommands" => {
            let scope = scope_param(p)?;
            let lang = lang_param(p)?;
            Ok(st
                .commands
                .iter()
                .find(|(s, l, _)| *s == scope && *l == lang)
                .map(|(_, _, c)| c.clone())
                .unwrap_or_else(|| json!([])))
        }
        "SetMyDescription" => set_bot_text(st, p, "description", 512),
        "SetMyShortDescription" => set_bot_text(st, p, "short_description", 120),
        "SetMyName" => set_bot_text(st, p, "name", 64),
        "GetMyDescription" | "GetMyShortDescription" | "GetMyName" => {
            let kind = match canon {
                "GetMyDescription" => "description",
                "GetMyShortDescription" => "short_description",
                _ => "name",
            };
            let lang = lang_param(p)?;
            let v = st
                .bot_texts
                .get(&(kind.to_string(), lang))
                .cloned()
                .unwrap_or_default();
            Ok(json!({ kind: v }))
        }
        "SendChatAction" => {
            let chat_id = chat_id_param(p, "chat_id")?;
            let action = str_param(p, "action")?.unwrap_or_default();
            if !CHAT_ACTIONS.contains(&action.as_str()) {
                return Err(bad("wrong parameter action in request"));
            }
            if st.blocked.contains(&chat_id) {
                return Err(blocked_err(chat_id));
            }
            st.chat_actions.push((chat_id, action));
            Ok(json!(true))
        }
        "DeleteMessage" => {
            let chat_id = chat_id_param(p, "chat_id")?;
            let message_id = message_id_param(p, "message_id")?;
            if st.messages.remove(&(chat_id, message_id)).is_none() {
                return Err(bad("message to delete not found"));
            }
            st.deleted.push((chat_id, message_id));
            Ok(json!(true))
        }
        "SetChatMenuButton" | "LogOut" | "Close" => Ok(json!(true)),
        _ => Err(api_err(404, "Not Found: method not found")),
    }
}

pub(super) fn set_bot_text(
    st: &mut St,
    p: &Map<String, Value>,
    kind: &str,
    max: usize,
) -> ApiResult {
    let text = str_param(p, kind)?.unwrap_or_default();
    if text.chars().count() > max {
        return Err(bad(format!("{} is too long", kind.replace('_', " "))));
    }
    let lang = lang_param(p)?;
    if text.is_empty() {
        st.bot_texts.remove(&(kind.to_string(), lang));
    } else {
        st.bot_texts.insert((kind.to_string(), lang), text);
    }
    Ok(json!(true))
}

pub(super) fn set_my_commands(st: &mut St, p: &Map<String, Value>) -> ApiResult {
    let cmds = match json_param(p, "commands") {
        Ok(Some(Value::Array(a))) => a,
        Ok(None) => return Err(bad("parameter \"commands\" is required")),
        _ => return Err(bad("can't parse commands JSON object")),
    };
    if cmds.is_empty() {
        return Err(bad("commands must be non-empty"));
    }
    if cmds.len() > 100 {
        return Err(bad("too many commands"));
    }
    let mut norm = Vec::with_capacity(cmds.len());
    for c in &cmds {
        let (Some(cmd), Some(desc)) = (
            c.get("command").and_then(Value::as_str),
            c.get("description").and_then(Value::as_str),
        ) else {
            return Err(bad("can't parse BotCommand JSON object"));
        };
        let n = cmd.chars().count();
        if !(1..=32).contains(&n)
            || !cmd
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(bad("BOT_COMMAND_INVALID"));
        }
        let d = desc.trim().chars().count();
        if !(1..=256).contains(&d) || desc.chars().count() > 256 {
            return Err(bad("BOT_COMMAND_DESCRIPTION_INVALID"));
        }
        norm.push(json!({"command": cmd, "description": desc}));
    }
    let scope = scope_param(p)?;
    let lang = lang_param(p)?;
    let list = Value::Array(norm);
    match st
        .commands
        .iter_mut()
        .find(|(s, l, _)| *s == scope && *l == lang)
    {
        Some(entry) => entry.2 = list,
        None => st.commands.push((scope, lang, list)),
    }
    Ok(json!(true))
}

pub(super) fn answer_callback(st: &mut St, p: &Map<String, Value>) -> ApiResult {
    let id = str_param(p, "callback_query_id")?.unwrap_or_default();
    if id.is_empty() {
        return Err(bad("parameter \"callback_query_id\" is required"));
    }
    if let Some(text) = str_param(p, "text")? {
        if text.chars().count() > 200 {
            return Err(bad("MESSAGE_TOO_LONG"));
        }
    }
    if !st.callbacks_known.contains(&id) || st.callbacks_answered.contains(&id) {
        return Err(bad(QUERY_INVALID));
    }
    st.callbacks_answered.insert(id);
    st.answered.push(Value::Object(p.clone()));
    Ok(json!(true))
}

pub(super) fn content_of(text: Option<&str>, entities: &Option<Value>) -> Map<String, Value> {
    let mut c = Map::new();
    if let Some(t) = text {
        c.insert("text".into(), json!(t));
        if let Some(e) = entities {
            c.insert("entities".into(), e.clone());
        }
    }
    c
}

pub(super) fn message_json(
    message_id: i64,
    chat_id: i64,
    date: i64,
    from: &Value,
    content: &Map<String, Value>,
    markup: &Option<Value>,
) -> Value {
    let mut m = Map::new();
    m.insert("message_id".into(), json!(message_id));
    m.insert("from".into(), from.clone());
    m.insert("chat".into(), chat_json(chat_id));
    m.insert("date".into(), json!(date));
    for (k, v) in content {
        m.insert(k.clone(), v.clone());
    }
    if let Some(mk) = markup {
        m.insert("reply_markup".into(), mk.clone());
    }
    Value::Object(m)
}

pub(super) fn record_sent(st: &mut St, s: Sent) {
    let idx = st.sent.len();
    st.by_chat.entry(s.chat_id).or_default().push(idx);
    st.sent.push(s);
}

/// `reply_parameters` (or the legacy `reply_to_message_id`) must name a known message
/// unless `allow_sending_without_reply` is set.
pub(super) fn check_reply_target(
    st: &St,
    p: &Map<String, Value>,
    chat_id: i64,
) -> Result<(), ApiErr> {
    let rp = json_param(p, "reply_parameters")
        .map_err(|_| bad("can't parse reply parameters JSON object"))?;
    let (target, allow) = match &rp {
        Some(Value::Object(o)) => {
            let Some(mid) = int_param(o, "message_id")? else {
                return Err(bad("message to be replied not found"));
            };
            let chat = match o.get("chat_id") {
                None | Some(Value::Null) => chat_id,
                Some(_) => chat_id_param(o, "chat_id")?,
            };
            (
                Some((chat, mid)),
                bool_param(o, "allow_sending_without_reply"),
            )
        }
        Some(_) => return Err(bad("can't parse reply parameters JSON object")),
        None => (
            int_param(p, "reply_to_message_id")?.map(|m| (chat_id, m)),
            bool_param(p, "allow_sending_without_reply"),
        ),
    };
    match target {
        Some(key) if !allow && !st.messages.contains_key(&key) => {
            Err(bad("message to be replied not found"))
        }
        _ => Ok(()),
    }
}

pub(super) fn media_param(p: &Map<String, Value>, key: &str, n: i64) -> Result<String, ApiErr> {
    match p.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::Object(o)) if o.contains_key("_upload") => Ok(format!("fake-{key}-{n}")),
        Some(Value::String(s)) if s.starts_with("attach://") => Ok(format!("fake-{key}-{n}")),
        _ => Err(bad(format!("there is no {key} in the request"))),
    }
}

pub(super) fn send(
    st: &mut St,
    canon: &str,
    p: &Map<String, Value>,
    peer: SocketAddr,
) -> ApiResult {
    let now = Instant::now();
    let chat_id = chat_id_param(p, "chat_id")?;
    flood_gate(st, now, peer)?;
    check_reply_target(st, p, chat_id)?;

    let parse_mode = str_param(p, "parse_mode")?.filter(|s| !s.is_empty());
    let markup = markup_param(p, false)?;
    let (text, plain, entities, content, copy_result) = match canon {
        "SendMessage" => {
            let text = str_param(p, "text")?.unwrap_or_default();
            let entities = entities_param(p, "entities")?;
            let plain = check_text(&text, parse_mode.as_deref()).map_err(bad)?;
            if plain.trim().is_empty() {
                return Err(bad("message text is empty"));
            }
            if plain.chars().count() > MAX_TEXT_CHARS {
                return Err(bad("message is too long"));
            }
            let content = content_of(Some(&plain), &entities);
            (text, plain, entities, content, false)
        }
        "CopyMessage" | "ForwardMessage" => {
            let from_chat = chat_id_param(p, "from_chat_id")?;
            let src_id = message_id_param(p, "message_id")?;
            let Some(src) = st.messages.get(&(from_chat, src_id)) else {
                return Err(bad(if canon == "CopyMessage" {
                    "message to copy not found"
                } else {
                    "message to forward not found"
                }));
            };
            let mut content = src.content.clone();
            if canon == "ForwardMessage" {
                content.insert(
                    "forward_origin".into(),
                    json!({"type": "user", "sender_user": src.from, "date": src.date}),
                );
            }
            let entities = entities_param(p, "caption_entities")?;
            if canon == "CopyMessage" {
                if let Some(caption) = str_param(p, "caption")? {
                    let plain = check_text(&caption, parse_mode.as_deref()).map_err(bad)?;
                    if plain.chars().count() > MAX_CAPTION_CHARS {
                        return Err(bad("message caption is too long"));
                    }
                    if !content.contains_key("text") {
                        content.insert("caption".into(), json!(plain));
                    }
                }
            }
            let text = content
                .get("text")
                .or_else(|| content.get("caption"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            (
                text.clone(),
                text,
                entities,
                content,
                canon == "CopyMessage",
            )
        }
        _ => {
            // SendVoice / SendPhoto
            let key = if canon == "SendVoice" {
                "voice"
            } else {
                "photo"
            };
            let file_id = media_param(p, key, st.next_message_id)?;
            let caption = str_param(p, "caption")?.unwrap_or_default();
            let entities = entities_param(p, "caption_entities")?;
            let plain = check_text(&caption, parse_mode.as_deref()).map_err(bad)?;
            if plain.chars().count() > MAX_CAPTION_CHARS {
                return Err(bad("message caption is too long"));
            }
            let mut content = Map::new();
            let uniq = format!("uniq-{}", st.next_message_id);
            if key == "voice" {
                let duration = int_param(p, "duration")?.unwrap_or(1).max(0);
                content.insert(
                    "voice".into(),
                    json!({"file_id": file_id, "file_unique_id": uniq, "duration": duration, "mime_type": "audio/ogg", "file_size": 1024}),
                );
            } else {
                content.insert(
                    "photo".into(),
                    json!([{"file_id": file_id, "file_unique_id": uniq, "width": 90, "height": 90, "file_size": 1024}]),
                );
            }
            if !plain.is_empty() {
                content.insert("caption".into(), json!(plain));
                if let Some(e) = &entities {
                    content.insert("caption_entities".into(), e.clone());
                }
            }
            (caption, plain, entities, content, false)
        }
    };

    if st.blocked.contains(&chat_id) {
        return Err(blocked_err(chat_id));
    }
    rate_gate(st, now, peer)?;

    let message_id = st.next_message_id;
    st.next_message_id += 1;
    let date = unix_now();
    let inline_markup = markup
        .as_ref()
        .filter(|(_, inline)| *inline)
        .map(|(m, _)| m.clone());
    let from = bot_user_json();
    let result = if copy_result {
        json!({"message_id": message_id})
    } else {
        message_json(message_id, chat_id, date, &from, &content, &inline_markup)
    };
    st.messages.insert(
        (chat_id, message_id),
        Msg {
            from_bot: true,
            content,
            markup: inline_markup,
            from,
            date,
        },
    );
    record_sent(
        st,
        Sent {
            method: canon.to_string(),
            chat_id,
            text,
            plain,
            reply_markup: markup.map(|(m, _)| m),
            parse_mode,
            entities,
            message_id,
            at: now,
            body: Value::Object(p.clone()),
        },
    );
    Ok(result)
}

pub(super) fn edit(st: &mut St, canon: &str, p: &Map<String, Value>) -> ApiResult {
    let now = Instant::now();
    let parse_mode = str_param(p, "parse_mode")?.filter(|s| !s.is_empty());
    let markup = markup_param(p, true)?.map(|(m, _)| m);
    let (text, plain, entities) = if canon == "EditMessageText" {
        let text = str_param(p, "text")?.unwrap_or_default();
        let entities = entities_param(p, "entities")?;
        let plain = check_text(&text, parse_mode.as_deref()).map_err(bad)?;
        if plain.trim().is_empty() {
            return Err(bad("message text is empty"));
        }
        if plain.chars().count() > MAX_TEXT_CHARS {
            return Err(bad("message is too long"));
        }
        (Some(text), Some(plain), entities)
    } else {
        (None, None, None)
    };

    if let Some(inline_id) = str_param(p, "inline_message_id")?.filter(|s| !s.is_empty()) {
        let _ = inline_id;
        record_sent(
            st,
            Sent {
                method: canon.to_string(),
                chat_id: 0,
                text: text.unwrap_or_default(),
                plain: plain.unwrap_or_default(),
                reply_markup: markup,
                parse_mode,
                entities,
                message_id: 0,
                at: now,
                body: Value::Object(p.clone()),
            },
        );
        return Ok(json!(true));
    }

    let chat_id = chat_id_param(p, "chat_id")?;
    let message_id = message_id_param(p, "message_id")?;
    if st.blocked.contains(&chat_id) {
        return Err(blocked_err(chat_id));
    }
    let Some(msg) = st.messages.get_mut(&(chat_id, message_id)) else {
        return Err(bad("message to edit not found"));
    };
    if !msg.from_bot {
        return Err(bad("message can't be edited"));
    }
    if let Some(plain) = &plain {
        let Some(old) = msg.text() else {
            return Err(bad("there is no text in the message to edit"));
        };
        if old == plain && msg.markup == markup && msg.content.get("entities") == entities.as_ref()
        {
            return Err(bad(NOT_MODIFIED));
        }
        msg.content = content_of(Some(plain), &entities);
    } else if msg.markup == markup {
        return Err(bad(NOT_MODIFIED));
    }
    msg.markup = markup.clone();
    let mut result = message_json(
        message_id,
        chat_id,
        msg.date,
        &msg.from,
        &msg.content,
        &msg.markup,
    );
    result["edit_date"] = json!(unix_now());
    let current_text = msg.text().unwrap_or("").to_string();
    record_sent(
        st,
        Sent {
            method: canon.to_string(),
            chat_id,
            text: text.unwrap_or_default(),
            plain: plain.unwrap_or(current_text),
            reply_markup: markup,
            parse_mode,
            entities,
            message_id,
            at: now,
            body: Value::Object(p.clone()),
        },
    );
    Ok(result)
}
