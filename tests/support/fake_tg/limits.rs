//! Telegram's limits: text and caption lengths, the send rate window and the flood
//! window after a 429.

use super::*;

/// Max text length (characters).
pub const MAX_TEXT_CHARS: usize = 4096;

/// Max caption length (characters).
pub const MAX_CAPTION_CHARS: usize = 1024;

/// Sends arriving on another connection less than this long after a 429 are treated as
/// already in flight when the 429 was issued: they still get 429 but are not counted by
/// [`FakeTelegram::early_sends_after_429`].
pub const IN_FLIGHT_GRACE: Duration = Duration::from_millis(50);

/// Methods that count as "sends" for rate limiting and flood windows.
pub(super) const SEND_METHODS: &[&str] = &[
    "SendMessage",
    "CopyMessage",
    "ForwardMessage",
    "SendVoice",
    "SendPhoto",
];

/// Flood window: sends during an unexpired retry_after get 429 again.
pub(super) fn flood_gate(st: &mut St, now: Instant, peer: SocketAddr) -> Result<(), ApiErr> {
    let Some(f) = st.flood else { return Ok(()) };
    if now >= f.until {
        st.flood = None;
        return Ok(());
    }
    let in_flight = peer != f.last_peer && now.duration_since(f.last_at) < IN_FLIGHT_GRACE;
    if !in_flight {
        st.early += 1;
    }
    let left = f.until.duration_since(now);
    let secs = left.as_secs() as u32 + u32::from(left.subsec_nanos() > 0);
    Err(too_many(secs.max(1)))
}

/// Rolling one-second send window.
pub(super) fn rate_gate(st: &mut St, now: Instant, peer: SocketAddr) -> Result<(), ApiErr> {
    let Some(limit) = st.rate else { return Ok(()) };
    while st
        .window
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
    {
        st.window.pop_front();
    }
    if st.window.len() >= limit as usize {
        st.flood = Some(Flood {
            until: now + Duration::from_secs(1),
            last_at: now,
            last_peer: peer,
        });
        return Err(too_many(1));
    }
    st.window.push_back(now);
    Ok(())
}
