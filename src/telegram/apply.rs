//! Step 1 for one update, under its chat's lock: skip it if the session says it
//! was applied; answer and ignore input from anyone but the chat's own user;
//! else the engine (or "the bot was updated" when the stored state no longer
//! decodes, or the flood notice), the broadcast effects (`broadcast.rs`), the
//! other effects (`effects.rs`), the rendered replies into the outbox, and one
//! write of profile + session + pending mark (`Store::save_update`). A staff
//! member's reply in the staff chat goes into that user's outbox.

use super::flood::FloodCheck;
use super::{Event, Outgoing, Runner, Session, SESSION_VERSION};
use crate::app::{today_in_china, unix_now};
use crate::engine::{self, msg, Effect, Line, Reply, State};
use crate::store::{Loaded, StoreError};
use std::sync::atomic::Ordering;

impl Runner {
    /// Step 1 for one update: engine, render, and commit state with its replies.
    pub(super) async fn apply(&self, ev: Event) -> Result<(), StoreError> {
        let slot = self.slots.get(ev.chat);
        let _guard = slot.lock.lock().await;
        let mut reset = false;
        let mut session = match self.store.session(ev.chat) {
            Ok(Some(s)) if s.v <= SESSION_VERSION => s,
            Ok(Some(s)) => {
                tracing::warn!(
                    chat = ev.chat,
                    v = s.v,
                    "session from a newer version: reset"
                );
                reset = true;
                Session {
                    last_update: s.last_update,
                    ..Session::default()
                }
            }
            Ok(None) => Session::default(),
            Err(e @ StoreError::Undecodable { .. }) => {
                tracing::warn!(chat = ev.chat, "session no longer decodes, reset: {e}");
                reset = true;
                Session::default()
            }
            Err(e) => return Err(e),
        };
        if session.last_update >= ev.update_id {
            return Ok(());
        }
        if ev.input.is_some() && ev.from != Some(ev.chat) {
            // Someone else than the chat's own user (a forged or relayed button
            // press): nothing of this chat is theirs to change. The press is
            // answered, so their button stops spinning, and counts as applied.
            tracing::warn!(
                chat = ev.chat,
                from = ?ev.from,
                "input from another user than the chat's ignored"
            );
            if let Some(id) = ev.callback {
                session.outbox.push(Outgoing::Answer { id });
            }
            session.last_update = ev.update_id;
            self.store.save_update(ev.chat, None, &session)?;
            return Ok(());
        }
        let mut profile = match self.store.profile(ev.chat)? {
            Loaded::Found(p) => p,
            Loaded::Missing => engine::Profile::default(),
            Loaded::Incompatible => {
                reset = true;
                engine::Profile::default()
            }
        };
        let now = unix_now();
        if profile.first_seen == 0 {
            profile.first_seen = now;
        }
        profile.last_seen = now;
        if let Some(code) = &ev.tg_lang {
            profile.hint = self.world().l10n.negotiate(Some(code));
        }
        if let Some(r) = ev.reachable {
            profile.reachable = r;
        }
        let world = self.world();
        let today = today_in_china();
        let state = std::mem::take(&mut session.state);
        let mut ctx = world.ctx(&today);
        ctx.handoff = self.team.staff_chat.is_some();
        // The acting user (the same as the chat, checked above).
        ctx.staff = ev.from.is_some_and(|f| self.team.staff.contains(&f));
        let flooded = match &ev.input {
            Some(_) if !ctx.staff => self.flood.check(ev.chat, now, self.team.flood_per_minute),
            _ => FloodCheck::Ok,
        };
        let (state, replies, effects) = match ev.input {
            // Too many messages this minute: one polite notice, then silence
            // until the minute is over (the update still counts as applied).
            Some(_) if flooded == FloodCheck::Notice => (
                state,
                vec![Reply::default().line(Line::new(msg::NOTICE_FLOOD))],
                Vec::new(),
            ),
            Some(_) if flooded == FloodCheck::Ignore => (state, Vec::new(), Vec::new()),
            // The stored state could not be read: what the input meant on the
            // old screen is unknowable, so say so and start from the menu.
            Some(_) if reset => updated_notice(&ctx, &profile),
            Some(input) => {
                let out = engine::step(&ctx, &mut profile, state, input);
                // Broadcast effects (issue 3) and the engine's answers: telegram/broadcast/effects.rs.
                let out = match &self.broadcasts {
                    Some(b) => b.perform(
                        &ctx,
                        ev.chat,
                        ev.from.unwrap_or(0),
                        ev.update_id,
                        &mut profile,
                        out,
                    )?,
                    None => out,
                };
                if matches!(&out.state, State::Answered { question, .. } if !question.is_empty()) {
                    self.metrics.faq_answered.fetch_add(1, Ordering::Relaxed);
                }
                if out
                    .effects
                    .iter()
                    .any(|e| matches!(e, Effect::Unanswered { .. }))
                {
                    self.metrics.faq_unanswered.fetch_add(1, Ordering::Relaxed);
                }
                (out.state, out.replies, out.effects)
            }
            None => (state, Vec::new(), Vec::new()),
        };
        if let Some(id) = ev.callback {
            session.outbox.push(Outgoing::Answer { id });
        }
        for r in &replies {
            let rendered = world.render(&profile, r);
            session
                .outbox
                .push(Outgoing::reply(rendered.text, rendered.buttons));
        }
        if effects.contains(&Effect::Forget) {
            // Everything about the user goes; what stays is the fact that this
            // update was applied, and the goodbye in their language.
            self.store.forget_user(ev.chat)?;
            let outbox = std::mem::take(&mut session.outbox);
            let fresh = Session {
                last_update: ev.update_id,
                outbox,
                ..Session::default()
            };
            self.store.save_update(ev.chat, None, &fresh)?;
            return Ok(());
        }
        for effect in effects {
            self.carry_out(ev.chat, &profile, effect, &mut session.outbox)?;
        }
        session.state = state;
        session.last_update = ev.update_id;
        // Profile, session and pending mark in one write.
        self.store.save_update(ev.chat, Some(&profile), &session)?;
        Ok(())
    }

    /// A staff member answered a handed-over message: the reply goes into that
    /// user's outbox, in the user's language. Returns the chats to deliver.
    pub(super) async fn apply_staff_reply(&self, ev: Event) -> Result<Vec<i64>, StoreError> {
        let Some((reply_to, text)) = ev.staff_reply else {
            return Ok(Vec::new());
        };
        let staff_slot = self.slots.get(ev.chat);
        let _staff_guard = staff_slot.lock.lock().await;
        let mut staff_session = self
            .store
            .session(ev.chat)
            .ok()
            .flatten()
            .unwrap_or_default();
        if staff_session.last_update >= ev.update_id {
            return Ok(Vec::new());
        }
        if !ev.from.is_some_and(|f| self.team.staff.contains(&f)) {
            // Anyone in the staff chat can reply to anything: only the `staff`
            // ids speak for the team.
            tracing::warn!(from = ?ev.from, "reply in the staff chat from a non-staff user ignored");
            staff_session.last_update = ev.update_id;
            self.store.put_session(ev.chat, &staff_session)?;
            return Ok(Vec::new());
        }
        let staff_lang = self.staff_lang().to_string();
        let mut touched = vec![ev.chat];
        let note = match self.store.user_of_staff_message(reply_to)? {
            Some(user) => {
                let user_slot = self.slots.get(user);
                let _user_guard = user_slot.lock.lock().await;
                let profile = match self.store.profile(user)? {
                    Loaded::Found(p) => p,
                    _ => engine::Profile::default(),
                };
                let mut session = match self.store.session(user) {
                    Ok(Some(s)) => s,
                    Ok(None) | Err(StoreError::Undecodable { .. }) => Session::default(),
                    Err(e) => return Err(e),
                };
                let text: String = text.chars().take(3500).collect();
                let reply = engine::staff_reply(&text, session.state == State::Human);
                let rendered = self.world().render(&profile, &reply);
                session
                    .outbox
                    .push(Outgoing::reply(rendered.text, rendered.buttons));
                self.store.save_update(user, None, &session)?;
                touched.push(user);
                msg::STAFF_REPLY_SENT
            }
            None => msg::STAFF_REPLY_UNKNOWN,
        };
        let text = self.world().l10n.line(&staff_lang, &Line::new(note));
        staff_session.outbox.push(Outgoing::reply(text, Vec::new()));
        staff_session.last_update = ev.update_id;
        self.store.save_update(ev.chat, None, &staff_session)?;
        Ok(touched)
    }
}

/// "The bot was updated": the user's stored state could not be read any more.
fn updated_notice(
    ctx: &engine::Ctx<'_>,
    profile: &engine::Profile,
) -> (State, Vec<Reply>, Vec<Effect>) {
    let state = if profile.lang.is_some() {
        State::Menu
    } else {
        State::Language
    };
    let mut r = engine::view(ctx, profile, &state);
    r.lines.insert(0, Line::new(msg::NOTICE_UPDATED));
    (state, vec![r], Vec::new())
}
