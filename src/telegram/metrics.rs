//! Counters for `/metrics` (Prometheus text format) and the facts `/healthz`
//! checks. Plain atomics: cheap on the hot path.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;

/// Upper bounds of the handling-latency histogram, in milliseconds.
pub const LATENCY_BUCKETS_MS: [u64; 10] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

#[derive(Default)]
pub struct Metrics {
    updates: Mutex<BTreeMap<&'static str, u64>>,
    latency_buckets: [AtomicU64; LATENCY_BUCKETS_MS.len()],
    latency_count: AtomicU64,
    latency_sum_us: AtomicU64,
    telegram_errors: Mutex<BTreeMap<u16, u64>>,
    pub messages_sent: AtomicU64,
    pub faq_answered: AtomicU64,
    pub faq_unanswered: AtomicU64,
    /// Unix seconds of the last Telegram call that succeeded.
    pub last_telegram_ok: AtomicI64,
    /// Unix seconds when the getUpdates long poll now open was sent (0: none).
    poll_open_since: AtomicI64,
}

/// How recent the last successful Telegram call must be for `/healthz`.
pub const TELEGRAM_STALE_SECS: i64 = 60;

/// Marks a long poll open until dropped.
pub struct PollOpen<'a>(&'a AtomicI64);

impl Drop for PollOpen<'_> {
    fn drop(&mut self) {
        self.0.store(0, Ordering::Relaxed);
    }
}

/// Numbers read from the store when `/metrics` is asked.
pub struct Gauges {
    pub sessions: u64,
    pub handoffs_open: u64,
    pub pending_outboxes: u64,
    /// Scheduled or running broadcast jobs, and their last known recipient
    /// counts by state (pending, sent, blocked, failed, skipped).
    pub broadcasts_active: u64,
    pub broadcast_recipients: [(&'static str, u64); 5],
}

impl Metrics {
    pub fn update(&self, kind: &'static str) {
        *self
            .updates
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(kind)
            .or_default() += 1;
    }

    /// Time from receiving an update to committing its effects and replies.
    pub fn handled(&self, d: std::time::Duration) {
        let ms = d.as_secs_f64() * 1000.0;
        for (i, le) in LATENCY_BUCKETS_MS.iter().enumerate() {
            if ms <= *le as f64 {
                self.latency_buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_sum_us
            .fetch_add(d.as_micros() as u64, Ordering::Relaxed);
    }

    /// The smallest bucket bound (ms) below which at least `q` of the handled
    /// updates fall; `None` before any update or beyond the last bucket.
    pub fn handling_quantile_ms(&self, q: f64) -> Option<u64> {
        let count = self.latency_count.load(Ordering::Relaxed);
        if count == 0 {
            return None;
        }
        let need = (count as f64 * q).ceil() as u64;
        LATENCY_BUCKETS_MS
            .iter()
            .zip(&self.latency_buckets)
            .find(|(_, n)| n.load(Ordering::Relaxed) >= need)
            .map(|(le, _)| *le)
    }

    /// `code` 0 stands for a network error.
    pub fn telegram_error(&self, code: u16) {
        *self
            .telegram_errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(code)
            .or_default() += 1;
    }

    pub fn telegram_ok(&self, now: i64) {
        self.last_telegram_ok.store(now, Ordering::Relaxed);
    }

    /// Errors counted so far with this status code (0: network).
    pub fn telegram_errors(&self, code: u16) -> u64 {
        self.telegram_errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&code)
            .copied()
            .unwrap_or(0)
    }

    /// A getUpdates long poll was sent at `now`; open until the guard drops.
    pub fn poll_opened(&self, now: i64) -> PollOpen<'_> {
        self.poll_open_since.store(now.max(1), Ordering::Relaxed);
        PollOpen(&self.poll_open_since)
    }

    /// What "Telegram works" means for `/healthz`: some Bot API call (getMe and
    /// setMyCommands at start, getUpdates, every send) succeeded in the last
    /// [`TELEGRAM_STALE_SECS`], or a getUpdates long poll sent within that time
    /// is still open (Telegram holds it while there is nothing to deliver).
    /// Failures alone do not make the bot unhealthy within that time: one 5xx
    /// is retried, not an outage.
    pub fn telegram_health(&self, now: i64) -> Result<(), String> {
        let last = self.last_telegram_ok.load(Ordering::Relaxed);
        let open = self.poll_open_since.load(Ordering::Relaxed);
        let recent = |t: i64| t > 0 && now - t <= TELEGRAM_STALE_SECS;
        if recent(last) || recent(open) {
            return Ok(());
        }
        Err(if last == 0 {
            "telegram: no successful call since the start".to_string()
        } else {
            format!("telegram: no successful call for {} s", now - last)
        })
    }

    pub fn render(&self, g: &Gauges) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP netplus_updates_total Telegram updates handled, by kind."
        );
        let _ = writeln!(out, "# TYPE netplus_updates_total counter");
        for (kind, n) in self
            .updates
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(out, "netplus_updates_total{{kind=\"{kind}\"}} {n}");
        }
        let _ = writeln!(out, "# HELP netplus_handling_seconds Time from receiving an update to committing its replies.");
        let _ = writeln!(out, "# TYPE netplus_handling_seconds histogram");
        for (i, le) in LATENCY_BUCKETS_MS.iter().enumerate() {
            let n = self.latency_buckets[i].load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "netplus_handling_seconds_bucket{{le=\"{}\"}} {n}",
                *le as f64 / 1000.0
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "netplus_handling_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "netplus_handling_seconds_sum {}",
            self.latency_sum_us.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "netplus_handling_seconds_count {count}");
        let _ = writeln!(out, "# HELP netplus_telegram_errors_total Telegram API errors, by status code (0: network).");
        let _ = writeln!(out, "# TYPE netplus_telegram_errors_total counter");
        for (code, n) in self
            .telegram_errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(out, "netplus_telegram_errors_total{{code=\"{code}\"}} {n}");
        }
        let counters = [
            (
                "netplus_messages_sent_total",
                "Messages Telegram accepted.",
                &self.messages_sent,
            ),
            (
                "netplus_faq_answered_total",
                "Free-text questions answered confidently.",
                &self.faq_answered,
            ),
            (
                "netplus_faq_unanswered_total",
                "Questions recorded as unanswered (incl. not helpful).",
                &self.faq_unanswered,
            ),
        ];
        for (name, help, v) in counters {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                v.load(Ordering::Relaxed)
            );
        }
        let gauges = [
            ("netplus_sessions", "Conversations stored.", g.sessions),
            (
                "netplus_handoffs_open",
                "Open conversations with staff.",
                g.handoffs_open,
            ),
            (
                "netplus_outboxes_pending",
                "Chats with replies not yet sent.",
                g.pending_outboxes,
            ),
        ];
        for (name, help, v) in gauges {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}");
        }
        let _ = writeln!(out, "# HELP netplus_broadcasts_active Broadcast jobs scheduled or running.\n# TYPE netplus_broadcasts_active gauge\nnetplus_broadcasts_active {}", g.broadcasts_active);
        let _ = writeln!(out, "# HELP netplus_broadcast_recipients Recipients of active broadcasts, by state.\n# TYPE netplus_broadcast_recipients gauge");
        for (state, n) in g.broadcast_recipients {
            let _ = writeln!(out, "netplus_broadcast_recipients{{state=\"{state}\"}} {n}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.update("message");
        m.update("message");
        m.update("callback");
        m.handled(std::time::Duration::from_millis(3));
        m.handled(std::time::Duration::from_millis(700));
        m.telegram_error(429);
        let text = m.render(&Gauges {
            sessions: 5,
            handoffs_open: 1,
            pending_outboxes: 0,
            broadcasts_active: 1,
            broadcast_recipients: [
                ("pending", 7),
                ("sent", 3),
                ("blocked", 0),
                ("failed", 0),
                ("skipped", 0),
            ],
        });
        assert!(text.contains("netplus_broadcast_recipients{state=\"sent\"} 3"));
        assert!(text.contains("netplus_updates_total{kind=\"message\"} 2"));
        assert!(text.contains("netplus_handling_seconds_bucket{le=\"0.005\"} 1"));
        assert!(text.contains("netplus_handling_seconds_bucket{le=\"1\"} 2"));
        assert!(text.contains("netplus_handling_seconds_count 2"));
        assert!(text.contains("netplus_telegram_errors_total{code=\"429\"} 1"));
        assert!(text.contains("netplus_sessions 5"));
        assert_eq!(m.handling_quantile_ms(0.5), Some(5));
        assert_eq!(m.handling_quantile_ms(0.99), Some(1000));
        assert_eq!((m.telegram_errors(429), m.telegram_errors(500)), (1, 0));
    }

    #[test]
    fn telegram_health_counts_any_success_and_an_open_long_poll() {
        let m = Metrics::default();
        assert!(m.telegram_health(1000).is_err(), "nothing yet");
        {
            let _open = m.poll_opened(1000);
            assert_eq!(m.telegram_health(1005), Ok(()), "a long poll is open");
            assert!(m.telegram_health(1000 + TELEGRAM_STALE_SECS + 1).is_err());
        }
        assert!(
            m.telegram_health(1005).is_err(),
            "the poll ended without success"
        );
        m.telegram_error(500);
        m.telegram_ok(1010);
        assert_eq!(m.telegram_health(1010 + TELEGRAM_STALE_SECS), Ok(()));
        let e = m.telegram_health(1011 + TELEGRAM_STALE_SECS).unwrap_err();
        assert!(e.contains("61 s"), "{e}");
    }
}
