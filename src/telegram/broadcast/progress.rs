//! Messages to staff while a job runs: the one progress message (sent after the
//! confirm notice, edited only when its text changes), and retried calls.

use super::*;

impl Broadcasts {
    /// Edits the progress message (given with the view it shows now, if known)
    /// when its text changes, at most every `Settings::progress_every`, and stores
    /// the counts, until the run is halted (or the task aborted).
    pub(super) fn spawn_progress(
        self: &Arc<Self>,
        run: &Arc<Run>,
        job: &Job,
        progress: Option<(i64, Option<ProgressView>)>,
    ) -> tokio::task::JoinHandle<()> {
        let (progress_msg, shown) = match progress {
            Some((m, v)) => (Some(m), v),
            None => (None, None),
        };
        let me = Arc::clone(self);
        let run = Arc::clone(run);
        let (chat, lang) = (job.staff_chat, job.staff_lang.clone());
        let every = self.settings.progress_every;
        tokio::spawn(async move {
            let mut ticker = Ticker::new(every);
            // What the message shows already: an edit to the same text is refused.
            let mut last = shown;
            let mut halt = run.halt.clone();
            let t0 = Instant::now();
            loop {
                if ticker.due(t0.elapsed()) {
                    let view = me.progress(&run);
                    if last.as_ref() != Some(&view) {
                        if let Some(m) = progress_msg {
                            me.edit_progress(
                                chat,
                                m,
                                &staff::progress_reply(&view),
                                &lang,
                                &run.halt,
                            )
                            .await;
                        }
                        let t = view.tally;
                        if let Err(e) = me.jobs.update(run.id, |j| j.tally = t) {
                            tracing::warn!(job = run.id, "cannot store progress: {e}");
                        }
                        last = Some(view);
                    }
                }
                if !sleep_or_cancel(Duration::from_millis(250), &mut halt).await {
                    break;
                }
            }
        })
    }

    pub(super) fn progress(&self, run: &Run) -> ProgressView {
        let tally = *lock(&run.tally);
        let paused = lock(&run.paused).and_then(|(until, _)| {
            let now = Instant::now();
            (until > now).then(|| (until - now).as_secs().max(1))
        });
        ProgressView {
            id: run.id,
            tally,
            eta: Some(broadcast::eta_secs(
                tally.pending,
                run.sent_here.load(Ordering::Relaxed),
                run.start.elapsed(),
                self.settings.rate,
            )),
            paused,
        }
    }

    /// Sends the first progress message (after the notice that points to it) and
    /// remembers it; returns it with the view it shows, `None` if it failed.
    pub(super) async fn send_progress(&self, job: &Job, run: &Run) -> Option<(i64, ProgressView)> {
        self.after_notice(job.staff_chat, &run.halt).await;
        let view = self.progress(run);
        let rendered = self
            .world()
            .l10n
            .render(&job.staff_lang, &staff::progress_reply(&view));
        let mut body = json!({"chat_id": job.staff_chat, "text": rendered.text});
        if let Some(k) = keyboard(&rendered.buttons) {
            body["reply_markup"] = k;
        }
        match self.call_retrying("sendMessage", &body, &run.halt).await {
            Ok(v) => {
                let m = message_id(&v);
                if let Err(e) = self.jobs.update(job.id, |j| j.progress_msg = Some(m)) {
                    tracing::error!(job = job.id, "cannot store the progress message: {e}");
                }
                Some((m, view))
            }
            Err(e) => {
                tracing::warn!(job = job.id, "cannot send the progress message: {e:?}");
                None
            }
        }
    }

    /// Waits (at most [`NOTICE_WAIT`]) until the staff chat's replies, the confirm
    /// notice among them, have been delivered.
    pub(super) async fn after_notice(&self, chat: i64, halt: &watch::Receiver<bool>) {
        let mut halt = halt.clone();
        let t0 = Instant::now();
        while t0.elapsed() < NOTICE_WAIT {
            match self.store.is_pending(chat) {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => {
                    tracing::warn!(chat, "cannot read pending replies: {e}");
                    return;
                }
            }
            if !sleep_or_cancel(Duration::from_millis(20), &mut halt).await {
                return;
            }
        }
    }

    pub(super) async fn edit_progress(
        &self,
        chat: i64,
        msg: i64,
        reply: &Reply,
        lang: &str,
        cancel: &watch::Receiver<bool>,
    ) {
        let rendered = self.world().l10n.render(lang, reply);
        let mut body = json!({"chat_id": chat, "message_id": msg, "text": rendered.text});
        body["reply_markup"] =
            keyboard(&rendered.buttons).unwrap_or_else(|| json!({"inline_keyboard": []}));
        match self.call_retrying("editMessageText", &body, cancel).await {
            Ok(_) => {}
            Err(SendResult::Refused(e)) if e.contains("not modified") => {}
            Err(e) => tracing::warn!(chat, "cannot edit the progress message: {e:?}"),
        }
    }

    /// A message to staff (progress, report): a 429 (the staff chat's own limit)
    /// or a transient failure is retried after its wait, a few times, unless
    /// `cancel` turns true first.
    pub(super) async fn call_retrying(
        &self,
        method: &'static str,
        body: &Value,
        cancel: &watch::Receiver<bool>,
    ) -> ApiResult {
        let mut cancel = cancel.clone();
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let wait = match self.api.call(method, body).await {
                Err(SendResult::RetryAfter(s)) if attempt < STAFF_ATTEMPTS => {
                    Duration::from_secs(s)
                }
                Err(SendResult::Transient(_)) if attempt < STAFF_ATTEMPTS => {
                    crate::telegram::api::backoff(attempt, crate::telegram::api::jitter())
                }
                other => return other,
            };
            if !sleep_or_cancel(wait, &mut cancel).await {
                return Err(SendResult::Transient(
                    "stopped while waiting to retry".into(),
                ));
            }
        }
    }
}
