//! Timing without a clock: the caller passes `now` as the time since any fixed
//! start (the sender uses a `tokio::time::Instant`; the tests use numbers).

use std::time::Duration;

/// A send-slot scheduler (GCRA, the "virtual scheduling" form of a token bucket):
/// slots are `1/rate` apart, at most `burst` of them may be used at once after an
/// idle spell, and a pause (Telegram's 429 `retry_after`) moves every later slot
/// past its end. Over any window of length `T` it hands out at most
/// `rate·T + burst` slots, and when callers are always waiting it hands out
/// exactly `rate` per second.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    interval: Duration,
    burst: u32,
    next: Duration,
    paused_until: Duration,
}

impl RateLimiter {
    /// `per_sec` ≥ 1 messages per second, `burst` ≥ 1.
    pub fn new(per_sec: u32, burst: u32) -> RateLimiter {
        RateLimiter {
            interval: Duration::from_secs(1) / per_sec.max(1),
            burst: burst.max(1),
            next: Duration::ZERO,
            paused_until: Duration::ZERO,
        }
    }

    /// Reserves the next slot and returns when it is: the caller waits until then
    /// and must check [`RateLimiter::paused_until`] again before sending.
    pub fn reserve(&mut self, now: Duration) -> Duration {
        let earliest = now.saturating_sub(self.interval * (self.burst - 1));
        let slot = self.next.max(earliest).max(self.paused_until);
        self.next = slot + self.interval;
        slot
    }

    /// Nothing may be sent before `until`.
    pub fn pause_until(&mut self, until: Duration) {
        self.paused_until = self.paused_until.max(until);
        self.next = self.next.max(until);
    }

    pub fn paused_until(&self) -> Duration {
        self.paused_until
    }

    pub fn interval(&self) -> Duration {
        self.interval
    }
}

/// "At most every `every`": true when enough time passed since the last `true`.
#[derive(Debug, Clone)]
pub struct Ticker {
    every: Duration,
    last: Option<Duration>,
}

impl Ticker {
    pub fn new(every: Duration) -> Ticker {
        Ticker { every, last: None }
    }

    pub fn due(&mut self, now: Duration) -> bool {
        match self.last {
            Some(l) if now < l + self.every => false,
            _ => {
                self.last = Some(now);
                true
            }
        }
    }
}

/// Seconds left for `remaining` messages: at the observed rate once there is one
/// (`done` messages in `elapsed`, at least 2 s of it), never faster than the limit.
pub fn eta_secs(remaining: u64, done: u64, elapsed: Duration, limit_per_sec: u32) -> u64 {
    let limit = f64::from(limit_per_sec.max(1));
    let rate = if elapsed >= Duration::from_secs(2) && done > 0 {
        (done as f64 / elapsed.as_secs_f64()).min(limit)
    } else {
        limit
    };
    (remaining as f64 / rate).ceil() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Callers that always wait get exactly `rate` slots per second.
    #[test]
    fn saturated_callers_get_exactly_the_rate() {
        let mut r = RateLimiter::new(30, 1);
        let mut now = Duration::ZERO;
        let mut slots = Vec::new();
        while slots.len() < 300 {
            let s = r.reserve(now);
            now = now.max(s);
            slots.push(s);
        }
        // 300 slots at 30/s span 299 intervals: 9.97 s.
        assert_eq!(slots[299] - slots[0], Duration::from_secs(1) / 30 * 299);
        for w in slots.windows(2) {
            assert!(w[1] - w[0] >= Duration::from_secs(1) / 30);
        }
    }

    #[test]
    fn any_one_second_window_holds_at_most_rate_plus_burst() {
        let mut r = RateLimiter::new(1000, 5);
        let mut slots = Vec::new();
        // Bursty callers: 50 at once every 70 ms, for 2 s.
        for tick in 0..30u64 {
            for _ in 0..50 {
                slots.push(r.reserve(ms(tick * 70)));
            }
        }
        slots.sort();
        for (i, s) in slots.iter().enumerate() {
            let in_window = slots[i..]
                .iter()
                .take_while(|t| **t < *s + Duration::from_secs(1))
                .count();
            assert!(
                in_window <= 1000 + 5,
                "{in_window} in the second after {s:?}"
            );
        }
    }

    #[test]
    fn a_pause_moves_every_later_slot_past_its_end() {
        let mut r = RateLimiter::new(30, 3);
        let a = r.reserve(ms(0));
        r.pause_until(ms(5000));
        for _ in 0..10 {
            assert!(r.reserve(ms(100)) >= ms(5000));
        }
        assert_eq!(a, ms(0));
        assert_eq!(r.paused_until(), ms(5000));
        // A shorter pause later does not shorten it.
        r.pause_until(ms(1000));
        assert_eq!(r.paused_until(), ms(5000));
    }

    #[test]
    fn idle_time_allows_only_the_burst() {
        let mut r = RateLimiter::new(10, 3);
        let now = Duration::from_secs(60);
        let s: Vec<_> = (0..5).map(|_| r.reserve(now)).collect();
        assert!(s[..3].iter().all(|t| *t <= now), "{s:?}");
        assert!(s[3] > now && s[4] > s[3]);
    }

    #[test]
    fn ticker_fires_at_most_every_period() {
        let mut t = Ticker::new(Duration::from_secs(3));
        assert!(t.due(ms(0)));
        assert!(!t.due(ms(2999)));
        assert!(t.due(ms(3000)));
        assert!(!t.due(ms(4000)));
    }

    #[test]
    fn eta_uses_the_observed_rate_but_never_beats_the_limit() {
        assert_eq!(eta_secs(300, 0, Duration::ZERO, 30), 10);
        assert_eq!(eta_secs(300, 10, Duration::from_secs(10), 30), 300);
        assert_eq!(eta_secs(300, 1000, Duration::from_secs(10), 30), 10);
        assert_eq!(eta_secs(0, 5, Duration::from_secs(10), 30), 0);
    }
}
