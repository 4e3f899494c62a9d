//! Durable broadcast jobs (issue 3), in the same sled database:
//!
//! | tree         | key                          | value |
//! |--------------|------------------------------|-------|
//! | `jobs`       | job id (u64 BE)              | [`Job`] as versioned JSON (`{"v":1,…}`) |
//! | `recipients` | job id (u64 BE) + chat (i64 BE) | [`Recipient`] as JSON (`{"l":"bo","s":"sent","m":7}`) |
//!
//! A job's id is the Telegram update id of the staff member's "confirm": a
//! replayed update finds its job already there instead of creating a second one.
//! Recipients are written once, when the job starts (the audience at that time,
//! chosen by `broadcast::audience`: the store scans profiles and hands each to
//! the caller's pick), then each changes state before and after its send. A
//! state change never creates a row: once a user is forgotten
//! ([`Store::forget_recipients`], one point delete per job) a sender still
//! holding them cannot write them back.

use super::{chat_key, decode_profile, key_chat, Result, Store, StoreError};
use crate::broadcast::{Draft, JobStatus, RState, Recipient, Tally};
use crate::engine::Profile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const JOB_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub v: u32,
    pub id: u64,
    /// The staff member's private chat: progress and report go there.
    pub staff_chat: i64,
    /// The staff member's language, for progress and report.
    pub staff_lang: String,
    pub draft: Draft,
    pub status: JobStatus,
    /// Unix seconds.
    pub created: i64,
    #[serde(default)]
    pub started: Option<i64>,
    #[serde(default)]
    pub finished: Option<i64>,
    /// Recipients are all written (the job can send).
    #[serde(default)]
    pub enqueued: bool,
    /// The progress message being edited.
    #[serde(default)]
    pub progress_msg: Option<i64>,
    /// Last known counts (exact once finished).
    #[serde(default)]
    pub tally: Tally,
}

impl Job {
    pub fn new(id: u64, staff_chat: i64, staff_lang: String, draft: Draft, now: i64) -> Job {
        Job {
            v: JOB_VERSION,
            id,
            staff_chat,
            staff_lang,
            draft,
            status: JobStatus::Scheduled,
            created: now,
            started: None,
            finished: None,
            enqueued: false,
            progress_msg: None,
            tally: Tally::default(),
        }
    }

    /// When it may start (Unix seconds).
    pub fn due(&self) -> i64 {
        self.draft.at.unwrap_or(self.created)
    }
}

fn job_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

fn recipient_key(job: u64, chat: i64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&job.to_be_bytes());
    k[8..].copy_from_slice(&chat_key(chat));
    k
}

fn encode<T: Serialize>(what: &'static str, v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|source| StoreError::Encode { what, source })
}

fn decode_job(bytes: &[u8]) -> Option<Job> {
    serde_json::from_slice::<Job>(bytes)
        .ok()
        .filter(|j| j.v <= JOB_VERSION)
}

/// The job and recipient trees.
#[derive(Clone)]
pub struct Jobs {
    store: Store,
    jobs: sled::Tree,
    recipients: sled::Tree,
}

impl Store {
    pub fn jobs(&self) -> Result<Jobs> {
        Ok(Jobs {
            store: self.clone(),
            jobs: self.db.open_tree("jobs")?,
            recipients: self.recipients.clone(),
        })
    }

    /// Erases the user from every job's recipients (chat id, language, message
    /// id).
    pub fn forget_recipients(&self, user: i64) -> Result<()> {
        // One point delete per job: jobs are few (one per announcement) and never
        // removed, so no per-user index is needed, and enqueueing writes nothing more.
        for kv in self.db.open_tree("jobs")?.iter() {
            let (k, _) = kv?;
            if let Some(job) = k.as_ref().try_into().ok().map(u64::from_be_bytes) {
                self.recipients.remove(recipient_key(job, user))?;
            }
        }
        Ok(())
    }

    /// Every stored profile that decodes, in chat order.
    pub fn for_each_profile(&self, mut f: impl FnMut(i64, Profile)) -> Result<()> {
        for kv in self.profiles.iter() {
            let (k, v) = kv?;
            if let (Some(chat), Some(p)) = (key_chat(&k), decode_profile(&v)) {
                f(chat, p);
            }
        }
        Ok(())
    }
}

impl Jobs {
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Stores a new job unless one with its id exists; true when it was new.
    pub fn create(&self, job: &Job) -> Result<bool> {
        let bytes = encode("job", job)?;
        Ok(self
            .jobs
            .compare_and_swap(job_key(job.id), None as Option<&[u8]>, Some(bytes))?
            .is_ok())
    }

    pub fn get(&self, id: u64) -> Result<Option<Job>> {
        Ok(self.jobs.get(job_key(id))?.and_then(|b| decode_job(&b)))
    }

    /// Changes a job in place, atomically with respect to other updates (a stop
    /// request and the sender's progress never overwrite each other). `f` may run
    /// more than once. Returns the job as stored, `None` if there is none.
    pub fn update(&self, id: u64, f: impl Fn(&mut Job)) -> Result<Option<Job>> {
        let mut failed = None;
        let out = self.jobs.update_and_fetch(job_key(id), |old| {
            let mut job = decode_job(old?)?;
            f(&mut job);
            match serde_json::to_vec(&job) {
                Ok(b) => Some(b),
                Err(e) => {
                    failed = Some(e);
                    old.map(<[u8]>::to_vec)
                }
            }
        })?;
        if let Some(source) = failed {
            return Err(StoreError::Encode {
                what: "job",
                source,
            });
        }
        Ok(out.and_then(|b| decode_job(&b)))
    }

    /// Newest first.
    pub fn recent(&self, limit: usize) -> Result<Vec<Job>> {
        let mut out = Vec::new();
        for kv in self.jobs.iter().rev() {
            let (_, v) = kv?;
            out.extend(decode_job(&v));
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// Scheduled and running jobs, the next to run first.
    pub fn active(&self) -> Result<Vec<Job>> {
        let mut out = Vec::new();
        for kv in self.jobs.iter() {
            let (_, v) = kv?;
            out.extend(decode_job(&v).filter(|j| j.status.is_active()));
        }
        out.sort_by_key(|j| (j.status != JobStatus::Running, j.due(), j.id));
        Ok(out)
    }

    /// Jobs stopped before their sender settled them (the process ended first):
    /// they still need their exact counts and report.
    pub fn unsettled(&self) -> Result<Vec<u64>> {
        let mut out = Vec::new();
        for kv in self.jobs.iter() {
            let (_, v) = kv?;
            out.extend(
                decode_job(&v)
                    .filter(|j| {
                        j.status == JobStatus::Cancelled && j.enqueued && j.finished.is_none()
                    })
                    .map(|j| j.id),
            );
        }
        Ok(out)
    }

    /// Writes the job's recipients in large batches, replacing any left by an
    /// interrupted attempt, and marks the job enqueued: every stored profile is
    /// handed to `pick`, which says whether that user is a recipient (audience
    /// selection is `broadcast::audience`'s, not the store's). Returns how many
    /// were written.
    pub fn enqueue(
        &self,
        job: &Job,
        mut pick: impl FnMut(&Profile) -> Option<Recipient>,
    ) -> Result<u64> {
        self.clear_recipients(job.id)?;
        let mut batch = sled::Batch::default();
        let (mut n, mut in_batch) = (0u64, 0usize);
        let mut tally = Tally::default();
        let mut result = Ok(());
        self.store.for_each_profile(|chat, p| {
            if result.is_err() {
                return;
            }
            let Some(r) = pick(&p) else {
                return;
            };
            match encode("recipient", &r) {
                Ok(bytes) => batch.insert(&recipient_key(job.id, chat), bytes),
                Err(e) => result = Err(e),
            }
            n += 1;
            in_batch += 1;
            r.state.count(&mut tally);
            if in_batch >= 200 {
                if let Err(e) = self.recipients.apply_batch(std::mem::take(&mut batch)) {
                    result = Err(e.into());
                }
                in_batch = 0;
            }
        })?;
        result?;
        self.recipients.apply_batch(batch)?;
        self.update(job.id, |j| {
            j.enqueued = true;
            j.tally = tally;
        })?;
        Ok(n)
    }

    fn clear_recipients(&self, job: u64) -> Result<()> {
        let mut batch = sled::Batch::default();
        for kv in self.recipients.scan_prefix(job_key(job)) {
            let (k, _) = kv?;
            batch.remove(k);
        }
        self.recipients.apply_batch(batch)?;
        Ok(())
    }

    /// Up to `limit` recipients after `after` (chat order); undecodable ones are
    /// reported as failed rather than stopping the job.
    pub fn recipients_after(
        &self,
        job: u64,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<(i64, Recipient)>> {
        let start = match after {
            Some(c) => {
                let mut k = recipient_key(job, c).to_vec();
                k.push(0);
                k
            }
            None => job_key(job).to_vec(),
        };
        let end = match job.checked_add(1) {
            Some(next) => job_key(next).to_vec(),
            None => vec![0xff; 17],
        };
        let mut out = Vec::with_capacity(limit);
        for kv in self.recipients.range(start..end) {
            let (k, v) = kv?;
            let Some(chat) = key_chat(&k[8..]) else {
                continue;
            };
            let r = serde_json::from_slice(&v).unwrap_or(Recipient {
                l: String::new(),
                state: RState::Failed {
                    e: "stored recipient does not decode".into(),
                },
            });
            out.push((chat, r));
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// Changes a recipient's state; never creates one (a forgotten user stays
    /// gone). False when there is no such recipient.
    pub fn set_recipient(&self, job: u64, chat: i64, r: &Recipient) -> Result<bool> {
        let bytes = encode("recipient", r)?;
        let out = self
            .recipients
            .update_and_fetch(recipient_key(job, chat), |old| old.map(|_| bytes.clone()))?;
        Ok(out.is_some())
    }

    /// Drops a recipient the sender found forgotten (no profile any more).
    pub fn remove_recipient(&self, job: u64, chat: i64) -> Result<()> {
        self.recipients.remove(recipient_key(job, chat))?;
        Ok(())
    }

    pub fn recipient(&self, job: u64, chat: i64) -> Result<Option<Recipient>> {
        Ok(self
            .recipients
            .get(recipient_key(job, chat))?
            .and_then(|v| serde_json::from_slice(&v).ok()))
    }

    /// Exact counts per recipient language, from the stored states.
    pub fn tally(&self, job: u64) -> Result<BTreeMap<String, Tally>> {
        let mut out: BTreeMap<String, Tally> = BTreeMap::new();
        for kv in self.recipients.scan_prefix(job_key(job)) {
            let (_, v) = kv?;
            match serde_json::from_slice::<Recipient>(&v) {
                Ok(r) => r.state.count(out.entry(r.l).or_default()),
                Err(_) => out.entry(String::new()).or_default().failed += 1,
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::broadcast::{Audience, Counter, Pick, Selection};
    use crate::content::Content;
    use std::path::Path;

    fn content() -> Content {
        crate::content::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap()
    }

    fn langs() -> Vec<String> {
        vec!["zh-CN".into(), "bo".into(), "ug".into()]
    }

    fn draft(texts: &[&str]) -> Draft {
        Draft {
            texts: texts
                .iter()
                .map(|l| (l.to_string(), format!("text {l}")))
                .collect(),
            audience: Some(Audience::All),
            ..Draft::default()
        }
    }

    /// What the sender does: broadcast's selection picks, the store writes.
    /// Returns (recipients, users left out for want of a text).
    fn enqueue(jobs: &Jobs, job: &Job) -> (u64, u64) {
        let (content, langs) = (content(), langs());
        let sel = Selection::new(&job.draft, &content, &langs);
        let mut no_text = 0;
        let n = jobs
            .enqueue(job, |p| match sel.pick(p) {
                Pick::In(l) => Some(Recipient::pending(l)),
                Pick::NoText(_) => {
                    no_text += 1;
                    None
                }
                Pick::Out => None,
            })
            .unwrap();
        (n, no_text)
    }

    fn count_audience(s: &Store, draft: &Draft) -> Vec<(String, u64)> {
        let (content, langs) = (content(), langs());
        let sel = Selection::new(draft, &content, &langs);
        let mut c = Counter::default();
        s.for_each_profile(|_, p| {
            if let Some(l) = sel.audience_lang(&p) {
                c.add(l);
            }
        })
        .unwrap();
        c.into_counts(&langs)
    }

    fn users(s: &Store) {
        for chat in 1..=30i64 {
            let lang = ["zh-CN", "bo", "ug"][(chat % 3) as usize];
            let p = Profile {
                lang: Some(lang.into()),
                announcements: chat != 3,
                reachable: chat != 4,
                ..Profile::default()
            };
            s.put_profile(chat, &p).unwrap();
        }
    }

    #[test]
    fn create_is_idempotent_and_updates_do_not_clobber_each_other() {
        let s = Store::temporary().unwrap();
        let jobs = s.jobs().unwrap();
        let job = Job::new(77, 5, "zh-CN".into(), draft(&["zh-CN"]), 1000);
        assert!(jobs.create(&job).unwrap());
        assert!(
            !jobs
                .create(&Job {
                    staff_chat: 6,
                    ..job.clone()
                })
                .unwrap(),
            "a replay finds the job"
        );
        assert_eq!(jobs.get(77).unwrap().unwrap().staff_chat, 5);
        jobs.update(77, |j| j.status = JobStatus::Cancelled)
            .unwrap();
        let after = jobs
            .update(77, |j| j.progress_msg = Some(9))
            .unwrap()
            .unwrap();
        assert_eq!(
            (after.status, after.progress_msg),
            (JobStatus::Cancelled, Some(9))
        );
        assert!(jobs
            .update(78, |j| j.progress_msg = Some(1))
            .unwrap()
            .is_none());
        assert!(jobs.active().unwrap().is_empty());
        assert_eq!(jobs.recent(10).unwrap().len(), 1);
    }

    #[test]
    fn enqueue_takes_the_audience_and_survives_a_repeat() {
        let s = Store::temporary().unwrap();
        users(&s);
        let jobs = s.jobs().unwrap();
        let job = Job::new(1, 5, "zh-CN".into(), draft(&["zh-CN", "ug"]), 1000);
        jobs.create(&job).unwrap();
        let counts = count_audience(&s, &job.draft);
        // 30 users, 10 per language; chat 3 (zh-CN) opted out, chat 4 (bo) blocked us.
        assert_eq!(
            counts,
            vec![("zh-CN".into(), 9), ("bo".into(), 9), ("ug".into(), 10)]
        );
        let (n, no_text) = enqueue(&jobs, &job);
        assert_eq!(
            (n, no_text),
            (19, 9),
            "Tibetan users have no text and no fallback"
        );
        // An interrupted enqueue is simply done again.
        let (n, _) = enqueue(&jobs, &job);
        assert_eq!(n, 19);
        assert!(jobs.get(1).unwrap().unwrap().enqueued);
        // Paging through in chat order.
        let first = jobs.recipients_after(1, None, 5).unwrap();
        assert_eq!(first.len(), 5);
        let rest = jobs.recipients_after(1, Some(first[4].0), 100).unwrap();
        assert_eq!(first.len() + rest.len(), 19);
        assert!(first
            .iter()
            .chain(&rest)
            .all(|(_, r)| r.state == RState::Pending));
        jobs.set_recipient(
            1,
            first[0].0,
            &Recipient {
                l: first[0].1.l.clone(),
                state: RState::Sent { m: 1 },
            },
        )
        .unwrap();
        let t = jobs.tally(1).unwrap();
        let total: u64 = t.values().map(|t| t.total()).sum();
        assert_eq!(total, 19);
        assert_eq!(t.values().map(|t| t.sent).sum::<u64>(), 1);
        // Another job's recipients are separate.
        let other = Job::new(2, 5, "zh-CN".into(), draft(&["bo"]), 1000);
        jobs.create(&other).unwrap();
        assert_eq!(enqueue(&jobs, &other).0, 9);
        assert_eq!(jobs.recipients_after(1, None, 100).unwrap().len(), 19);
    }

    #[test]
    fn forgetting_a_user_erases_them_from_every_job_and_they_stay_gone() {
        let s = Store::temporary().unwrap();
        users(&s);
        let jobs = s.jobs().unwrap();
        for id in [1, 2] {
            let job = Job::new(id, 5, "zh-CN".into(), draft(&["zh-CN", "bo", "ug"]), 1000);
            jobs.create(&job).unwrap();
            enqueue(&jobs, &job);
        }
        // A finished job of an older run, its row written directly.
        jobs.create(&Job::new(7, 5, "zh-CN".into(), draft(&["ug"]), 1000))
            .unwrap();
        let old = Recipient {
            l: "ug".into(),
            state: RState::Sent { m: 3 },
        };
        s.recipients
            .insert(recipient_key(7, 2), encode("recipient", &old).unwrap())
            .unwrap();
        jobs.set_recipient(1, 2, &old).unwrap();
        s.forget_user(2).unwrap();
        for id in [1, 2, 7] {
            assert_eq!(jobs.recipient(id, 2).unwrap(), None, "job {id}");
        }
        // A sender still holding the user cannot write them back.
        assert!(!jobs.set_recipient(1, 2, &old).unwrap());
        assert_eq!(jobs.recipient(1, 2).unwrap(), None);
        // Others are untouched.
        assert!(jobs.recipient(1, 1).unwrap().is_some());
        assert_eq!(jobs.recipients_after(2, None, 100).unwrap().len(), 27);
        jobs.remove_recipient(2, 1).unwrap();
        assert_eq!(jobs.recipient(2, 1).unwrap(), None);
        assert!(jobs.recipient(1, 1).unwrap().is_some());
    }

    #[test]
    fn a_job_stored_with_the_dialogue_stage_in_its_draft_still_decodes() {
        // Before the draft moved to `broadcast`, a job's draft carried the
        // composition's `stage` too.
        let old = r#"{"v":1,"id":3,"staff_chat":5,"staff_lang":"bo","draft":{"texts":{"bo":"x"},"audience":{"k":"all"},"at":null,"fallback":null,"stage":{"at":"audience"}},"status":"scheduled","created":1000,"started":null,"finished":null,"enqueued":false,"progress_msg":null,"tally":{"pending":0,"sent":0,"blocked":0,"failed":0,"skipped":0}}"#;
        let job = decode_job(old.as_bytes()).expect("decodes");
        assert_eq!(
            job.draft,
            Draft {
                texts: [("bo".to_string(), "x".to_string())].into(),
                ..draft(&[])
            }
        );
        assert_eq!((job.id, job.status), (3, JobStatus::Scheduled));
    }

    #[test]
    fn jobs_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            users(&s);
            let jobs = s.jobs().unwrap();
            let job = Job::new(9, 5, "bo".into(), draft(&["zh-CN", "bo", "ug"]), 1000);
            jobs.create(&job).unwrap();
            enqueue(&jobs, &job);
            jobs.set_recipient(
                9,
                1,
                &Recipient {
                    l: "bo".into(),
                    state: RState::InFlight,
                },
            )
            .unwrap();
            s.db.flush().unwrap();
        }
        let s = crate::store::reopen(dir.path());
        let jobs = s.jobs().unwrap();
        assert_eq!(jobs.active().unwrap().len(), 1);
        assert_eq!(
            jobs.recipient(9, 1).unwrap().unwrap().state,
            RState::InFlight
        );
    }
}
