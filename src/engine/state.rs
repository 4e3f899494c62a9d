//! What the engine keeps per user: the conversation [`State`] and the [`Profile`].

use super::*;

/// Where a user is in the conversation. Persisted: add variants freely, but never
/// rename or remove one without a migration (see `store` and ARCHITECTURE.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "kebab-case")]
pub enum State {
    #[default]
    New,
    Language,
    /// The language picker opened from somewhere else: after the choice, back
    /// there (a questionnaire keeps its answers).
    Switching {
        back: Box<State>,
    },
    Menu,
    Packages,
    Package {
        id: String,
    },
    Apply {
        id: String,
        /// Where "back" goes when that is not the package's card (the result).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        back: Option<Box<State>>,
    },
    /// The questionnaire: the answers so far (the next question is the first
    /// one that can still change a verdict, `engine::quiz`); `only`: asked from
    /// this package's card, about it alone.
    Quiz {
        answers: Vec<(String, String)>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        only: Option<String>,
    },
    Result,
    /// "Why not?" after the result: the packages the user cannot get, or this
    /// one's missing requirements.
    WhyNot {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    Ask,
    /// A topic group of the FAQ (`content.faq_groups`), its topics at `page`.
    FaqGroup {
        id: String,
        #[serde(default)]
        page: u8,
    },
    /// Talking to staff: the user's messages go to the staff chat.
    Human,
    /// An FAQ answer was shown for this (masked) question; `offer`: the
    /// question was understood in this other language, whose switch button the
    /// screen carries.
    Answered {
        topic: String,
        question: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offer: Option<String>,
    },
    /// The user said an answer did not help: the menu, with a person first.
    Sorry,
    /// The FAQ was not sure: these topics were offered.
    Suggest {
        topics: Vec<String>,
    },
    /// Asked to confirm erasing the user's data.
    Forget,
    /// Staff composing a broadcast (`engine::staff`).
    Compose {
        draft: staff::Composition,
    },
    /// Announcements on/off, language.
    Settings,
}

pub(super) fn yes() -> bool {
    true
}

/// What the bot keeps about a user between conversations. Persisted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The language the user chose (an enabled locale folder name).
    #[serde(default)]
    pub lang: Option<String>,
    /// The enabled language that Telegram's `language_code` matches, if any.
    #[serde(default)]
    pub hint: Option<String>,
    /// County code, from a poster's deep link.
    #[serde(default)]
    pub county: Option<String>,
    /// Receives staff announcements.
    #[serde(default = "yes")]
    pub announcements: bool,
    /// False once Telegram said the user blocked the bot.
    #[serde(default = "yes")]
    pub reachable: bool,
    /// Unix seconds.
    #[serde(default)]
    pub first_seen: i64,
    #[serde(default)]
    pub last_seen: i64,
    /// The last completed questionnaire.
    #[serde(default)]
    pub answers: Vec<(String, String)>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            lang: None,
            hint: None,
            county: None,
            announcements: true,
            reachable: true,
            first_seen: 0,
            last_seen: 0,
            answers: Vec::new(),
        }
    }
}

/// Audience selection reads a user through this (`crate::broadcast` needs nothing
/// else from the engine).
impl crate::broadcast::Member for Profile {
    fn chosen_lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
    fn hinted_lang(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    fn county(&self) -> Option<&str> {
        self.county.as_deref()
    }
    fn answers(&self) -> &[(String, String)] {
        &self.answers
    }
    fn announcements(&self) -> bool {
        self.announcements
    }
    fn reachable(&self) -> bool {
        self.reachable
    }
}
