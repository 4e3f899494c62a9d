//! What a user sends, as the engine sees it: [`Input`], [`Command`] and typed keywords.

use super::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start(Option<String>),
    Help,
    Language,
    Menu,
    Packages,
    Check,
    Ask,
    Human,
    /// Staff only: the unanswered inbox.
    Unanswered,
    /// Erase everything the bot keeps about this user (after confirming).
    Forget,
    /// Staff only: re-read content and locales.
    Reload,
    /// Announcements off (`/start` turns them back on).
    Stop,
    Settings,
    /// Staff only: compose a broadcast / list jobs.
    Broadcast,
    Broadcasts,
    Unknown,
}

impl Command {
    /// `/name[@bot] [argument]`; `None` when the text is not a command.
    pub fn parse(text: &str) -> Option<Command> {
        let rest = text.trim_start().strip_prefix('/')?;
        let (word, arg) = match rest.split_once(char::is_whitespace) {
            Some((w, a)) => (w, a.trim()),
            None => (rest, ""),
        };
        let name = word.split('@').next().unwrap_or("").to_ascii_lowercase();
        Some(match name.as_str() {
            "start" => {
                let ok = !arg.is_empty()
                    && arg.len() <= limits::START_PARAM_CHARS
                    && arg
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                Command::Start(ok.then(|| arg.to_string()))
            }
            "help" => Command::Help,
            "language" | "lang" => Command::Language,
            "menu" => Command::Menu,
            "packages" => Command::Packages,
            "check" => Command::Check,
            "ask" => Command::Ask,
            "human" | "staff" => Command::Human,
            "unanswered" => Command::Unanswered,
            "forget" => Command::Forget,
            "reload" => Command::Reload,
            "stop" => Command::Stop,
            "settings" => Command::Settings,
            "broadcast" => Command::Broadcast,
            "broadcasts" => Command::Broadcasts,
            _ => Command::Unknown,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Command(Command),
    Text(String),
    Button(Action),
    /// Callback data that did not decode (old version or forged).
    BadButton(CodecError),
    /// A voice message (always accepted: handed to staff).
    Voice {
        file_id: String,
    },
    /// A photo (handed to staff during a conversation with staff).
    Photo {
        file_id: String,
        caption: Option<String>,
    },
    /// Stickers, locations, …
    Unsupported,
    /// What the adapter learned carrying out a broadcast effect (counts, the new
    /// job, the job list, a stop's result), to be answered by the engine. Never
    /// made from a user's update.
    Learned(staff::Learned),
}

impl Input {
    /// A typed message: a command when it starts with `/`, else text.
    pub fn from_text(text: &str) -> Input {
        match Command::parse(text) {
            Some(c) => Input::Command(c),
            None => Input::Text(text.to_string()),
        }
    }

    pub fn from_callback(data: &str) -> Input {
        match Action::decode(data) {
            Ok(a) => Input::Button(a),
            Err(e) => Input::BadButton(e),
        }
    }
}

/// Tibetan users often type a space where the tsheg (་) goes: between two
/// Tibetan letters a space is a tsheg, so "བཀྲ ཤིས" is the keyword "བཀྲ་ཤིས".
fn tsheg_for_spaces(s: &str) -> String {
    use crate::text::scripts::{char_script, Script};
    let tibetan = |c: Option<&char>| c.is_some_and(|&c| char_script(c) == Some(Script::Tibetan));
    if !s.contains(' ') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            let end = i + chars[i..].iter().take_while(|&&c| c == ' ').count();
            if i > 0 && tibetan(chars.get(i - 1)) && tibetan(chars.get(end)) {
                out.push('\u{0F0B}');
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Typed words that stand for a button: normalized phrase → keys. A button answers
/// to its label's key (`Line::label_key`) and to its action's keyword group.
#[derive(Debug, Clone, Default)]
pub struct Keywords {
    map: HashMap<String, Vec<String>>,
}

impl Keywords {
    pub fn add(&mut self, key: &str, phrase: &str) {
        let p = tsheg_for_spaces(&normalize(phrase));
        if p.is_empty() {
            return;
        }
        let keys = self.map.entry(p).or_default();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
        }
    }

    pub(super) fn keys(&self, normalized: &str) -> &[String] {
        self.map
            .get(&tsheg_for_spaces(normalized))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
