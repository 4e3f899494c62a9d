//! The sender task: resumes and runs jobs one at a time, enqueues a job's
//! recipients (chosen by `broadcast::audience`), settles and reports it.

use super::*;

impl Broadcasts {
    /// Runs jobs until `stop` turns true; resumes whatever a previous process left.
    pub async fn run(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        match self.jobs.active() {
            Ok(a) if !a.is_empty() => {
                tracing::info!(jobs = a.len(), "broadcasts to resume or start")
            }
            Ok(_) => {}
            Err(e) => tracing::error!("cannot read broadcast jobs: {e}"),
        }
        // Jobs stopped while a previous process was sending them: exact counts
        // and their report now.
        match self.jobs.unsettled() {
            Ok(ids) => {
                for id in ids {
                    if let Err(e) = self.finish(id, &stop).await {
                        tracing::error!(job = id, "cannot settle a stopped broadcast: {e}");
                    }
                }
            }
            Err(e) => tracing::error!("cannot read broadcast jobs: {e}"),
        }
        let mut last_end: Option<Instant> = None;
        while !*stop.borrow() {
            let next = match self.jobs.active() {
                Ok(v) => v.into_iter().next(),
                Err(e) => {
                    tracing::error!("cannot read broadcast jobs: {e}");
                    if !sleep_or_cancel(Duration::from_secs(5), &mut stop).await {
                        break;
                    }
                    continue;
                }
            };
            let wait = match next {
                Some(job) if job.due() <= unix_now() => {
                    // Jobs at least a second apart: never two messages to one chat in a second.
                    if let Some(t) = last_end {
                        tokio::time::sleep_until(t + Duration::from_secs(1)).await;
                    }
                    if let Err(e) = self.run_job(job, &stop).await {
                        tracing::error!("broadcast interrupted, will resume: {e}");
                        if !sleep_or_cancel(Duration::from_secs(5), &mut stop).await {
                            break;
                        }
                    }
                    last_end = Some(Instant::now());
                    continue;
                }
                Some(job) => Duration::from_secs(
                    u64::try_from(job.due() - unix_now())
                        .unwrap_or(1)
                        .clamp(1, 3600),
                ),
                None => Duration::from_secs(3600),
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.wake.notified() => {}
                _ = stop.changed() => {}
            }
        }
    }

    pub(super) fn render_texts(&self, job: &Job) -> (Texts, HashMap<String, String>) {
        let mut texts = HashMap::new();
        for (lang, text) in &job.draft.texts {
            let reply = Reply {
                lines: vec![crate::engine::Line::verbatim(text.clone())],
                buttons: staff::announcement_buttons(lang),
                keep: true,
            };
            let r = self.world().l10n.render(lang, &reply);
            texts.insert(lang.clone(), (r.text, keyboard(&r.buttons)));
        }
        let mut text_of = HashMap::new();
        for lang in self.world().l10n.languages() {
            if let Some((tl, _)) = job.draft.text_for(lang) {
                text_of.insert(lang.clone(), tl.to_string());
            }
        }
        (texts, text_of)
    }

    pub(super) async fn run_job(
        self: &Arc<Self>,
        job: Job,
        stop: &watch::Receiver<bool>,
    ) -> Result<(), JobError> {
        let id = job.id;
        if !job.enqueued {
            let t0 = Instant::now();
            let world = self.world();
            let selection = Selection::new(&job.draft, &world.content, world.l10n.languages());
            let mut no_text = 0u64;
            let n = self.jobs.enqueue(&job, |p| match selection.pick(p) {
                Pick::In(lang) => Some(Recipient::pending(lang)),
                Pick::NoText(_) => {
                    no_text += 1;
                    None
                }
                Pick::Out => None,
            })?;
            self.jobs.update(id, |j| {
                if j.status == JobStatus::Scheduled {
                    j.status = JobStatus::Running;
                }
                j.started.get_or_insert(unix_now());
            })?;
            self.store.flush().await?;
            tracing::info!(
                job = id,
                recipients = n,
                left_out_without_text = no_text,
                "broadcast enqueued in {} ms",
                t0.elapsed().as_millis()
            );
        } else {
            self.jobs.update(id, |j| {
                if j.status == JobStatus::Scheduled {
                    j.status = JobStatus::Running;
                }
            })?;
        }
        let Some(job) = self.jobs.get(id)? else {
            return Ok(());
        };
        let mut tally = Tally::default();
        for t in self.jobs.tally(id)?.values() {
            tally.add(t);
        }
        let (halt_tx, halt_rx) = watch::channel(job.status == JobStatus::Cancelled);
        let halt_tx = Arc::new(halt_tx);
        // Shutting down halts the sending too (the job resumes at the next start).
        let forward = {
            let (mut stop, halt) = (stop.clone(), Arc::clone(&halt_tx));
            tokio::spawn(async move {
                if stop.wait_for(|s| *s).await.is_ok() {
                    let _ = halt.send(true);
                }
            })
        };
        let (texts, text_of) = self.render_texts(&job);
        let run = Arc::new(Run {
            id,
            texts,
            text_of,
            limiter: Mutex::new(RateLimiter::new(
                self.settings.rate,
                (self.settings.rate / 50).max(2),
            )),
            tally: Mutex::new(tally),
            paused: Mutex::new(None),
            start: Instant::now(),
            sent_here: AtomicU64::new(0),
            admit: tokio::sync::Mutex::new(()),
            halt: halt_rx,
        });
        *lock(&self.running) = Some(Running {
            id,
            halt: halt_tx,
            run: Arc::clone(&run),
        });
        if job.status == JobStatus::Running {
            tracing::info!(
                job = id,
                pending = tally.pending,
                sent = tally.sent,
                "broadcast sending"
            );
            let progress = match job.progress_msg {
                Some(m) => Some((m, None)),
                None => self
                    .send_progress(&job, &run)
                    .await
                    .map(|(m, v)| (m, Some(v))),
            };
            self.send_all(&run, &job, progress).await;
            // The last outcomes, durably (the store's one group commit).
            self.store.flush().await?;
        }
        forward.abort();
        *lock(&self.running) = None;
        if *stop.borrow() {
            // Shutting down: the job stays running and resumes at the next start.
            return Ok(());
        }
        self.finish(id, stop).await
    }

    /// The end of a job: exact counts, final status, the last edit and the report
    /// (retried after a 429 unless the process is stopping).
    pub(super) async fn finish(
        &self,
        id: u64,
        stop: &watch::Receiver<bool>,
    ) -> Result<(), JobError> {
        let per = self.jobs.tally(id)?;
        let mut total = Tally::default();
        for t in per.values() {
            total.add(t);
        }
        let stopped = self
            .jobs
            .get(id)?
            .is_none_or(|j| j.status == JobStatus::Cancelled);
        if total.pending > 0 && !stopped {
            return Err(JobError::Unfinished(total.pending));
        }
        let now = unix_now();
        let Some(job) = self.jobs.update(id, |j| {
            if j.status.is_active() {
                j.status = JobStatus::Done;
            }
            j.finished.get_or_insert(now);
            j.tally = total;
        })?
        else {
            return Ok(());
        };
        self.store.flush().await?;
        let secs = u64::try_from(job.finished.unwrap_or(now) - job.started.unwrap_or(job.created))
            .unwrap_or(0);
        tracing::info!(job = id, status = ?job.status, sent = total.sent, blocked = total.blocked, failed = total.failed, skipped = total.skipped + total.pending, secs, "broadcast finished");
        let world = self.world();
        let langs = world.l10n.languages();
        if let Some(m) = job.progress_msg {
            let view = ProgressView {
                id,
                tally: total,
                eta: Some(0),
                paused: None,
            };
            let mut reply = staff::progress_reply(&view);
            reply.buttons.clear();
            self.edit_progress(job.staff_chat, m, &reply, &job.staff_lang, stop)
                .await;
        }
        let report = staff::report_reply(id, job.status, &per_language(&per, langs), secs);
        let rendered = self.world().l10n.render(&job.staff_lang, &report);
        if let Err(e) = self
            .call_retrying(
                "sendMessage",
                &json!({"chat_id": job.staff_chat, "text": rendered.text}),
                stop,
            )
            .await
        {
            tracing::warn!(job = id, "cannot send the report: {e:?}");
        }
        Ok(())
    }
}
