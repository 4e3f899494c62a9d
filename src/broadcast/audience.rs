//! Who is a recipient: given a user's data, a draft's [`Audience`] and the
//! content, whether they receive the broadcast and in which language. The store
//! only scans profiles and hands each one here ([`Selection::pick`]); the sender
//! asks [`takes_announcements`] again right before each send.
//!
//! A user is seen through [`Member`] (implemented by `engine::Profile`), so this
//! module needs nothing from the engine.

use super::draft::{Audience, Draft};
use crate::content::rules::{Facts, Judgement};
use crate::content::Content;
use std::collections::BTreeMap;

/// What audience selection reads about a user.
pub trait Member {
    /// The language the user chose, if any.
    fn chosen_lang(&self) -> Option<&str>;
    /// The enabled language Telegram's `language_code` matched, if any.
    fn hinted_lang(&self) -> Option<&str>;
    fn county(&self) -> Option<&str>;
    /// The last completed questionnaire.
    fn answers(&self) -> &[(String, String)];
    /// Still wants announcements (`/stop` turns them off).
    fn announcements(&self) -> bool;
    /// Telegram has not told us they blocked the bot.
    fn reachable(&self) -> bool;
}

/// Whether the user takes announcements at all right now: never users who
/// opted out or blocked the bot.
pub fn takes_announcements(m: &impl Member) -> bool {
    m.announcements() && m.reachable()
}

/// The language a user reads: the one they chose, else the one Telegram reports,
/// else the first enabled one (users who never chose still get announcements).
pub fn recipient_lang<'a>(m: &'a impl Member, languages: &'a [String]) -> Option<&'a str> {
    let enabled = |l: &&str| languages.iter().any(|e| e == l);
    m.chosen_lang()
        .filter(enabled)
        .or_else(|| m.hinted_lang().filter(enabled))
        .or_else(|| languages.first().map(String::as_str))
}

/// Whether a user is in the audience. Never users who opted out or blocked the bot.
pub fn in_audience(audience: &Audience, m: &impl Member, lang: &str, content: &Content) -> bool {
    if !takes_announcements(m) {
        return false;
    }
    match audience {
        Audience::All => true,
        Audience::Lang { lang: l } => l == lang,
        Audience::County { code } => m.county() == Some(code.as_str()),
        Audience::Package { id } => content.package(id).is_some_and(|p| {
            Facts::new(content, m.answers(), m.county()).judge(p) == Judgement::Yes
        }),
    }
}

/// One user, for one draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick<'a> {
    /// Not in the audience.
    Out,
    /// In the audience, but the draft has no text for their language (nor a
    /// fallback): left out of the job.
    NoText(&'a str),
    /// A recipient, reading this language.
    In(&'a str),
}

/// A draft's audience, ready to judge users one by one.
pub struct Selection<'a> {
    audience: Audience,
    draft: &'a Draft,
    content: &'a Content,
    languages: &'a [String],
}

impl<'a> Selection<'a> {
    /// A draft without an audience goes to everyone.
    pub fn new(draft: &'a Draft, content: &'a Content, languages: &'a [String]) -> Selection<'a> {
        Selection {
            audience: draft.audience.clone().unwrap_or(Audience::All),
            draft,
            content,
            languages,
        }
    }

    /// In the audience (text or not): their language.
    pub fn audience_lang<'m>(&self, m: &'m impl Member) -> Option<&'m str>
    where
        'a: 'm,
    {
        let lang = recipient_lang(m, self.languages)?;
        in_audience(&self.audience, m, lang, self.content).then_some(lang)
    }

    /// Whether the user becomes one of the job's recipients.
    pub fn pick<'m>(&self, m: &'m impl Member) -> Pick<'m>
    where
        'a: 'm,
    {
        match self.audience_lang(m) {
            None => Pick::Out,
            Some(lang) if self.draft.text_for(lang).is_none() => Pick::NoText(lang),
            Some(lang) => Pick::In(lang),
        }
    }
}

/// Counts recipients per language (every enabled language listed, in order).
#[derive(Debug, Clone, Default)]
pub struct Counter {
    counts: BTreeMap<String, u64>,
}

impl Counter {
    pub fn add(&mut self, lang: &str) {
        *self.counts.entry(lang.to_string()).or_default() += 1;
    }

    pub fn into_counts(self, languages: &[String]) -> Vec<(String, u64)> {
        languages
            .iter()
            .map(|l| (l.clone(), self.counts.get(l).copied().unwrap_or(0)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Profile;
    use std::path::Path;

    fn langs() -> Vec<String> {
        vec!["zh-CN".into(), "bo".into(), "ug".into()]
    }

    fn user(lang: Option<&str>) -> Profile {
        Profile {
            lang: lang.map(String::from),
            ..Profile::default()
        }
    }

    fn content() -> Content {
        crate::content::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap()
    }

    #[test]
    fn language_is_chosen_then_hinted_then_the_first() {
        let l = langs();
        assert_eq!(recipient_lang(&user(Some("ug")), &l), Some("ug"));
        let hinted = Profile {
            hint: Some("bo".into()),
            ..user(Some("kk"))
        };
        assert_eq!(recipient_lang(&hinted, &l), Some("bo"));
        assert_eq!(recipient_lang(&user(None), &l), Some("zh-CN"));
        assert_eq!(recipient_lang(&user(None), &[]), None);
    }

    #[test]
    fn audiences_never_include_opted_out_or_unreachable_users() {
        let content = content();
        let mut p = Profile {
            county: Some("540121".into()),
            ..user(Some("bo"))
        };
        assert!(in_audience(&Audience::All, &p, "bo", &content));
        assert!(in_audience(
            &Audience::Lang { lang: "bo".into() },
            &p,
            "bo",
            &content
        ));
        assert!(!in_audience(
            &Audience::Lang { lang: "ug".into() },
            &p,
            "bo",
            &content
        ));
        assert!(in_audience(
            &Audience::County {
                code: "540121".into()
            },
            &p,
            "bo",
            &content
        ));
        assert!(!in_audience(
            &Audience::County {
                code: "653121".into()
            },
            &p,
            "bo",
            &content
        ));
        let village = Audience::Package {
            id: "village".into(),
        };
        assert!(!in_audience(&village, &p, "bo", &content), "no answers yet");
        p.answers = vec![
            ("county".into(), "yes".into()),
            ("household".into(), "dibao".into()),
            ("has-support".into(), "no".into()),
        ];
        assert!(in_audience(&village, &p, "bo", &content));
        assert!(!in_audience(
            &Audience::Package { id: "gone".into() },
            &p,
            "bo",
            &content
        ));
        p.announcements = false;
        assert!(!in_audience(&Audience::All, &p, "bo", &content));
        assert!(!takes_announcements(&p));
        p.announcements = true;
        p.reachable = false;
        assert!(!in_audience(&Audience::All, &p, "bo", &content));
        assert!(!takes_announcements(&p));
    }

    #[test]
    fn a_pick_leaves_out_users_without_a_text_for_their_language() {
        let content = content();
        let l = langs();
        let draft = Draft {
            texts: [("ug".to_string(), "x".to_string())].into(),
            ..Draft::default()
        };
        let sel = Selection::new(&draft, &content, &l);
        assert_eq!(sel.pick(&user(Some("ug"))), Pick::In("ug"));
        assert_eq!(sel.pick(&user(Some("bo"))), Pick::NoText("bo"));
        assert_eq!(sel.audience_lang(&user(Some("bo"))), Some("bo"));
        let away = Profile {
            announcements: false,
            ..user(Some("ug"))
        };
        assert_eq!(sel.pick(&away), Pick::Out);
    }

    #[test]
    fn counts_list_every_language_in_order() {
        let mut c = Counter::default();
        c.add("ug");
        c.add("ug");
        c.add("zh-CN");
        assert_eq!(
            c.into_counts(&langs()),
            vec![("zh-CN".into(), 1), ("bo".into(), 0), ("ug".into(), 2)]
        );
    }
}
