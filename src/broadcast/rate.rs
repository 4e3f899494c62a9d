//! Timing without a clock: the caller passes `now` as the time since any fixed
//! start (the sender uses a `tokio::time::Instant`; the tests use numbers).

use std::collections::VecDeque;
use std::time::Duration;

/// Telegram counts messages per second on its own clock, as each request arrives:
/// some time between our sending it and our reading the answer.
pub const WINDOW: Duration = Duration::from_secs(1);

/// How often to look again while the send `n` places back is still unanswered.
const POLL: Duration = Duration::from_millis(1);

/// Admissions per [`WINDOW`] for a limit of `rate` per second: 1 % (at least one)
/// is left for everything else the bot sends meanwhile (replies to users).
pub fn admitted_per_window(rate: u32) -> u32 {
    let rate = rate.max(2);
    rate - (rate / 100).max(1)
}

/// One admitted send; hand it back with [`RateLimiter::answered`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

/// Admission of sends for a limit of `rate` per second, safe whatever the network
/// and scheduling delays: a send is admitted only once the send `n` places back
/// ([`admitted_per_window`]) was *answered* at least [`WINDOW`] ago. Telegram saw
/// that one before its answer and sees this one after we send it, so no second on
/// Telegram's clock holds more than `n` of ours. A GCRA pacer spreads them out
/// (slots `WINDOW/n` apart, up to `burst` at once to catch up after a late
/// wake-up). A pause (a 429's `retry_after`) admits nothing before its end. The
/// price of this safety: the rate is `n` per (1 s + the API's answer time).
#[derive(Debug, Clone)]
pub struct RateLimiter {
    n: usize,
    interval: Duration,
    tau: Duration,
    tat: Duration,
    next: u64,
    /// The last `n` admissions and when they were answered (`None`: in flight).
    log: VecDeque<(u64, Option<Duration>)>,
    paused_until: Duration,
}

impl RateLimiter {
    /// `per_sec` ≥ 1 messages per second, `burst` ≥ 1 (2 or more lets a caller
    /// that wakes up late catch up instead of losing the time).
    pub fn new(per_sec: u32, burst: u32) -> RateLimiter {
        let n = admitted_per_window(per_sec);
        let interval = WINDOW / n;
        RateLimiter {
            n: n as usize,
            interval,
            tau: interval * (burst.max(1) - 1),
            tat: Duration::ZERO,
            next: 0,
            log: VecDeque::with_capacity(n as usize + 1),
            paused_until: Duration::ZERO,
        }
    }

    /// `Ok`: send now, and report the answer's time with [`RateLimiter::answered`].
    /// `Err(t)`: not before `t`; ask again then.
    pub fn acquire(&mut self, now: Duration) -> Result<Ticket, Duration> {
        if now < self.paused_until {
            return Err(self.paused_until);
        }
        if now + self.tau < self.tat {
            return Err(self.tat - self.tau);
        }
        if self.log.len() >= self.n {
            match self.log[0].1 {
                None => return Err(now + POLL),
                Some(t) if now < t + WINDOW => return Err(t + WINDOW),
                Some(_) => {}
            }
        }
        let ticket = self.next;
        self.next += 1;
        self.log.push_back((ticket, None));
        while self.log.len() > self.n {
            self.log.pop_front();
        }
        self.tat = self.tat.max(now) + self.interval;
        Ok(Ticket(ticket))
    }

    /// The send of `ticket` was answered (whatever the answer) at `now`.
    pub fn answered(&mut self, ticket: Ticket, now: Duration) {
        let first = self.log.front().map_or(0, |e| e.0);
        if let Some(e) = ticket
            .0
            .checked_sub(first)
            .and_then(|i| self.log.get_mut(i as usize))
        {
            e.1 = Some(now);
        }
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

    /// Saturated callers for 60 s against a server that stamps each request at a
    /// random point between its sending and its answer. `latency(i)` is the answer
    /// time of send `i` (with stalls); `late(i)` how late a caller wakes up.
    fn saturate(
        per_sec: u32,
        burst: u32,
        latency: impl Fn(u64) -> Duration,
        late: impl Fn(u64) -> Duration,
    ) -> Vec<Duration> {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let mut r = RateLimiter::new(per_sec, burst);
        let mut now = Duration::from_secs(100);
        let mut stamps = Vec::new();
        let mut answers: BinaryHeap<Reverse<(Duration, u64)>> = BinaryHeap::new();
        let mut tickets = std::collections::HashMap::new();
        let mut i = 0u64;
        while now < Duration::from_secs(160) {
            while let Some(Reverse((t, k))) = answers.peek().copied() {
                if t > now {
                    break;
                }
                answers.pop();
                r.answered(tickets[&k], t);
            }
            match r.acquire(now) {
                Ok(ticket) => {
                    let l = latency(i);
                    // The server's clock: somewhere inside the round trip.
                    stamps.push(now + l * ((i * 7919 % 101) as u32) / 100);
                    tickets.insert(i, ticket);
                    answers.push(Reverse((now + l, i)));
                    i += 1;
                }
                Err(t) => {
                    assert!(t > now);
                    now = t + late(i);
                }
            }
        }
        stamps.sort();
        stamps
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
    fn no_second_on_the_servers_clock_holds_more_than_n_even_with_stalls() {
        for (rate, burst) in [(30, 2), (1000, 20), (200, 4)] {
            // 2 ms answers, and a 60 ms stall every 4,999th send.
            let stamps = saturate(
                rate,
                burst,
                |i| {
                    if i % 4999 == 0 {
                        Duration::from_millis(60)
                    } else {
                        Duration::from_millis(2)
                    }
                },
                |i| Duration::from_micros(i * 7919 % 3000),
            );
            let most = max_in_a_second(&stamps);
            assert!(
                most <= admitted_per_window(rate) as usize,
                "{rate}/s: {most} in one second"
            );
            let per_sec = stamps.len() as f64 / 60.0;
            let floor = if rate >= 100 { 0.97 } else { 0.95 };
            assert!(
                per_sec >= floor * f64::from(rate),
                "{rate}/s burst {burst}: {per_sec:.1}/s"
            );
        }
    }

    #[test]
    fn slow_answers_cost_rate_not_safety() {
        // 100 ms answers (a far-away Bot API): n per 1.1 s, never more than n.
        let stamps = saturate(1000, 20, |_| Duration::from_millis(100), |_| Duration::ZERO);
        assert!(max_in_a_second(&stamps) <= 990);
        let per_sec = stamps.len() as f64 / 60.0;
        assert!((880.0..=990.0).contains(&per_sec), "{per_sec}");
    }

    #[test]
    fn a_burst_of_callers_after_idle_gets_only_the_burst_at_once() {
        let mut r = RateLimiter::new(20, 3);
        let now = Duration::from_secs(60);
        let admitted = (0..10).filter(|_| r.acquire(now).is_ok()).count();
        assert_eq!(admitted, 3);
    }

    #[test]
    fn a_pause_admits_nothing_before_its_end() {
        let mut r = RateLimiter::new(1000, 20);
        assert!(r.acquire(ms(0)).is_ok());
        r.pause_until(ms(5000));
        assert_eq!(r.acquire(ms(100)), Err(ms(5000)));
        assert_eq!(r.acquire(ms(4999)), Err(ms(5000)));
        assert!(r.acquire(ms(5000)).is_ok());
        // A shorter pause later does not shorten it.
        r.pause_until(ms(1000));
        assert_eq!(r.paused_until(), ms(5000));
    }

    #[test]
    fn an_unanswered_send_n_places_back_holds_the_next() {
        let mut r = RateLimiter::new(2, 2); // n = 1
        let t = r.acquire(ms(0)).unwrap();
        assert_eq!(r.acquire(ms(5000)), Err(ms(5001)), "still in flight");
        r.answered(t, ms(5000));
        assert_eq!(r.acquire(ms(5500)), Err(ms(6000)));
        assert!(r.acquire(ms(6000)).is_ok());
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
