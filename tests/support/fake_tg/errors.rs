//! Bot API errors in Telegram's wording (400, 403, 409, 429 with `retry_after`,
//! `message is not modified`…) and the failures a test injects with `fail_next`.

use super::*;

pub(super) const CONFLICT: &str =
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
pub(super) const QUERY_INVALID: &str =
    "query is too old and response timeout expired or query ID is invalid";

pub(super) const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

#[derive(Debug, Clone)]
pub(super) struct ApiErr {
    pub(super) status: u16,
    pub(super) desc: String,
    pub(super) retry_after: Option<u32>,
}

pub(super) fn bad(desc: impl Into<String>) -> ApiErr {
    let d: String = desc.into();
    ApiErr {
        status: 400,
        desc: format!("Bad Request: {d}"),
        retry_after: None,
    }
}

pub(super) fn api_err(status: u16, desc: impl Into<String>) -> ApiErr {
    ApiErr {
        status,
        desc: desc.into(),
        retry_after: None,
    }
}

pub(super) fn too_many(retry_after: u32) -> ApiErr {
    ApiErr {
        status: 429,
        desc: format!("Too Many Requests: retry after {retry_after}"),
        retry_after: Some(retry_after),
    }
}

pub(super) type ApiResult = Result<Value, ApiErr>;

pub(super) fn reject(st: &mut St, method: &str, e: &ApiErr, params: &Value) {
    st.rejected
        .push((method.to_string(), e.status, e.desc.clone(), params.clone()));
    if e.status == 429 {
        st.r429.push((
            Instant::now(),
            e.retry_after.unwrap_or(0),
            method.to_string(),
        ));
    }
}

pub(super) fn take_fail(st: &mut St, lower: &str) -> Option<(u16, Option<u32>)> {
    pop_fail(st.fail.get_mut(lower)?)
}

/// `take_fail` for the per-chat queue of `fail_next_to`.
pub(super) fn take_chat_fail(st: &mut St, lower: &str, chat: i64) -> Option<(u16, Option<u32>)> {
    pop_fail(st.fail_chat.get_mut(&(lower.to_string(), chat))?)
}

/// One failure off the front of a queue.
fn pop_fail(q: &mut FailQueue) -> Option<(u16, Option<u32>)> {
    let front = q.front_mut()?;
    let out = (front.0, front.1);
    front.2 -= 1;
    if front.2 == 0 {
        q.pop_front();
    }
    Some(out)
}

pub(super) fn injected(status: u16, retry_after: Option<u32>) -> ApiErr {
    match status {
        429 => too_many(retry_after.unwrap_or(1)),
        400 => bad("injected failure"),
        401 => api_err(401, "Unauthorized"),
        403 => api_err(403, "Forbidden: bot was blocked by the user"),
        404 => api_err(404, "Not Found"),
        409 => api_err(409, CONFLICT),
        500 => api_err(500, "Internal Server Error"),
        502 => api_err(502, "Bad Gateway"),
        503 => api_err(503, "Service Unavailable"),
        504 => api_err(504, "Gateway Timeout"),
        s => ApiErr {
            status: s,
            desc: format!("Error {s}"),
            retry_after,
        },
    }
}

pub(super) fn blocked_err(chat_id: i64) -> ApiErr {
    if chat_id < 0 {
        api_err(403, "Forbidden: bot was kicked from the supergroup chat")
    } else {
        api_err(403, "Forbidden: bot was blocked by the user")
    }
}
