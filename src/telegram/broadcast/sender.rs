//! The sender loop of one job: a feeder pages through open recipients and
//! [`Settings::senders`] concurrent senders deliver them, each in flight durably
//! before its send, its outcome durable with that sender's next flush (the
//! store's one group commit, `Store::flush`) and at the end of the run.

use super::*;

impl Broadcasts {
    /// Feeds open recipients to the senders, and keeps the progress message
    /// (given with the view it shows now, if known) up to date, until every
    /// recipient was handled or the run is halted.
    pub(super) async fn send_all(
        self: &Arc<Self>,
        run: &Arc<Run>,
        job: &Job,
        progress: Option<(i64, Option<ProgressView>)>,
    ) {
        let k = self.settings.senders;
        let (tx, rx) = tokio::sync::mpsc::channel::<(i64, Recipient)>(k * 2);
        let rx = Arc::new(tokio::sync::Mutex::new(rx));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..k {
            let me = Arc::clone(self);
            let run = Arc::clone(run);
            let rx = Arc::clone(&rx);
            workers.spawn(async move {
                loop {
                    let next = rx.lock().await.recv().await;
                    let Some((chat, r)) = next else { break };
                    if *run.halt.borrow() {
                        break;
                    }
                    if let Err(e) = me.deliver(&run, chat, r).await {
                        tracing::error!(job = run.id, chat, "broadcast store failure: {e}");
                        break;
                    }
                }
            });
        }
        // Only the senders hold the receiver: once they all stopped (halted),
        // the feeder's next send fails instead of waiting forever.
        drop(rx);
        // The progress message, at most every few seconds.
        let ticker = self.spawn_progress(run, job, progress);
        let mut after = None;
        'pages: while !*run.halt.borrow() {
            let page = match self.jobs.recipients_after(run.id, after, 512) {
                Ok(p) => p,
                Err(e) => {
                    tracing::error!(job = run.id, "cannot read recipients: {e}");
                    break;
                }
            };
            let Some(last) = page.last() else { break };
            after = Some(last.0);
            for (chat, r) in page {
                if !r.state.is_open() {
                    continue;
                }
                if r.state == RState::InFlight {
                    tracing::info!(
                        job = run.id,
                        chat,
                        "in flight at the last stop: sent again (may arrive twice)"
                    );
                }
                let mut halt = run.halt.clone();
                let sent = tokio::select! {
                    r = tx.send((chat, r)) => r.is_ok(),
                    _ = halt.wait_for(|h| *h) => false,
                };
                if !sent {
                    break 'pages;
                }
            }
        }
        drop(tx);
        while workers.join_next().await.is_some() {}
        ticker.abort();
    }

    /// Waits for the rate limiter (senders queue for it in turn); `None` if halted.
    pub(super) async fn admit(&self, run: &Run) -> Option<Ticket> {
        let mut halt = run.halt.clone();
        let _turn = tokio::select! {
            g = run.admit.lock() => g,
            _ = halt.wait_for(|h| *h) => return None,
        };
        loop {
            let now = run.start.elapsed();
            let at = match lock(&run.limiter).acquire(now) {
                Ok(ticket) if *halt.borrow() => {
                    lock(&run.limiter).answered(ticket, now);
                    return None;
                }
                Ok(ticket) => return Some(ticket),
                Err(at) => at,
            };
            if !sleep_or_cancel(at.saturating_sub(now), &mut halt).await {
                return None;
            }
        }
    }

    /// One recipient, to a final state (or until the run is halted).
    pub(super) async fn deliver(
        &self,
        run: &Run,
        chat: i64,
        mut r: Recipient,
    ) -> Result<(), StoreError> {
        let text = run.text_of.get(&r.l).and_then(|tl| run.texts.get(tl));
        let willing = self.willing(chat)?;
        if willing == Willing::Forgotten {
            return self.forgotten(run, chat, &r.state);
        }
        let Some((text, keyboard)) = text.filter(|_| willing == Willing::Yes) else {
            let old = std::mem::replace(&mut r.state, RState::Skipped);
            return self.record(run, chat, &r, &old);
        };
        let mut body = json!({"chat_id": chat, "text": text});
        if let Some(k) = keyboard {
            body["reply_markup"] = k.clone();
        }
        if self.settings.paid {
            body["allow_paid_broadcast"] = Value::Bool(true);
        }
        // In flight, durably, before anything is sent. The store's group commit
        // (`Store::flush`, fsynced; shared with every concurrent sender and the
        // update loop) also makes this sender's previous outcome durable.
        if r.state != RState::InFlight {
            let old = std::mem::replace(&mut r.state, RState::InFlight);
            if !self.jobs.set_recipient(run.id, chat, &r)? {
                return self.forgotten(run, chat, &old);
            }
        }
        self.store.flush().await?;
        let mut halt = run.halt.clone();
        let mut attempt = 0;
        loop {
            // A rate slot, with no 429 pause in force.
            let Some(ticket) = self.admit(run).await else {
                return Ok(());
            };
            // Again right before the send: the wait for a slot can be long.
            match self.willing(chat)? {
                Willing::Yes => {}
                Willing::Forgotten => {
                    lock(&run.limiter).answered(ticket, run.start.elapsed());
                    return self.forgotten(run, chat, &r.state);
                }
                Willing::No => {
                    lock(&run.limiter).answered(ticket, run.start.elapsed());
                    let old = std::mem::replace(&mut r.state, RState::Skipped);
                    return self.record(run, chat, &r, &old);
                }
            }
            attempt += 1;
            let answer = self.api.call("sendMessage", &body).await;
            lock(&run.limiter).answered(ticket, run.start.elapsed());
            let result = match answer {
                Ok(v) => SendResult::Sent {
                    message_id: message_id(&v),
                },
                Err(e) => e,
            };
            match decide(attempt, result.clone()) {
                Decision::Done(state) => {
                    if state == RState::Blocked {
                        self.mark_unreachable(chat)?;
                    }
                    if let RState::Failed { e } = &state {
                        tracing::warn!(job = run.id, chat, "broadcast message failed: {e}");
                    }
                    let old = std::mem::replace(&mut r.state, state);
                    return self.record(run, chat, &r, &old);
                }
                Decision::PauseAll(d) => {
                    lock(&run.limiter).pause_until(run.start.elapsed() + d);
                    *lock(&run.paused) = Some((Instant::now() + d, d.as_secs()));
                    tracing::warn!(
                        job = run.id,
                        "Telegram asked to wait {} s: the whole broadcast pauses",
                        d.as_secs()
                    );
                    attempt -= 1;
                }
                // The delay is the one backoff's (`api::backoff`).
                Decision::Retry => {
                    let d = crate::telegram::api::backoff(attempt, crate::telegram::api::jitter());
                    tracing::info!(
                        job = run.id,
                        chat,
                        attempt,
                        "broadcast send failed, will retry: {result:?}"
                    );
                    if !sleep_or_cancel(d, &mut halt).await {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// Whether the user takes announcements now: no profile means forgotten (and
    /// a profile of a newer version is not read as consent).
    pub(super) fn willing(&self, chat: i64) -> Result<Willing, StoreError> {
        Ok(match self.store.profile(chat)? {
            Loaded::Found(p) if broadcast::takes_announcements(&p) => Willing::Yes,
            Loaded::Found(_) | Loaded::Incompatible => Willing::No,
            Loaded::Missing => Willing::Forgotten,
        })
    }

    /// A recipient who was forgotten: their row goes, and they leave the counts.
    pub(super) fn forgotten(&self, run: &Run, chat: i64, old: &RState) -> Result<(), StoreError> {
        self.jobs.remove_recipient(run.id, chat)?;
        if old.is_open() {
            let mut t = lock(&run.tally);
            t.pending = t.pending.saturating_sub(1);
        }
        Ok(())
    }

    pub(super) fn record(
        &self,
        run: &Run,
        chat: i64,
        r: &Recipient,
        old: &RState,
    ) -> Result<(), StoreError> {
        let present = self.jobs.set_recipient(run.id, chat, r)?;
        let mut t = lock(&run.tally);
        if old.is_open() {
            t.pending = t.pending.saturating_sub(1);
        }
        if !present {
            // Forgotten while being sent to: no row to keep, nothing to count.
            return Ok(());
        }
        r.state.count(&mut t);
        if matches!(r.state, RState::Sent { .. }) {
            run.sent_here.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    pub(super) fn mark_unreachable(&self, chat: i64) -> Result<(), StoreError> {
        if let Loaded::Found(mut p) = self.store.profile(chat)? {
            p.reachable = false;
            self.store.put_profile(chat, &p)?;
        }
        Ok(())
    }
}
