//! Strict checks of what a bot sends: text (no `parse_mode`: the bot sends plain
//! text, so the fake parses no markup and refuses every parse mode) and reply markup
//! (keyboard shape, button fields, callback data limits).

use super::*;

pub(super) const BUTTON_ACTIONS: &[&str] = &[
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "callback_game",
    "pay",
    "web_app",
    "copy_text",
];

/// Validates `text`; returns what the user sees. netplus sends plain text, so any
/// `parse_mode` is refused as Telegram refuses an unknown one: a bot that starts to
/// use markup fails here loudly instead of passing unchecked.
pub(super) fn check_text(text: &str, parse_mode: Option<&str>) -> Result<String, String> {
    match parse_mode {
        None => Ok(text.to_string()),
        Some(_) => Err("unsupported parse_mode".to_string()),
    }
}

pub(super) fn entities_param(p: &Map<String, Value>, key: &str) -> Result<Option<Value>, ApiErr> {
    match json_param(p, key) {
        Ok(None) => Ok(None),
        Ok(Some(v @ Value::Array(_))) => Ok(Some(v)),
        _ => Err(bad(format!("can't parse {key} JSON object"))),
    }
}

/// Parsed reply markup: `(value, is_inline)`.
pub(super) fn markup_param(
    p: &Map<String, Value>,
    inline_only: bool,
) -> Result<Option<(Value, bool)>, ApiErr> {
    let markup = match json_param(p, "reply_markup") {
        Ok(None) => return Ok(None),
        Ok(Some(v @ Value::Object(_))) => v,
        _ => return Err(bad("can't parse reply keyboard markup JSON object")),
    };
    let inline = check_markup(&markup)?;
    if inline_only && !inline {
        return Err(bad("inline keyboard expected"));
    }
    Ok(Some((markup, inline)))
}

/// Returns whether the markup is an inline keyboard.
pub(super) fn check_markup(m: &Value) -> Result<bool, ApiErr> {
    let parse_err = || bad("can't parse reply keyboard markup JSON object");
    if let Some(rows) = m.get("inline_keyboard") {
        let rows = rows.as_array().ok_or_else(|| {
            bad("can't parse inline keyboard button: field \"inline_keyboard\" must be an Array")
        })?;
        let mut total = 0;
        for row in rows {
            let row = row.as_array().ok_or_else(|| {
                bad("can't parse inline keyboard button: InlineKeyboardButton row must be an Array")
            })?;
            for b in row {
                total += 1;
                check_inline_button(b)?;
            }
        }
        if total > 100 {
            return Err(bad("reply markup is too long"));
        }
        Ok(true)
    } else if let Some(rows) = m.get("keyboard") {
        let rows = rows.as_array().ok_or_else(parse_err)?;
        let mut total = 0;
        for row in rows {
            for b in row.as_array().ok_or_else(parse_err)? {
                total += 1;
                let text = match b {
                    Value::String(s) => s.as_str(),
                    Value::Object(o) => o.get("text").and_then(Value::as_str).ok_or_else(|| {
                        bad("can't parse keyboard button: field \"text\" must be of type String")
                    })?,
                    _ => return Err(bad(
                        "can't parse keyboard button: KeyboardButton must be a String or an Object",
                    )),
                };
                if text.trim().is_empty() {
                    return Err(bad("keyboard button text is empty"));
                }
            }
        }
        if total > 300 {
            return Err(bad("reply markup is too long"));
        }
        Ok(false)
    } else if m.get("remove_keyboard").and_then(Value::as_bool) == Some(true)
        || m.get("force_reply").and_then(Value::as_bool) == Some(true)
    {
        Ok(false)
    } else {
        Err(parse_err())
    }
}

pub(super) fn check_inline_button(b: &Value) -> Result<(), ApiErr> {
    let o = b.as_object().ok_or_else(|| {
        bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    })?;
    let text = o.get("text").and_then(Value::as_str).ok_or_else(|| {
        bad("can't parse inline keyboard button: field \"text\" must be of type String")
    })?;
    if text.trim().is_empty() {
        return Err(bad("BUTTON_TEXT_INVALID"));
    }
    let actions: Vec<&str> = BUTTON_ACTIONS
        .iter()
        .copied()
        .filter(|k| o.contains_key(*k))
        .collect();
    match actions.len() {
        0 => return Err(bad("text buttons are unallowed in the inline keyboard")),
        1 => {}
        _ => return Err(bad(format!("can't parse inline keyboard button: exactly one of the optional fields must be used, found {}", actions.join(", ")))),
    }
    if let Some(d) = o.get("callback_data") {
        match d.as_str() {
            Some(s) if !s.is_empty() && s.len() <= 64 => {}
            _ => return Err(bad("BUTTON_DATA_INVALID")),
        }
    }
    if let Some(u) = o.get("url") {
        let s = u.as_str().unwrap_or("");
        let lower = s.to_ascii_lowercase();
        let ok = ["http://", "https://", "tg://"]
            .iter()
            .any(|p| lower.starts_with(p) && lower.len() > p.len())
            && !s.chars().any(char::is_whitespace);
        if !ok {
            return Err(bad(format!(
                "inline keyboard button URL '{s}' is invalid: Wrong HTTP URL"
            )));
        }
    }
    Ok(())
}
