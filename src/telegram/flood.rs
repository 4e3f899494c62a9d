//! Inbound flood control: how many messages a user may send in a minute before
//! the bot stops reading them (one notice, then silence until the minute ends).

use std::collections::HashMap;

/// Inbound flood control: a fixed one-minute window per user.
#[derive(Default)]
pub(super) struct Flood(std::sync::Mutex<HashMap<i64, (i64, u32)>>);

/// What flood control says about one more message.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FloodCheck {
    Ok,
    /// Over the limit for the first time this minute: tell the user once.
    Notice,
    /// Still over the limit: ignore quietly.
    Ignore,
}

impl Flood {
    pub(super) fn check(&self, user: i64, now: i64, limit: u32) -> FloodCheck {
        if limit == 0 {
            return FloodCheck::Ok;
        }
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (start, _)| now - *start < 60);
        }
        let entry = map.entry(user).or_insert((now, 0));
        if now - entry.0 >= 60 {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 <= limit {
            FloodCheck::Ok
        } else if entry.1 == limit + 1 {
            FloodCheck::Notice
        } else {
            FloodCheck::Ignore
        }
    }
}

#[cfg(test)]
mod flood_tests {
    use super::{Flood, FloodCheck};

    #[test]
    fn one_notice_per_minute_then_silence_then_a_fresh_minute() {
        let f = Flood::default();
        for _ in 0..3 {
            assert_eq!(f.check(1, 100, 3), FloodCheck::Ok);
        }
        assert_eq!(f.check(1, 110, 3), FloodCheck::Notice);
        assert_eq!(f.check(1, 120, 3), FloodCheck::Ignore);
        assert_eq!(
            f.check(2, 120, 3),
            FloodCheck::Ok,
            "other users are not affected"
        );
        assert_eq!(f.check(1, 160, 3), FloodCheck::Ok, "the window has passed");
        assert_eq!(f.check(1, 160, 0), FloodCheck::Ok, "0 means no limit");
    }
}
