//! The engine's broadcast effects, carried out inside the update loop (before
//! the session is committed): what the adapter learns goes back to the engine
//! as `Input::Learned`, and the engine answers.

use super::*;

impl Broadcasts {
    /// Carries out the engine's broadcast effects for one update, each followed by
    /// an engine step on what it learned ([`Learned`]: counts, the new job or the
    /// gate's refusal, the job list, a stop's result); returns the outcome of
    /// those steps together (the last state, every reply in order) and the other
    /// effects for `Runner::carry_out`. Creating a job is idempotent per update,
    /// so a replayed update changes nothing twice. `actor` is the user who acted
    /// (`message.from`, `callback_query.from`), never the chat: only a staff
    /// actor's broadcast effects are carried out.
    #[allow(clippy::too_many_arguments)]
    pub fn perform(
        &self,
        ctx: &Ctx<'_>,
        chat: i64,
        actor: i64,
        update_id: i64,
        profile: &mut Profile,
        out: Outcome,
    ) -> Result<Outcome, StoreError> {
        let Outcome {
            mut state,
            mut replies,
            effects,
        } = out;
        let mut rest = Vec::new();
        let mut todo = VecDeque::from(effects);
        while let Some(effect) = todo.pop_front() {
            let ours = matches!(
                effect,
                Effect::PreviewBroadcast(_)
                    | Effect::Broadcast(_)
                    | Effect::CancelBroadcast(_)
                    | Effect::ListBroadcasts
            );
            if !ours {
                rest.push(effect);
                continue;
            }
            if !self.is_staff(actor) || actor != chat {
                tracing::warn!(
                    chat,
                    actor,
                    "broadcast effect from a non-staff user ignored"
                );
                continue;
            }
            let Some(fact) = self.learn(ctx, chat, update_id, profile, effect)? else {
                continue;
            };
            let next = crate::engine::step(ctx, profile, state, Input::Learned(fact));
            state = next.state;
            replies.extend(next.replies);
            todo.extend(next.effects);
        }
        Ok(Outcome {
            state,
            replies,
            effects: rest,
        })
    }

    /// Carries out one broadcast effect; what came of it, for the engine (`None`
    /// for any other effect).
    fn learn(
        &self,
        ctx: &Ctx<'_>,
        chat: i64,
        update_id: i64,
        profile: &Profile,
        effect: Effect,
    ) -> Result<Option<Learned>, StoreError> {
        Ok(Some(match effect {
            Effect::Broadcast(draft) => {
                // The gate again, with today's audience.
                let counts = self.count(&draft, ctx)?;
                let total = match broadcast::gate(&draft, &counts) {
                    Ok(total) => total,
                    Err(why) => return Ok(Some(Learned::Refused(why))),
                };
                let id = u64::try_from(update_id).unwrap_or(0);
                let lang = profile
                    .lang
                    .clone()
                    .or_else(|| ctx.languages.first().cloned())
                    .unwrap_or_default();
                let at = draft.at;
                let job = Job::new(id, chat, lang, draft, unix_now());
                // The notice goes out before the progress message: the sender
                // waits while the staff chat has replies pending.
                self.store.mark_pending(chat)?;
                if self.jobs.create(&job)? {
                    tracing::info!(job = id, recipients = total, "broadcast confirmed");
                }
                self.wake.notify_one();
                Learned::Queued { id, at }
            }
            Effect::CancelBroadcast(id) => Learned::Stop {
                id,
                outcome: self.stop_job(id)?,
            },
            Effect::ListBroadcasts => Learned::Jobs(self.job_list()?),
            Effect::PreviewBroadcast(draft) => Learned::Counted(self.count(&draft, ctx)?),
            _ => return Ok(None),
        }))
    }

    /// Recipients per language for a draft's audience, today: the store scans
    /// the profiles, `broadcast::audience` decides.
    fn count(&self, draft: &Draft, ctx: &Ctx<'_>) -> Result<Vec<(String, u64)>, StoreError> {
        let selection = Selection::new(draft, ctx.content, ctx.languages);
        let mut counter = Counter::default();
        self.store.for_each_profile(|_, p| {
            if let Some(lang) = selection.audience_lang(&p) {
                counter.add(lang);
            }
        })?;
        Ok(counter.into_counts(ctx.languages))
    }

    /// `/broadcasts`: the ten newest jobs, the running one with its live counts.
    fn job_list(&self) -> Result<Vec<JobSummary>, StoreError> {
        let live = lock(&self.running)
            .as_ref()
            .map(|r| (r.id, *lock(&r.run.tally)));
        Ok(self
            .jobs
            .recent(10)?
            .into_iter()
            .map(|j| JobSummary {
                id: j.id,
                status: j.status,
                at: j.draft.at,
                tally: match live {
                    Some((id, t)) if id == j.id => t,
                    _ => j.tally,
                },
            })
            .collect())
    }

    pub(super) fn stop_job(&self, id: u64) -> Result<StopOutcome, StoreError> {
        let Some(before) = self.jobs.get(id)? else {
            return Ok(StopOutcome::Unknown);
        };
        if !before.status.is_active() {
            return Ok(StopOutcome::AlreadyFinished);
        }
        self.jobs.update(id, |j| {
            if j.status.is_active() {
                j.status = JobStatus::Cancelled;
            }
        })?;
        if let Some(r) = lock(&self.running).as_ref().filter(|r| r.id == id) {
            let _ = r.halt.send(true);
        }
        tracing::info!(job = id, "broadcast stopped by staff");
        self.wake.notify_one();
        Ok(StopOutcome::Stopped)
    }
}
