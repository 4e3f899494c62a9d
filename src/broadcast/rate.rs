//! Timing without a clock: the caller passes `now` as the time since any fixed
//! start (the sender uses a `tokio::time::Instant`; the tests use numbers).

use std::collections::VecDeque;
use std::time::Duration;

/// Telegram's limits are per second; ours are per this window, a little longer, so
/// that jitter between our clock and Telegram's (network, scheduling) does not
/// push more messages into one of Telegram's seconds than we admitted in ours.
pub const WINDOW: Duration = Duration::from_millis(1010);

/// Admissions per [`WINDOW`] for a limit of `rate` per second: 1 % (at least one)
/// is left for everything else the bot sends meanwhile (replies to users).
pub fn admitted_per_window(rate: u32) -> u32 {
    let rate = rate.max(2);
    rate - (rate / 100).max(1)
}

/// Admission of sends for a limit of `rate` per second: a GCRA pacer (slots
/// `WINDOW/n` apart, up to `burst` at once to catch up after a late wake-up) and a
/// log of the last `n` admissions, which guarantees that no window of length
/// [`WINDOW`] holds more than `n` = [`admitted_per_window`] of them, whatever the
/// timing. A pause (Telegram's 429 `retry_after`) admits nothing before its end.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    rate: usize,
    interval: Duration,
    tau: Duration,
    tat: Duration,
    log: VecDeque<Duration>,
    paused_until: Duration,
}

impl RateLimiter {
    /// `per_sec` ≥ 1 messages per second, `burst` ≥ 1 (2 or more lets a caller
    /// that wakes up late catch up instead of losing the time).
    pub fn new(per_sec: u32, burst: u32) -> RateLimiter {
        let n = admitted_per_window(per_sec);
        let interval = WINDOW / n;
        RateLimiter {
            rate: n as usize,
            interval,
            tau: interval * (burst.max(1) - 1),
            tat: Duration::ZERO,
            log: VecDeque::with_capacity(n as usize + 1),
            paused_until: Duration::ZERO,
        }
    }

    /// `None`: send now (recorded). `Some(t)`: not before `t`; ask again then.
    pub fn acquire(&mut self, now: Duration) -> Option<Duration> {
        if now < self.paused_until {
            return Some(self.paused_until);
        }
        if now + self.tau < self.tat {
            return Some(self.tat - self.tau);
        }
        if self.log.len() >= self.rate {
            let free = self.log[0] + WINDOW;
            if now < free {
                return Some(free);
            }
        }
        self.log.push_back(now);
        while self.log.len() > self.rate {
            self.log.pop_front();
        }
        self.tat = self.tat.max(now) + self.interval;
        None
    }

    /// Nothing may be sent before `until`.
    pub fn pause_until(&mut self, until: Duration) {
        self.paused_until = self.paused_until.max(until);
    }

    pub fn paused_until(&self) -> Duration {
        self.paused_until
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

    /// Saturated callers that wake up late (as timers do) for 60 s: at least 97 %
    /// of the rate, and never more than `rate` in any one-second window.
    fn saturate(per_sec: u32, burst: u32, late: impl Fn(usize) -> Duration) -> Vec<Duration> {
        let mut r = RateLimiter::new(per_sec, burst);
        let mut now = Duration::from_secs(100);
        let mut sent = Vec::new();
        let mut i = 0;
        while now < Duration::from_secs(160) {
            match r.acquire(now) {
                None => sent.push(now),
                Some(t) => {
                    assert!(t > now);
                    now = t + late(i);
                    i += 1;
                }
            }
        }
        sent
    }

    fn max_in_a_second(sent: &[Duration]) -> usize {
        let mut j = 0;
        let mut most = 0;
        for i in 0..sent.len() {
            while sent[i] - sent[j] >= Duration::from_secs(1) {
                j += 1;
            }
            most = most.max(i - j + 1);
        }
        most
    }

    #[test]
    fn saturated_callers_get_97_percent_and_never_more_than_the_rate() {
        for (rate, burst) in [(30, 2), (30, 3), (1000, 20), (200, 4)] {
            for jitter in [0u64, 1, 3] {
                let sent = saturate(rate, burst, |i| {
                    Duration::from_micros((i as u64 * 7919) % (jitter * 1000 + 1))
                });
                let per_sec = sent.len() as f64 / 60.0;
                let floor = if rate >= 100 { 0.97 } else { 0.95 };
                assert!(
                    per_sec >= floor * f64::from(rate),
                    "{rate}/s burst {burst} jitter {jitter} ms: {per_sec:.1}/s"
                );
                assert!(
                    max_in_a_second(&sent) <= admitted_per_window(rate) as usize,
                    "{rate}/s: {} in one second",
                    max_in_a_second(&sent)
                );
            }
        }
    }

    #[test]
    fn a_burst_of_callers_after_idle_gets_only_the_burst_at_once() {
        let mut r = RateLimiter::new(20, 3);
        let now = Duration::from_secs(60);
        let admitted = (0..10).filter(|_| r.acquire(now).is_none()).count();
        assert_eq!(admitted, 3);
    }

    #[test]
    fn a_pause_admits_nothing_before_its_end() {
        let mut r = RateLimiter::new(1000, 20);
        assert_eq!(r.acquire(ms(0)), None);
        r.pause_until(ms(5000));
        assert_eq!(r.acquire(ms(100)), Some(ms(5000)));
        assert_eq!(r.acquire(ms(4999)), Some(ms(5000)));
        assert_eq!(r.acquire(ms(5000)), None);
        // A shorter pause later does not shorten it.
        r.pause_until(ms(1000));
        assert_eq!(r.paused_until(), ms(5000));
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
