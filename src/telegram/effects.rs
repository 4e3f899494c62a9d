//! The engine's effects, carried out for one chat inside its update: hand-over
//! cases and the messages for the staff chat, unanswered questions, the inbox
//! for staff, `/reload`. Broadcast effects are `broadcast.rs`'s; `/forget` is
//! `apply.rs`'s (it replaces the whole session).

use super::{Outgoing, Runner};
use crate::app::unix_now;
use crate::engine::{self, msg, Effect, Line, Reply, StaffMessage};
use crate::store::StoreError;

impl Runner {
    /// Carries out one engine effect for `chat`; messages it causes go into the
    /// chat's own outbox (also those for the staff chat), so they are as durable
    /// as replies and no two tasks write one session.
    pub(super) fn carry_out(
        &self,
        chat: i64,
        profile: &engine::Profile,
        effect: Effect,
        outbox: &mut Vec<Outgoing>,
    ) -> Result<(), StoreError> {
        let world = self.world();
        let staff_lang = &self.staff_lang();
        let user_lang = profile
            .lang
            .clone()
            .unwrap_or_else(|| staff_lang.to_string());
        let header = |case: u64| {
            let lang = Line::new(msg::LANGUAGE_NAME).in_lang(&user_lang);
            let line = match &profile.county {
                Some(c) => {
                    Line::new(msg::STAFF_HEADER).line("county", Line::new(format!("county-{c}")))
                }
                None => Line::new(msg::STAFF_HEADER_NO_COUNTY),
            };
            world.l10n.line(
                staff_lang,
                &line.text("case", case.to_string()).line("lang", lang),
            )
        };
        match effect {
            Effect::OpenHandoff => {
                self.store.open_case(chat)?;
            }
            Effect::ToStaff(m) => {
                let Some(staff_chat) = self.team.staff_chat else {
                    return Ok(());
                };
                let case = self.store.open_case(chat)?;
                let hint = world
                    .l10n
                    .line(staff_lang, &Line::new(msg::STAFF_REPLY_HINT));
                outbox.push(match m {
                    StaffMessage::Text(t) => Outgoing::Text {
                        text: format!("{}\n\n{t}\n\n{hint}", header(case)),
                        buttons: Vec::new(),
                        to: Some(staff_chat),
                        link: Some(chat),
                    },
                    StaffMessage::Voice { file_id } => {
                        let note = world
                            .l10n
                            .line(staff_lang, &Line::new(msg::STAFF_VOICE_NOTE));
                        let caption = format!("{}\n{note}\n{hint}", header(case));
                        Outgoing::Media {
                            voice: true,
                            file_id,
                            caption,
                            to: staff_chat,
                            link: Some(chat),
                        }
                    }
                    StaffMessage::Photo { file_id, caption } => {
                        let caption =
                            format!("{}\n{}\n{hint}", header(case), caption.unwrap_or_default());
                        let caption = caption.chars().take(1000).collect();
                        Outgoing::Media {
                            voice: false,
                            file_id,
                            caption,
                            to: staff_chat,
                            link: Some(chat),
                        }
                    }
                });
            }
            Effect::CloseHandoff => {
                if let (Some(case), Some(staff_chat)) =
                    (self.store.close_case(chat)?, self.team.staff_chat)
                {
                    let text = world.l10n.line(
                        staff_lang,
                        &Line::new(msg::STAFF_CLOSED).text("case", case.to_string()),
                    );
                    outbox.push(Outgoing::Text {
                        text,
                        buttons: Vec::new(),
                        to: Some(staff_chat),
                        link: Some(chat),
                    });
                }
            }
            Effect::Unanswered { lang, text, topic } => {
                let norm = crate::faq::normalize::normalize(&text);
                self.store
                    .record_unanswered(chat, &lang, &text, &norm, topic, unix_now())?;
            }
            Effect::Forget => {}
            // Carried out by `broadcast::Broadcasts::perform` before this (issue 3).
            Effect::PreviewBroadcast(_)
            | Effect::Broadcast(_)
            | Effect::CancelBroadcast(_)
            | Effect::ListBroadcasts => {}
            Effect::Reload => {
                let line = match self.reload() {
                    Ok(()) => Line::new(msg::RELOAD_OK),
                    Err(e) => Line::new(msg::RELOAD_FAILED)
                        .text("error", e.chars().take(3000).collect::<String>()),
                };
                let world = self.world();
                let rendered = world.render(profile, &Reply::default().line(line));
                outbox.push(Outgoing::reply(rendered.text, rendered.buttons));
            }
            Effect::ListUnanswered | Effect::MarkHandled(_) => {
                let mut notice = None;
                if let Effect::MarkHandled(id) = &effect {
                    self.store.mark_handled(id)?;
                    notice = Some(Line::new(msg::INBOX_DONE));
                }
                let entries: Vec<engine::InboxItem> = self
                    .store
                    .open_unanswered(5)?
                    .into_iter()
                    .map(|(id, e)| engine::InboxItem {
                        id,
                        lang: e.lang,
                        count: e.count,
                        text: e.text,
                    })
                    .collect();
                let mut reply = engine::inbox_reply(&entries);
                if let Some(n) = notice {
                    reply.lines.insert(0, n);
                }
                let rendered = world.render(profile, &reply);
                outbox.push(Outgoing::reply(rendered.text, rendered.buttons));
            }
        }
        Ok(())
    }
}
