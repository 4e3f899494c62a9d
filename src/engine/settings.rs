//! A user's own settings: announcements on or off (`/stop`, `/settings`, the button
//! under each announcement, `/start` turning them back on) and the way to the
//! language picker.

use super::{button, msg, Action, Ctx, Line, Profile, Reply, State};

/// `/start` turns announcements back on; true when they were off.
pub fn opt_in(profile: &mut Profile) -> bool {
    let was_off = !profile.announcements;
    profile.announcements = true;
    was_off
}

pub fn set_announcements(ctx: &Ctx<'_>, profile: &mut Profile, on: bool) -> (State, Vec<Reply>) {
    profile.announcements = on;
    let mut r = super::view(ctx, profile, &State::Settings);
    r.lines.insert(
        0,
        Line::new(if on {
            msg::ANNOUNCE_ON
        } else {
            msg::ANNOUNCE_OFF
        }),
    );
    (State::Settings, vec![r])
}

/// The settings screen: announcements on or off, language, menu.
pub fn view(profile: &Profile) -> Reply {
    let (line, toggle) = if profile.announcements {
        (
            msg::SETTINGS_ON,
            button(Line::new(msg::BTN_ANNOUNCE_OFF), Action::Announce(false)),
        )
    } else {
        (
            msg::SETTINGS_OFF,
            button(Line::new(msg::BTN_ANNOUNCE_ON), Action::Announce(true)),
        )
    };
    Reply::default()
        .line(Line::new(line))
        .row(vec![toggle])
        .row(vec![
            button(Line::new(msg::BTN_LANGUAGE), Action::LanguageMenu),
            button(Line::new(msg::BTN_MENU), Action::Menu),
        ])
}
