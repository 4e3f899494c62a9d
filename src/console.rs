//! `netplus chat`: the same conversation in a terminal, for staff to try content
//! with no Telegram at all. Buttons print as numbered options; typing the number
//! (or a keyword) works exactly as it does in Telegram.
//!
//! `netplus chat --staff` is a rehearsal of the staff flows (broadcast
//! composition up to the preview and the confirm, the unanswered inbox, the
//! hand-over) against the same engine: what the bot would do at the edge is
//! printed as `⟶ …` lines and never performed. Nothing is stored and nothing is
//! sent; the preview counts a sample audience (one user per language and county,
//! plus you) instead of the store.

use crate::app::{today_in_china, World};
use crate::broadcast::{self, Counter, Draft, Selection};
use crate::engine::staff::Learned;
use crate::engine::{self, Command, Ctx, Effect, InboxItem, Input, Profile, StaffMessage, State};
use std::io::{self, BufRead, Write};

/// How the terminal chat runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Print each typed line after `> ` (for transcripts read from a file).
    pub echo: bool,
    /// Act as a staff member, in rehearsal (see the module docs).
    pub staff: bool,
}

/// Runs a chat over `input` until it ends.
pub fn run(
    world: &World,
    lang: Option<&str>,
    input: impl BufRead,
    mut out: impl Write,
    opts: Options,
) -> io::Result<()> {
    let today = today_in_china();
    let mut ctx = world.ctx(&today);
    if opts.staff {
        ctx.staff = true;
        // The hand-over flow as it is with a staff chat.
        ctx.handoff = true;
    }
    let mut chat = Chat {
        world,
        ctx,
        profile: Profile {
            lang: lang.map(String::from),
            ..Profile::default()
        },
        state: State::New,
        inbox: Vec::new(),
        jobs: 0,
    };
    if opts.echo {
        writeln!(out, "> /start")?;
    }
    chat.step(&mut out, Input::Command(Command::Start(None)))?;
    for line in input.lines() {
        let line = line?;
        if opts.echo {
            writeln!(out, "> {line}")?;
        }
        chat.step(&mut out, Input::from_text(&line))?;
        out.flush()?;
    }
    Ok(())
}

/// One terminal conversation and, in rehearsal, what the edge would hold.
struct Chat<'w> {
    world: &'w World,
    ctx: Ctx<'w>,
    profile: Profile,
    state: State,
    /// The unanswered questions of this session, as the store would merge them.
    inbox: Vec<InboxItem>,
    /// Broadcasts "queued" in this rehearsal.
    jobs: u64,
}

impl Chat<'_> {
    fn step(&mut self, out: &mut dyn Write, input: Input) -> io::Result<()> {
        let outcome = engine::step(
            &self.ctx,
            &mut self.profile,
            std::mem::take(&mut self.state),
            input,
        );
        self.state = outcome.state;
        for r in &outcome.replies {
            self.show(out, r)?;
        }
        for effect in outcome.effects {
            self.effect(out, effect)?;
        }
        Ok(())
    }

    fn show(&self, out: &mut dyn Write, reply: &engine::Reply) -> io::Result<()> {
        let rendered = self.world.render(&self.profile, reply);
        writeln!(out, "{}", rendered.text)?;
        for row in &rendered.buttons {
            let labels: Vec<String> = row.iter().map(|(label, _)| format!("[{label}]")).collect();
            writeln!(out, "  {}", labels.join(" "))?;
        }
        writeln!(out)
    }

    /// What the Telegram edge would do, shown instead of done. Without
    /// `--staff` only the user's own effects occur, and they are shown too.
    fn effect(&mut self, out: &mut dyn Write, effect: Effect) -> io::Result<()> {
        match effect {
            Effect::OpenHandoff => writeln!(out, "⟶ would open a hand-over case for staff")?,
            Effect::CloseHandoff => writeln!(out, "⟶ would close the hand-over case")?,
            Effect::ToStaff(m) => match m {
                StaffMessage::Text(t) => writeln!(out, "⟶ would forward to the staff chat: {t}")?,
                StaffMessage::Voice { .. } => {
                    writeln!(out, "⟶ would forward a voice message to the staff chat")?
                }
                StaffMessage::Photo { caption, .. } => writeln!(
                    out,
                    "⟶ would forward a photo to the staff chat{}",
                    caption.map(|c| format!(": {c}")).unwrap_or_default()
                )?,
            },
            Effect::Unanswered { lang, text, .. } => {
                writeln!(
                    out,
                    "⟶ would record in the unanswered inbox ({lang}): {text}"
                )?;
                self.record(lang, text);
            }
            Effect::ListUnanswered => {
                let reply = engine::inbox_reply(&self.inbox);
                self.show(out, &reply)?;
            }
            Effect::MarkHandled(id) => {
                self.inbox.retain(|i| i.id != id);
                writeln!(out, "⟶ would mark inbox entry {id} handled")?;
                let reply = engine::inbox_reply(&self.inbox);
                self.show(out, &reply)?;
            }
            Effect::Forget => {
                writeln!(
                    out,
                    "⟶ would erase this user's profile, session and questions"
                )?;
                self.inbox.clear();
            }
            Effect::Reload => writeln!(
                out,
                "⟶ would re-read content and locales (restart the chat to see edits)"
            )?,
            Effect::PreviewBroadcast(draft) => {
                let counts = self.count(&draft);
                writeln!(out, "⟶ sample audience: {}", show_counts(&counts))?;
                self.step(out, Input::Learned(Learned::Counted(counts)))?;
            }
            Effect::Broadcast(draft) => {
                let counts = self.count(&draft);
                let fact = match broadcast::gate(&draft, &counts) {
                    Ok(total) => {
                        writeln!(
                            out,
                            "⟶ REHEARSAL, nothing is sent: the job would go to {total} users"
                        )?;
                        for (lang, n) in counts.iter().filter(|(_, n)| *n > 0) {
                            if let Some((from, text)) = draft.text_for(lang) {
                                writeln!(out, "⟶ to {n} × {lang} (text in {from}): {text}")?;
                            }
                        }
                        self.jobs += 1;
                        Learned::Queued {
                            id: self.jobs,
                            at: draft.at,
                        }
                    }
                    Err(why) => Learned::Refused(why),
                };
                self.step(out, Input::Learned(fact))?;
            }
            Effect::ListBroadcasts => {
                writeln!(out, "⟶ rehearsal: no real jobs are listed")?;
                self.step(out, Input::Learned(Learned::Jobs(Vec::new())))?;
            }
            Effect::CancelBroadcast(id) => {
                writeln!(out, "⟶ would stop job {id}")?;
                let outcome = broadcast::StopOutcome::Unknown;
                self.step(out, Input::Learned(Learned::Stop { id, outcome }))?;
            }
        }
        Ok(())
    }

    /// Merges a question into the session's inbox as the store does (same text,
    /// same language: one entry with a count).
    fn record(&mut self, lang: String, text: String) {
        if let Some(item) = self
            .inbox
            .iter_mut()
            .find(|i| i.lang == lang && i.text == text)
        {
            item.count += 1;
            return;
        }
        let id = format!("r{}", self.inbox.len() + 1);
        self.inbox.push(InboxItem {
            id,
            lang,
            count: 1,
            text,
        });
    }

    /// Recipients per language among the sample audience: one user per
    /// language and county (and one with no county), plus this chat's user.
    fn count(&self, draft: &Draft) -> Vec<(String, u64)> {
        let selection = Selection::new(draft, self.ctx.content, self.ctx.languages);
        let mut counter = Counter::default();
        let mut add = |p: &Profile| {
            if let Some(lang) = selection.audience_lang(p) {
                counter.add(lang);
            }
        };
        let counties = self
            .ctx
            .content
            .counties
            .iter()
            .map(|c| Some(c.code.clone()));
        for county in std::iter::once(None).chain(counties) {
            for lang in self.ctx.languages {
                add(&Profile {
                    lang: Some(lang.clone()),
                    county: county.clone(),
                    ..Profile::default()
                });
            }
        }
        add(&self.profile);
        counter.into_counts(self.ctx.languages)
    }
}

fn show_counts(counts: &[(String, u64)]) -> String {
    counts
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
