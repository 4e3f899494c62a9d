//! Callback data: a short, versioned ASCII codec (Telegram allows 1–64 bytes).
//!
//! Format: one version character, one operation letter, then `:`-separated ASCII
//! arguments, e.g. `1P:village` or `1a:age:60-plus`. Ids are validated by the
//! content loader (at most 24 bytes of `[a-z0-9-]`), so every encoding fits.
//! Data of another version decodes to [`CodecError::OldVersion`], which the engine
//! answers with a localized "the bot was updated"; anything else that does not
//! parse is [`CodecError::Malformed`] (forged or corrupted) and gets the same polite
//! treatment without trusting any of it.

use std::fmt;

/// Bump when the meaning of existing codes changes; adding codes needs no bump.
pub const VERSION: char = '1';
/// Telegram's limit for `callback_data`, in bytes.
pub const MAX_LEN: usize = super::limits::CALLBACK_DATA_BYTES;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    Menu,
    Help,
    LanguageMenu,
    SetLang(String),
    Packages,
    Package(String),
    Apply(String),
    Quiz,
    /// "Can I get it?" on a package card: the questionnaire about it alone.
    CheckPackage(String),
    /// "Why not?" on the result: the list, or one package's requirements.
    WhyNot(Option<String>),
    /// An answer to the questionnaire: question id `q` and choice `v`, named
    /// as in the callback data (`a:<q>:<v>`) that must fit 64 bytes.
    Answer {
        q: String,
        v: String,
    },
    Back,
    QuizRestart,
    Ask,
    Human,
    EndHandoff,
    Faq(String),
    /// A topic group of the FAQ (`content.faq_groups`), at page `page` of its topics.
    FaqGroup {
        id: String,
        page: u8,
    },
    Helpful {
        topic: String,
        yes: bool,
    },
    /// Staff: mark an unanswered-inbox entry handled.
    InboxDone(String),
    /// Ask to erase my data; then confirm it.
    Forget,
    ForgetConfirm,
    // --- broadcasts (issue 3) ---
    /// Announcements on (`true`) or off, from `/settings` or an announcement.
    Announce(bool),
    /// A step of the staff broadcast flow (checked against `Ctx::staff` every time).
    Bc(BcOp),
}

/// Buttons of the staff broadcast flow (`1B:<op>[:<arg>]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BcOp {
    /// No text for the language being asked: skip it.
    Skip,
    /// Audience: everyone.
    All,
    /// Audience: choose a language / county / package next.
    ByLang,
    ByCounty,
    ByPackage,
    Lang(String),
    County(String),
    Package(String),
    /// Send as soon as confirmed.
    Now,
    /// Users of languages without a text get this language's text.
    Fallback(String),
    /// Start over with the texts.
    Edit,
    Confirm,
    /// Abandon the draft.
    Cancel,
    /// Stop a queued or running job.
    Stop(u64),
    /// The list of jobs.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("callback data from another version of the bot")]
    OldVersion,
    #[error("malformed callback data")]
    Malformed,
}

fn valid_arg(s: &str) -> bool {
    !s.is_empty() && s.len() <= 24 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl Action {
    pub fn encode(&self) -> String {
        let body = match self {
            Action::Menu => "m".to_string(),
            Action::Help => "h".to_string(),
            Action::LanguageMenu => "l".to_string(),
            Action::SetLang(l) => format!("L:{l}"),
            Action::Packages => "p".to_string(),
            Action::Package(id) => format!("P:{id}"),
            Action::Apply(id) => format!("A:{id}"),
            Action::Quiz => "q".to_string(),
            Action::CheckPackage(id) => format!("c:{id}"),
            Action::WhyNot(None) => "w".to_string(),
            Action::WhyNot(Some(id)) => format!("w:{id}"),
            Action::Answer { q, v } => format!("a:{q}:{v}"),
            Action::Back => "b".to_string(),
            Action::QuizRestart => "r".to_string(),
            Action::Ask => "k".to_string(),
            Action::Human => "s".to_string(),
            Action::EndHandoff => "e".to_string(),
            Action::Faq(t) => format!("f:{t}"),
            Action::FaqGroup { id, page } => format!("g:{id}:{page}"),
            Action::Helpful { topic, yes: true } => format!("y:{topic}"),
            Action::Helpful { topic, yes: false } => format!("n:{topic}"),
            Action::InboxDone(id) => format!("x:{id}"),
            Action::Forget => "z".to_string(),
            Action::ForgetConfirm => "Z".to_string(),
            Action::Announce(on) => format!("o:{}", if *on { "on" } else { "off" }),
            Action::Bc(op) => format!("B:{}", op.encode()),
        };
        format!("{VERSION}{body}")
    }

    pub fn decode(data: &str) -> Result<Action, CodecError> {
        if data.is_empty() || data.len() > MAX_LEN || !data.is_ascii() {
            return Err(CodecError::Malformed);
        }
        let mut chars = data.chars();
        let version = chars.next().ok_or(CodecError::Malformed)?;
        if !version.is_ascii_digit() {
            return Err(CodecError::Malformed);
        }
        if version != VERSION {
            return Err(CodecError::OldVersion);
        }
        let body = chars.as_str();
        let mut parts = body.split(':');
        let op = parts.next().ok_or(CodecError::Malformed)?;
        let args: Vec<&str> = parts.collect();
        if !args.iter().all(|a| valid_arg(a)) {
            return Err(CodecError::Malformed);
        }
        let one = |f: fn(String) -> Action| match args.as_slice() {
            [a] => Ok(f(a.to_string())),
            _ => Err(CodecError::Malformed),
        };
        let none = |a: Action| {
            if args.is_empty() {
                Ok(a)
            } else {
                Err(CodecError::Malformed)
            }
        };
        match op {
            "m" => none(Action::Menu),
            "h" => none(Action::Help),
            "l" => none(Action::LanguageMenu),
            "L" => one(Action::SetLang),
            "p" => none(Action::Packages),
            "P" => one(Action::Package),
            "A" => one(Action::Apply),
            "q" => none(Action::Quiz),
            "c" => one(Action::CheckPackage),
            "w" => match args.as_slice() {
                [] => Ok(Action::WhyNot(None)),
                [id] => Ok(Action::WhyNot(Some(id.to_string()))),
                _ => Err(CodecError::Malformed),
            },
            "a" => match args.as_slice() {
                [q, v] => Ok(Action::Answer {
                    q: q.to_string(),
                    v: v.to_string(),
                }),
                _ => Err(CodecError::Malformed),
            },
            "b" => none(Action::Back),
            "r" => none(Action::QuizRestart),
            "k" => none(Action::Ask),
            "s" => none(Action::Human),
            "e" => none(Action::EndHandoff),
            "f" => one(Action::Faq),
            "g" => match args.as_slice() {
                [id, page] if page.bytes().all(|b| b.is_ascii_digit()) => Ok(Action::FaqGroup {
                    id: id.to_string(),
                    page: page.parse().map_err(|_| CodecError::Malformed)?,
                }),
                _ => Err(CodecError::Malformed),
            },
            "y" => one(|topic| Action::Helpful { topic, yes: true }),
            "n" => one(|topic| Action::Helpful { topic, yes: false }),
            "x" => one(Action::InboxDone),
            "z" => none(Action::Forget),
            "Z" => none(Action::ForgetConfirm),
            "o" => match args.as_slice() {
                ["on"] => Ok(Action::Announce(true)),
                ["off"] => Ok(Action::Announce(false)),
                _ => Err(CodecError::Malformed),
            },
            "B" => BcOp::decode(&args).map(Action::Bc),
            _ => Err(CodecError::Malformed),
        }
    }

    /// The keyword group (`kw-<key>` in Fluent) that selects this action by typing.
    pub fn keyword_key(&self) -> Option<String> {
        let k = match self {
            Action::Menu => "menu",
            Action::Help => "help",
            Action::LanguageMenu => "language",
            Action::Packages => "packages",
            Action::Quiz => "check",
            Action::Back => "back",
            Action::QuizRestart => "restart",
            Action::Ask => "ask",
            Action::Human => "human",
            Action::Apply(_) => "apply",
            Action::EndHandoff => "end",
            Action::Helpful { yes: true, .. } => "choice-yes",
            Action::Helpful { yes: false, .. } => "choice-no",
            Action::ForgetConfirm => "choice-yes",
            Action::Forget => return None,
            Action::Answer { v, .. } => return Some(format!("choice-{v}")),
            // Typing a group's label (a Fluent message without placeables).
            Action::FaqGroup { id, .. } => return Some(format!("faq-group-{id}")),
            Action::CheckPackage(_) => "check",
            Action::SetLang(_)
            | Action::WhyNot(_)
            | Action::Package(_)
            | Action::Faq(_)
            | Action::InboxDone(_)
            | Action::Announce(_)
            | Action::Bc(_) => return None,
        };
        Some(k.to_string())
    }
}

impl BcOp {
    fn encode(&self) -> String {
        match self {
            BcOp::Skip => "skip".into(),
            BcOp::All => "all".into(),
            BcOp::ByLang => "by-lang".into(),
            BcOp::ByCounty => "by-county".into(),
            BcOp::ByPackage => "by-pkg".into(),
            BcOp::Lang(l) => format!("lang:{l}"),
            BcOp::County(c) => format!("county:{c}"),
            BcOp::Package(p) => format!("pkg:{p}"),
            BcOp::Now => "now".into(),
            BcOp::Fallback(l) => format!("fb:{l}"),
            BcOp::Edit => "edit".into(),
            BcOp::Confirm => "ok".into(),
            BcOp::Cancel => "cancel".into(),
            BcOp::Stop(id) => format!("stop:{id}"),
            BcOp::List => "list".into(),
        }
    }

    fn decode(args: &[&str]) -> Result<BcOp, CodecError> {
        Ok(match args {
            ["skip"] => BcOp::Skip,
            ["all"] => BcOp::All,
            ["by-lang"] => BcOp::ByLang,
            ["by-county"] => BcOp::ByCounty,
            ["by-pkg"] => BcOp::ByPackage,
            ["lang", l] => BcOp::Lang(l.to_string()),
            ["county", c] => BcOp::County(c.to_string()),
            ["pkg", p] => BcOp::Package(p.to_string()),
            ["now"] => BcOp::Now,
            ["fb", l] => BcOp::Fallback(l.to_string()),
            ["edit"] => BcOp::Edit,
            ["ok"] => BcOp::Confirm,
            ["cancel"] => BcOp::Cancel,
            ["stop", id] if id.bytes().all(|b| b.is_ascii_digit()) => {
                BcOp::Stop(id.parse().map_err(|_| CodecError::Malformed)?)
            }
            ["list"] => BcOp::List,
            _ => return Err(CodecError::Malformed),
        })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Action> {
        let long = "a".repeat(24);
        vec![
            Action::Menu,
            Action::Help,
            Action::LanguageMenu,
            Action::SetLang("zh-CN".into()),
            Action::Packages,
            Action::Package(long.clone()),
            Action::Apply("village".into()),
            Action::Quiz,
            Action::CheckPackage(long.clone()),
            Action::WhyNot(None),
            Action::WhyNot(Some(long.clone())),
            Action::Answer {
                q: long.clone(),
                v: long,
            },
            Action::Back,
            Action::QuizRestart,
            Action::Ask,
            Action::Human,
            Action::EndHandoff,
            Action::Faq("data-and-minutes".into()),
            Action::FaqGroup {
                id: "a".repeat(24),
                page: u8::MAX,
            },
            Action::FaqGroup {
                id: "signal".into(),
                page: 0,
            },
            Action::Helpful {
                topic: "no-signal".into(),
                yes: false,
            },
            Action::InboxDone("zh-CN-0123456789abcdef".into()),
            Action::Forget,
            Action::ForgetConfirm,
            Action::Announce(true),
            Action::Announce(false),
            Action::Bc(BcOp::Skip),
            Action::Bc(BcOp::All),
            Action::Bc(BcOp::ByLang),
            Action::Bc(BcOp::ByCounty),
            Action::Bc(BcOp::ByPackage),
            Action::Bc(BcOp::Lang("zh-CN".into())),
            Action::Bc(BcOp::County("a".repeat(24))),
            Action::Bc(BcOp::Package("a".repeat(24))),
            Action::Bc(BcOp::Now),
            Action::Bc(BcOp::Fallback("ug".into())),
            Action::Bc(BcOp::Edit),
            Action::Bc(BcOp::Confirm),
            Action::Bc(BcOp::Cancel),
            Action::Bc(BcOp::Stop(u64::MAX)),
            Action::Bc(BcOp::List),
        ]
    }

    #[test]
    fn round_trips_within_64_ascii_bytes() {
        for a in all() {
            let e = a.encode();
            assert!(e.is_ascii() && !e.is_empty() && e.len() <= MAX_LEN, "{e}");
            assert_eq!(Action::decode(&e), Ok(a));
        }
    }

    /// Version 1 codes as they were first shipped: they must keep decoding.
    #[test]
    fn version_1_codes_still_decode() {
        assert_eq!(Action::decode("1m"), Ok(Action::Menu));
        assert_eq!(Action::decode("1L:bo"), Ok(Action::SetLang("bo".into())));
        assert_eq!(
            Action::decode("1P:village"),
            Ok(Action::Package("village".into()))
        );
        assert_eq!(
            Action::decode("1a:age:60-plus"),
            Ok(Action::Answer {
                q: "age".into(),
                v: "60-plus".into()
            })
        );
        assert_eq!(Action::decode("1s"), Ok(Action::Human));
    }

    #[test]
    fn other_versions_are_old_not_malformed() {
        assert_eq!(Action::decode("0m"), Err(CodecError::OldVersion));
        assert_eq!(Action::decode("2P:x"), Err(CodecError::OldVersion));
    }

    #[test]
    fn forged_data_is_malformed() {
        let too_long = format!("1P:{}", "a".repeat(70));
        for bad in [
            "",
            "1",
            "1m:extra",
            "1P",
            "1P:",
            "1P:a:b",
            "1a:q",
            "1P:bad id",
            "1P:../x",
            "1L:བོད",
            "xm",
            too_long.as_str(),
            "1P:a\u{0}",
            "1o",
            "1o:maybe",
            "1B",
            "1B:",
            "1B:nope",
            "1B:stop",
            "1B:stop:x1",
            "1B:stop:99999999999999999999",
            "1B:lang",
            "1g:signal",
            "1g:signal:x",
            "1g:signal:256",
            "1g:signal:1:2",
        ] {
            assert_eq!(Action::decode(bad), Err(CodecError::Malformed), "{bad:?}");
        }
    }
}
