//! What each state shows: [`view`] (the one screen value that is rendered and that typed input is resolved against), package cards and the questionnaire result.

use super::*;

pub(super) fn current_package<'c>(ctx: &Ctx<'c>, id: &str) -> Option<&'c Package> {
    ctx.content.package(id).filter(|p| p.is_current(ctx.today))
}

/// Packages on offer today, in the user's county when it is known.
pub(super) fn offered<'c>(ctx: &Ctx<'c>, profile: &Profile) -> Vec<&'c Package> {
    ctx.content
        .packages
        .iter()
        .filter(|p| p.is_current(ctx.today))
        .filter(|p| match &profile.county {
            Some(c) => p.counties.is_empty() || p.counties.contains(c),
            None => true,
        })
        .collect()
}

pub(super) fn name(p: &Package) -> Line {
    Line::new(format!("pkg-{}-name", p.id))
}

pub(super) fn price(p: &Package) -> Line {
    match (p.monthly_fee, p.price) {
        (Some(fee), _) => Line::new(msg::PRICE_MONTH).text("amount", fee.to_string()),
        (None, Some(price)) => Line::new(msg::PRICE_ONCE).text("amount", price.to_string()),
        (None, None) => Line::new(msg::PRICE_FREE),
    }
}

/// The price as a package button starts with it: "¥8/月", so a label cut
/// on a narrow phone loses the end of the name, never the price.
pub(super) fn short_price(p: &Package) -> Line {
    match (p.monthly_fee, p.price) {
        (Some(fee), _) => Line::new(msg::PRICE_MONTH_SHORT).text("amount", fee.to_string()),
        (None, Some(price)) => Line::new(msg::PRICE_ONCE_SHORT).text("amount", price.to_string()),
        (None, None) => Line::new(msg::PRICE_FREE),
    }
}

/// One button a row: the menu's labels are phrases ("can I get it?") that
/// two to a row would cut in Tibetan and Uyghur (`netplus check`).
pub(super) fn menu_buttons(ctx: &Ctx<'_>) -> Vec<Vec<Button>> {
    vec![
        vec![button(Line::new(msg::MENU_PACKAGES), Action::Packages)],
        vec![button(Line::new(msg::MENU_CHECK), Action::Quiz)],
        vec![button(Line::new(msg::MENU_ASK), Action::Ask)],
        vec![button(Line::new(msg::MENU_HUMAN), Action::Human)],
        vec![button(language_label(ctx), Action::LanguageMenu)],
    ]
}

/// "🌐 语言 · སྐད་ཡིག · تىل": the word for "language" of every enabled language,
/// each in its own script, so anyone finds the way to the picker.
pub(super) fn language_label(ctx: &Ctx<'_>) -> Line {
    let words = ctx
        .languages
        .iter()
        .map(|l| Line::new(msg::LANGUAGE_WORD).in_lang(l))
        .reduce(|a, b| Line::new(msg::WORDS_JOIN).line("a", a).line("b", b))
        .unwrap_or_else(|| Line::new(msg::LANGUAGE_WORD));
    Line::new(msg::MENU_LANGUAGE).line("words", words)
}

/// Topic buttons per page of a FAQ group: with the arrows and the way back,
/// a screen that fits a phone.
pub const FAQ_PAGE: usize = 5;

pub(super) fn back_menu() -> Vec<Button> {
    vec![
        button(Line::new(msg::BTN_BACK), Action::Back),
        button(Line::new(msg::BTN_MENU), Action::Menu),
    ]
}

/// The screen for a state: what is shown on arrival, and what typed numbers and
/// keywords refer to while the user is there.
pub fn view(ctx: &Ctx<'_>, profile: &Profile, state: &State) -> Reply {
    match state {
        State::New | State::Language => picker(ctx, profile, false),
        State::Menu => Reply {
            lines: vec![Line::new(msg::MENU_TITLE)],
            buttons: menu_buttons(ctx),
            keep: false,
        },
        State::Packages => {
            let list = offered(ctx, profile);
            let mut r = Reply::default().line(Line::new(if list.is_empty() {
                msg::PACKAGES_NONE
            } else {
                msg::PACKAGES_TITLE
            }));
            for p in list {
                let label = quiz::package_label(p);
                r = r.row(vec![button(label, Action::Package(p.id.clone()))]);
            }
            r.row(vec![button(Line::new(msg::BTN_MENU), Action::Menu)])
        }
        State::Package { id } => match current_package(ctx, id) {
            Some(p) => package_card(p),
            None => view(ctx, profile, &State::Packages),
        },
        State::Apply { id, .. } => match current_package(ctx, id) {
            Some(p) => Reply::default()
                .line(name(p))
                .line(Line::new(format!("pkg-{}-bring", p.id)))
                .line(Line::new(format!("pkg-{}-where", p.id)))
                .line(Line::new(msg::APPLY_HOTLINE).text("number", ctx.content.hotline.clone()))
                .row(vec![button(
                    Line::new(msg::BTN_CHECK),
                    Action::CheckPackage(id.clone()),
                )])
                .row(back_menu()),
            None => view(ctx, profile, &State::Packages),
        },
        State::Quiz { answers, only } => quiz::view(ctx, profile, answers, only.as_deref()),
        State::Result => quiz::result(ctx, profile, &profile.answers),
        State::WhyNot { id } => quiz::why_not(ctx, profile, id.as_deref()),
        State::Switching { .. } => picker(ctx, profile, false),
        State::Ask => {
            let r = Reply::default().line(Line::new(msg::ASK_PROMPT));
            let groups: Vec<Button> = ctx
                .content
                .faq_groups
                .iter()
                .filter(|g| g.topics.iter().any(|t| has_topic(ctx, t)))
                .map(|g| {
                    let action = Action::FaqGroup {
                        id: g.id.clone(),
                        page: 0,
                    };
                    button(group_label(g), action)
                })
                .collect();
            // One a row: an emoji, a number and two words fill half a row.
            r.column(groups).row(vec![
                button(Line::new(msg::BTN_HUMAN), Action::Human),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ])
        }
        State::FaqGroup { id, page } => match ctx.content.faq_group(id) {
            None => view(ctx, profile, &State::Ask),
            Some(g) => {
                let topics: Vec<&String> = g.topics.iter().filter(|t| has_topic(ctx, t)).collect();
                let pages = topics.len().div_ceil(FAQ_PAGE).max(1);
                let page = usize::from(*page).min(pages - 1);
                let mut r = Reply::default()
                    .line(group_label(g))
                    .line(Line::new(msg::FAQ_GROUP_PROMPT));
                for t in topics.iter().skip(page * FAQ_PAGE).take(FAQ_PAGE) {
                    r = r.row(vec![button(
                        Line::new(format!("faq-{t}-title")),
                        Action::Faq(t.to_string()),
                    )]);
                }
                let to = |p: usize| Action::FaqGroup {
                    id: g.id.clone(),
                    page: u8::try_from(p).unwrap_or(u8::MAX),
                };
                let mut arrows = Vec::new();
                if page > 0 {
                    arrows.push(button(Line::new(msg::BTN_PREV), to(page - 1)));
                }
                if page + 1 < pages {
                    arrows.push(button(Line::new(msg::BTN_NEXT), to(page + 1)));
                }
                r.row(arrows).row(back_menu())
            }
        },
        State::Human if ctx.handoff => {
            Reply::default()
                .line(Line::new(msg::HANDOFF_WAITING))
                .row(vec![
                    button(Line::new(msg::BTN_END), Action::EndHandoff),
                    button(Line::new(msg::BTN_MENU), Action::Menu),
                ])
        }
        State::Human => Reply::default()
            .line(
                Line::new(msg::HUMAN_UNAVAILABLE)
                    .text("number", ctx.content.hotline.clone())
                    .text("hours", ctx.content.office_hours.clone()),
            )
            .row(vec![
                button(Line::new(msg::BTN_PACKAGES), Action::Packages),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ]),
        // A topic removed from the FAQ since (by /reload): back to the menu.
        State::Answered { topic, .. } if !has_topic(ctx, topic) => view(ctx, profile, &State::Menu),
        State::Answered { topic, offer, .. } => {
            let mut r = Reply::default()
                .line(Line::new(format!("faq-{topic}-a")))
                .line(Line::new(msg::FAQ_HELPFUL));
            // The offer is written in the language it offers: the user wrote in it.
            let offer = offer.as_ref().filter(|l| ctx.languages.contains(l));
            if let Some(l) = offer {
                let name = Line::new(msg::LANGUAGE_NAME).in_lang(l);
                r = r.line(
                    Line::new(msg::FAQ_OTHER_LANG)
                        .line("language", name)
                        .in_lang(l),
                );
            }
            r = r.row(vec![
                button(
                    Line::new(msg::BTN_HELPFUL_YES),
                    Action::Helpful {
                        topic: topic.clone(),
                        yes: true,
                    },
                ),
                button(
                    Line::new(msg::BTN_HELPFUL_NO),
                    Action::Helpful {
                        topic: topic.clone(),
                        yes: false,
                    },
                ),
            ]);
            if let Some(l) = offer {
                let name = Line::new(msg::LANGUAGE_NAME).in_lang(l);
                r = r.row(vec![button(
                    Line::new(msg::BTN_SWITCH_LANG)
                        .line("language", name)
                        .in_lang(l),
                    Action::SetLang(l.clone()),
                )]);
            }
            r.row(vec![
                button(Line::new(msg::BTN_HUMAN), Action::Human),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ])
        }
        State::Sorry => {
            // The menu with its way to a person moved to the top, once.
            let mut r = view(ctx, profile, &State::Menu);
            for row in &mut r.buttons {
                row.retain(|b| b.action != Action::Human);
            }
            r.buttons.retain(|row| !row.is_empty());
            r.buttons
                .insert(0, vec![button(Line::new(msg::BTN_HUMAN), Action::Human)]);
            r
        }
        State::Forget => Reply::default()
            .line(Line::new(msg::FORGET_CONFIRM))
            .row(vec![
                button(Line::new(msg::BTN_FORGET_YES), Action::ForgetConfirm),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ]),
        State::Suggest { topics } => {
            let topics: Vec<&String> = topics.iter().filter(|t| has_topic(ctx, t)).collect();
            let mut r = Reply::default().line(Line::new(if topics.is_empty() {
                msg::FAQ_NOTHING
            } else {
                msg::FAQ_UNSURE
            }));
            for t in topics {
                r = r.row(vec![button(
                    Line::new(format!("faq-{t}-title")),
                    Action::Faq(t.clone()),
                )]);
            }
            r.row(vec![
                button(Line::new(msg::BTN_HUMAN), Action::Human),
                button(Line::new(msg::BTN_MENU), Action::Menu),
            ])
        }
        State::Compose { .. } | State::Settings => staff::view(ctx, profile, state),
    }
}

/// A FAQ group's button label: its emoji and `faq-group-<id>`.
pub(super) fn group_label(g: &crate::content::FaqGroup) -> Line {
    Line::new(msg::FAQ_GROUP_BUTTON)
        .text("emoji", g.emoji.clone())
        .line("label", Line::new(format!("faq-group-{}", g.id)))
}

pub(super) fn package_card(p: &Package) -> Reply {
    let mut r = Reply::default().line(name(p)).line(price(p));
    if let Some(gb) = p.data_gb {
        r = r.line(Line::new(msg::PACKAGE_DATA).arg("gb", Arg::Num(gb.into())));
    }
    if let Some(m) = p.minutes {
        r = r.line(Line::new(msg::PACKAGE_MINUTES).arg("minutes", Arg::Num(m.into())));
    }
    r = r
        .line(Line::new(format!("pkg-{}-gives", p.id)))
        .line(Line::new(format!("pkg-{}-who", p.id)));
    r = r.line(match &p.until {
        Some(u) => Line::new(msg::PACKAGE_DATES)
            .text("from", p.from.0.clone())
            .text("until", u.0.clone()),
        None => Line::new(msg::PACKAGE_DATES_OPEN).text("from", p.from.0.clone()),
    });
    r = r.line(if p.counties.is_empty() {
        Line::new(msg::PACKAGE_COUNTIES_ALL)
    } else {
        let names = p
            .counties
            .iter()
            .map(|c| Line::new(format!("county-{c}")))
            .collect();
        Line::new(msg::PACKAGE_COUNTIES).arg("counties", Arg::List(names))
    });
    // A row each: "how to apply" and "can I get it?" are phrases.
    r.row(vec![button(
        Line::new(msg::BTN_APPLY),
        Action::Apply(p.id.clone()),
    )])
    .row(vec![button(
        Line::new(msg::BTN_CHECK),
        Action::CheckPackage(p.id.clone()),
    )])
    .row(back_menu())
}
