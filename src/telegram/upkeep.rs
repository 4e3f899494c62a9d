//! Keeping the bot in shape while it runs: content and locales reloaded on
//! `/reload` or SIGHUP (staff told when a SIGHUP reload is refused), and the
//! retention sweep that erases users gone for longer than `retention_days`.

use super::{Outgoing, Runner};
use crate::app::{unix_now, World};
use crate::engine::{msg, Line};
use crate::store::{Loaded, StoreError};
use std::sync::Arc;
use std::time::Duration;

impl Runner {
    /// Re-reads content and locales and runs the full check; swaps them in only if
    /// everything passes, else the old ones keep serving.
    pub fn reload(&self) -> Result<(), String> {
        let Some(cfg) = &self.config else {
            return Err("no configuration to reload from".into());
        };
        match World::load(cfg) {
            Ok(w) => {
                let w = Arc::new(w);
                if let Some(b) = &self.broadcasts {
                    b.set_world(Arc::clone(&w)); // issue 3: the sender renders with it too
                }
                *self.world.write().unwrap_or_else(|p| p.into_inner()) = w;
                tracing::info!("content and locales reloaded");
                Ok(())
            }
            Err(e) => {
                tracing::error!("reload refused, the old content keeps serving: {e}");
                Err(e.to_string())
            }
        }
    }

    /// A reload by SIGHUP was refused: staff see why (file:line), in the staff
    /// chat if there is one, else in each staff member's private chat (in
    /// their language). The message goes through that chat's outbox, so it is
    /// as durable as a reply. (A refused `/reload` is answered in place.)
    pub async fn tell_staff_reload_failed(self: &Arc<Self>, error: &str) {
        let chats = match self.team.staff_chat {
            Some(c) => vec![c],
            None => self.team.staff.clone(),
        };
        if chats.is_empty() {
            return;
        }
        let world = self.world();
        let error: String = error.chars().take(3000).collect();
        let staff_lang = self.staff_lang();
        let mut told = Vec::new();
        for chat in chats {
            let lang = match self.store.profile(chat) {
                Ok(Loaded::Found(p)) if Some(chat) != self.team.staff_chat => {
                    p.lang.unwrap_or_else(|| staff_lang.clone())
                }
                _ => staff_lang.clone(),
            };
            let text = world.l10n.line(
                &lang,
                &Line::new(msg::RELOAD_FAILED_SIGNAL).text("error", error.clone()),
            );
            let slot = self.slots.get(chat);
            let _g = slot.lock.lock().await;
            let mut session = match self.store.session(chat) {
                Ok(s) => s.unwrap_or_default(),
                Err(e) => {
                    tracing::error!(chat, "cannot tell staff about the refused reload: {e}");
                    continue;
                }
            };
            session.outbox.push(Outgoing::reply(text, Vec::new()));
            match self.store.save_update(chat, None, &session) {
                Ok(()) => told.push(chat),
                Err(e) => tracing::error!(chat, "cannot tell staff about the refused reload: {e}"),
            }
        }
        if let Err(e) = self.store.flush().await {
            tracing::error!("cannot flush the reload notice: {e}");
        }
        for chat in told {
            self.spawn_delivery(chat);
        }
    }

    /// Erases what is kept about a user who is gone for longer than the
    /// retention, at start and then every hour. Runs until the process ends.
    pub async fn sweep_forever(self: Arc<Self>) {
        if self.team.retention_days == 0 {
            return;
        }
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            match self.sweep_once(unix_now()).await {
                Ok(n) if n > 0 => {
                    tracing::info!(users = n, "retention sweep erased inactive users")
                }
                Ok(_) => {}
                Err(e) => tracing::error!("retention sweep failed: {e}"),
            }
        }
    }

    /// One retention sweep as of `now`; returns how many users were erased.
    pub async fn sweep_once(&self, now: i64) -> Result<usize, StoreError> {
        let before = now - i64::from(self.team.retention_days) * 86_400;
        let users = self.store.stale_users(before)?;
        for &user in &users {
            let slot = self.slots.get(user);
            let _g = slot.lock.lock().await;
            if let Err(e) = self.store.forget_user(user) {
                tracing::error!(user, "retention sweep failed: {e}");
            }
        }
        Ok(users.len())
    }
}
