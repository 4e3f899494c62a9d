//! Request parameters as Telegram reads them: JSON, form-urlencoded or multipart
//! bodies and query strings, with typed accessors that answer 400 like the real API.

use super::*;

pub(super) type ParamErr = (ApiErr, Value);

pub(super) fn parse_params(
    query: Option<String>,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Map<String, Value>, ParamErr> {
    let mut map = Map::new();
    if let Some(q) = query {
        for (k, v) in parse_urlencoded(&q) {
            map.insert(k, Value::String(v));
        }
    }
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(map);
    }
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let raw = || Value::String(String::from_utf8_lossy(body).chars().take(2000).collect());
    if ct.starts_with("application/json") {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(o)) => {
                map.extend(o);
                Ok(map)
            }
            Ok(_) => Err((bad("can't parse parameters: JSON object expected"), raw())),
            Err(e) => Err((
                bad(format!("can't parse JSON encoded parameters: {e}")),
                raw(),
            )),
        }
    } else if ct.starts_with("application/x-www-form-urlencoded") {
        let s = String::from_utf8_lossy(body);
        for (k, v) in parse_urlencoded(&s) {
            map.insert(k, Value::String(v));
        }
        Ok(map)
    } else if ct.starts_with("multipart/form-data") {
        let boundary =
            ct_boundary(headers).ok_or_else(|| (bad("multipart boundary is missing"), raw()))?;
        let parts = parse_multipart(body, &boundary)
            .ok_or_else(|| (bad("can't parse multipart body"), raw()))?;
        for (name, filename, data) in parts {
            match filename {
                Some(f) => map.insert(name, json!({"_upload": f, "size": data.len()})),
                None => map.insert(
                    name,
                    Value::String(String::from_utf8_lossy(&data).into_owned()),
                ),
            };
        }
        Ok(map)
    } else {
        Err((
            bad(format!(
                "unsupported Content-Type \"{ct}\" (send application/json)"
            )),
            raw(),
        ))
    }
}

pub(super) fn ct_boundary(headers: &HeaderMap) -> Option<String> {
    let ct = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let idx = ct.to_ascii_lowercase().find("boundary=")?;
    let b = ct[idx + 9..].split(';').next()?.trim().trim_matches('"');
    (!b.is_empty()).then(|| b.to_string())
}

pub(super) fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

pub(super) type Part = (String, Option<String>, Vec<u8>);

pub(super) fn parse_multipart(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find_bytes(body, &delim, 0)? + delim.len();
    loop {
        if body.get(pos..pos + 2) == Some(b"--") {
            return Some(parts);
        }
        // skip CRLF after the delimiter
        if body.get(pos..pos + 2) == Some(b"\r\n") {
            pos += 2;
        }
        let head_end = find_bytes(body, b"\r\n\r\n", pos)?;
        let head = String::from_utf8_lossy(&body[pos..head_end]).into_owned();
        let data_start = head_end + 4;
        let mut end_delim = b"\r\n".to_vec();
        end_delim.extend_from_slice(&delim);
        let data_end = find_bytes(body, &end_delim, data_start)?;
        let mut name = None;
        let mut filename = None;
        for line in head.split("\r\n") {
            if line
                .to_ascii_lowercase()
                .starts_with("content-disposition:")
            {
                for item in line.split(';') {
                    let item = item.trim();
                    if let Some(v) = item.strip_prefix("name=") {
                        name = Some(v.trim_matches('"').to_string());
                    } else if let Some(v) = item.strip_prefix("filename=") {
                        filename = Some(v.trim_matches('"').to_string());
                    }
                }
            }
        }
        parts.push((name?, filename, body[data_start..data_end].to_vec()));
        pos = data_end + end_delim.len();
    }
}

pub(super) fn parse_urlencoded(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

pub(super) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Integer parameter: JSON number or numeric string.
pub(super) fn int_param(p: &Map<String, Value>, key: &str) -> Result<Option<i64>, ApiErr> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| bad(format!("wrong parameter \"{key}\""))),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| bad(format!("wrong parameter \"{key}\""))),
        Some(_) => Err(bad(format!("wrong parameter \"{key}\""))),
    }
}

/// String parameter: JSON string (numbers and booleans converted like the real API).
pub(super) fn str_param(p: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiErr> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(_) => Err(bad(format!("wrong parameter \"{key}\": string expected"))),
    }
}

pub(super) fn bool_param(p: &Map<String, Value>, key: &str) -> bool {
    match p.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true" || s == "1",
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// JSON-typed parameter: an object/array, or a string holding JSON (form uploads).
pub(super) fn json_param(p: &Map<String, Value>, key: &str) -> Result<Option<Value>, ()> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => serde_json::from_str(s).map(Some).map_err(|_| ()),
        Some(v) => Ok(Some(v.clone())),
    }
}

pub(super) fn chat_id_param(p: &Map<String, Value>, key: &str) -> Result<i64, ApiErr> {
    match p.get(key) {
        None | Some(Value::Null) => Err(bad(format!("{key} is empty"))),
        Some(Value::String(s)) if s.trim().is_empty() => Err(bad(format!("{key} is empty"))),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(0) | None => Err(bad("chat not found")),
            Some(id) => Ok(id),
        },
        Some(Value::String(s)) => match s.trim().parse::<i64>() {
            Ok(0) | Err(_) => Err(bad("chat not found")),
            Ok(id) => Ok(id),
        },
        Some(_) => Err(bad("chat not found")),
    }
}

pub(super) fn message_id_param(p: &Map<String, Value>, key: &str) -> Result<i64, ApiErr> {
    match int_param(p, key)? {
        None => Err(bad("message identifier is not specified")),
        Some(id) if id <= 0 || id > i32::MAX as i64 => {
            Err(bad("message identifier is not specified"))
        }
        Some(id) => Ok(id),
    }
}

pub(super) fn lang_param(p: &Map<String, Value>) -> Result<String, ApiErr> {
    let lang = str_param(p, "language_code")?.unwrap_or_default();
    if lang.is_empty() || (lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase())) {
        Ok(lang)
    } else {
        Err(bad("bad language code"))
    }
}

pub(super) fn scope_param(p: &Map<String, Value>) -> Result<Value, ApiErr> {
    let scope = json_param(p, "scope")
        .map_err(|_| bad("can't parse BotCommandScope JSON object"))?
        .unwrap_or_else(|| json!({"type": "default"}));
    let ty = scope.get("type").and_then(Value::as_str).unwrap_or("");
    match ty {
        "default" | "all_private_chats" | "all_group_chats" | "all_chat_administrators" => {
            Ok(json!({"type": ty}))
        }
        "chat" | "chat_administrators" => {
            let Some(o) = scope.as_object() else {
                return Err(bad("can't parse BotCommandScope JSON object"));
            };
            let id = chat_id_param(o, "chat_id")?;
            Ok(json!({"type": ty, "chat_id": id}))
        }
        "chat_member" => {
            let Some(o) = scope.as_object() else {
                return Err(bad("can't parse BotCommandScope JSON object"));
            };
            let id = chat_id_param(o, "chat_id")?;
            let user = int_param(o, "user_id")?.ok_or_else(|| bad("user not found"))?;
            Ok(json!({"type": ty, "chat_id": id, "user_id": user}))
        }
        _ => Err(bad("can't parse BotCommandScope JSON object")),
    }
}
