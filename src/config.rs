//! Configuration: one TOML file (`--config`, or `./netplus.toml` when present) and
//! environment variables `NETPLUS_<KEY>` that override each key. The bot token is
//! not here: it comes from `TELOXIDE_TOKEN` (and the API address from
//! `TELOXIDE_API_URL`), as teloxide reads them.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Where the sled database lives.
    pub data_dir: PathBuf,
    /// Enabled languages, in picker order: folder names under `locales_dir`.
    pub languages: Vec<String>,
    /// Telegram user ids of staff.
    pub staff: Vec<i64>,
    /// The chat where handed-over questions go.
    pub staff_chat: Option<i64>,
    pub content_dir: PathBuf,
    pub locales_dir: PathBuf,
    /// Messages per minute a user may send (staff are exempt; 0: no limit).
    pub flood_per_minute: u32,
    /// Days of inactivity after which a user's data is erased (0: never).
    pub retention_days: u32,
    /// Local address of `/healthz` and `/metrics` (none: not served).
    pub http_addr: Option<std::net::SocketAddr>,
    /// Webhook mode: the public HTTPS URL Telegram posts to.
    pub webhook_url: Option<String>,
    /// Webhook mode: where the bot listens (behind the TLS proxy).
    pub webhook_listen: std::net::SocketAddr,
    /// Webhook mode: Telegram's secret token; from `NETPLUS_WEBHOOK_SECRET`.
    pub webhook_secret: Option<String>,
    /// Broadcast messages per second, overall (issue 3).
    pub broadcast_rate: u32,
    /// Send broadcasts with `allow_paid_broadcast` (Telegram charges Stars), which
    /// raises the ceiling from 30 to 1,000 messages per second.
    pub paid_broadcast: bool,
}

/// Telegram's broadcast ceiling without and with `allow_paid_broadcast`.
pub const FREE_BROADCAST_LIMIT: u32 = 30;
pub const PAID_BROADCAST_LIMIT: u32 = 1000;

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: "data".into(),
            // Every row of the shipped language table, in its order.
            languages: crate::text::Languages::builtin()
                .all()
                .iter()
                .map(|l| l.code.clone())
                .collect(),
            staff: Vec::new(),
            staff_chat: None,
            content_dir: "content".into(),
            locales_dir: "locales".into(),
            flood_per_minute: 30,
            retention_days: 180,
            http_addr: None,
            webhook_url: None,
            webhook_listen: std::net::SocketAddr::from(([127, 0, 0, 1], 8443)),
            webhook_secret: None,
            broadcast_rate: FREE_BROADCAST_LIMIT,
            paid_broadcast: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("configuration {}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    #[error("environment variable {name}: {message}")]
    Env { name: String, message: String },
    #[error("configuration: {0}")]
    Invalid(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    languages: Option<Vec<String>>,
    staff: Option<Vec<i64>>,
    staff_chat: Option<i64>,
    content_dir: Option<PathBuf>,
    locales_dir: Option<PathBuf>,
    flood_per_minute: Option<u32>,
    retention_days: Option<u32>,
    http_addr: Option<String>,
    webhook_url: Option<String>,
    webhook_listen: Option<String>,
    broadcast_rate: Option<u32>,
    paid_broadcast: Option<bool>,
}

pub const DEFAULT_FILE: &str = "netplus.toml";

impl Config {
    /// Reads the file (an explicit path must exist; the default one may not) and
    /// applies the process environment.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        Config::load_with(path, |k| std::env::var(k).ok())
    }

    pub fn load_with(
        path: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let file = match path {
            Some(p) => Some(read(p)?),
            None if Path::new(DEFAULT_FILE).exists() => Some(read(Path::new(DEFAULT_FILE))?),
            None => None,
        }
        .unwrap_or_default();
        let mut c = Config::default();
        if let Some(v) = file.data_dir {
            c.data_dir = v;
        }
        if let Some(v) = file.languages {
            c.languages = v;
        }
        if let Some(v) = file.staff {
            c.staff = v;
        }
        c.staff_chat = file.staff_chat;
        if let Some(v) = file.content_dir {
            c.content_dir = v;
        }
        if let Some(v) = file.locales_dir {
            c.locales_dir = v;
        }
        if let Some(v) = file.flood_per_minute {
            c.flood_per_minute = v;
        }
        if let Some(v) = file.retention_days {
            c.retention_days = v;
        }
        let addr = |name: &str, s: &str| -> Result<Option<std::net::SocketAddr>, ConfigError> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            s.trim().parse().map(Some).map_err(|_| ConfigError::Env {
                name: name.into(),
                message: format!("{s:?} is not an address like 127.0.0.1:9187"),
            })
        };
        if let Some(v) = &file.http_addr {
            c.http_addr = addr("http_addr", v)?;
        }
        c.webhook_url = file.webhook_url.clone();
        if let Some(v) = &file.webhook_listen {
            c.webhook_listen = addr("webhook_listen", v)?.unwrap_or(c.webhook_listen);
        }
        let list = |s: &str| {
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        if let Some(v) = file.broadcast_rate {
            c.broadcast_rate = v;
        }
        if let Some(v) = file.paid_broadcast {
            c.paid_broadcast = v;
        }
        let int = |name: &str, s: &str| {
            s.trim().parse::<i64>().map_err(|_| ConfigError::Env {
                name: name.into(),
                message: format!("{s:?} is not a whole number"),
            })
        };
        if let Some(v) = env("NETPLUS_DATA_DIR") {
            c.data_dir = v.into();
        }
        if let Some(v) = env("NETPLUS_LANGUAGES") {
            c.languages = list(&v);
        }
        if let Some(v) = env("NETPLUS_STAFF") {
            c.staff = list(&v)
                .iter()
                .map(|s| int("NETPLUS_STAFF", s))
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = env("NETPLUS_STAFF_CHAT") {
            c.staff_chat = if v.trim().is_empty() {
                None
            } else {
                Some(int("NETPLUS_STAFF_CHAT", &v)?)
            };
        }
        if let Some(v) = env("NETPLUS_CONTENT_DIR") {
            c.content_dir = v.into();
        }
        if let Some(v) = env("NETPLUS_LOCALES_DIR") {
            c.locales_dir = v.into();
        }
        let count = |name: &str, s: &str| {
            s.trim().parse::<u32>().map_err(|_| ConfigError::Env {
                name: name.into(),
                message: format!("{s:?} is not a whole number ≥ 0"),
            })
        };
        if let Some(v) = env("NETPLUS_FLOOD_PER_MINUTE") {
            c.flood_per_minute = count("NETPLUS_FLOOD_PER_MINUTE", &v)?;
        }
        if let Some(v) = env("NETPLUS_RETENTION_DAYS") {
            c.retention_days = count("NETPLUS_RETENTION_DAYS", &v)?;
        }
        if let Some(v) = env("NETPLUS_HTTP_ADDR") {
            c.http_addr = addr("NETPLUS_HTTP_ADDR", &v)?;
        }
        if let Some(v) = env("NETPLUS_WEBHOOK_URL") {
            c.webhook_url = Some(v).filter(|v| !v.trim().is_empty());
        }
        if let Some(v) = env("NETPLUS_WEBHOOK_LISTEN") {
            c.webhook_listen = addr("NETPLUS_WEBHOOK_LISTEN", &v)?.unwrap_or(c.webhook_listen);
        }
        c.webhook_secret = env("NETPLUS_WEBHOOK_SECRET").filter(|v| !v.is_empty());
        if let Some(v) = env("NETPLUS_BROADCAST_RATE") {
            c.broadcast_rate = v.trim().parse().map_err(|_| ConfigError::Env {
                name: "NETPLUS_BROADCAST_RATE".into(),
                message: format!("{v:?} is not a whole number of messages per second"),
            })?;
        }
        if let Some(v) = env("NETPLUS_PAID_BROADCAST") {
            c.paid_broadcast = match v.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" | "" => false,
                _ => {
                    return Err(ConfigError::Env {
                        name: "NETPLUS_PAID_BROADCAST".into(),
                        message: format!("{v:?} is not true or false"),
                    })
                }
            };
        }
        c.validate()?;
        Ok(c)
    }

    /// The broadcast rate in force: the configured one, within Telegram's ceiling.
    pub fn broadcast_limit(&self) -> u32 {
        let ceiling = if self.paid_broadcast {
            PAID_BROADCAST_LIMIT
        } else {
            FREE_BROADCAST_LIMIT
        };
        self.broadcast_rate.min(ceiling)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.broadcast_rate == 0 {
            return Err(ConfigError::Invalid(
                "broadcast_rate must be at least 1 message per second".into(),
            ));
        }
        if self.languages.is_empty() {
            return Err(ConfigError::Invalid(
                "languages must name at least one locale folder".into(),
            ));
        }
        for (i, l) in self.languages.iter().enumerate() {
            if self.languages[..i].contains(l) {
                return Err(ConfigError::Invalid(format!(
                    "language {l} is listed twice"
                )));
            }
            if l.parse::<unic_langid::LanguageIdentifier>().is_err() {
                return Err(ConfigError::Invalid(format!("{l:?} is not a language tag")));
            }
        }
        Ok(())
    }
}

fn read(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.into(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| crate::content::line_of(&text, s.start))
            .unwrap_or(1);
        ConfigError::Parse {
            path: path.into(),
            message: format!("line {line}: {}", crate::content::toml_message(&e)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn defaults_then_file_then_environment() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("n.toml");
        std::fs::write(
            &f,
            "data_dir = \"/var/lib/netplus\"\nlanguages = [\"bo\", \"zh-CN\"]\nstaff = [1, 2]\n",
        )
        .unwrap();
        let c = Config::load_with(Some(&f), env(&[])).unwrap();
        assert_eq!(c.data_dir, PathBuf::from("/var/lib/netplus"));
        assert_eq!(c.languages, ["bo", "zh-CN"]);
        assert_eq!(c.staff, [1, 2]);
        let c = Config::load_with(
            Some(&f),
            env(&[
                ("NETPLUS_LANGUAGES", "ug, bo"),
                ("NETPLUS_STAFF", "5,6"),
                ("NETPLUS_STAFF_CHAT", "-100123"),
            ]),
        )
        .unwrap();
        assert_eq!(c.languages, ["ug", "bo"]);
        assert_eq!(c.staff, [5, 6]);
        assert_eq!(c.staff_chat, Some(-100123));
    }

    #[test]
    fn bad_values_are_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("n.toml");
        std::fs::write(&f, "data_dir = \"x\"\nlanguagez = [\"bo\"]\n").unwrap();
        let e = Config::load_with(Some(&f), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("languagez"), "{e}");
        let e = Config::load_with(None, env(&[("NETPLUS_STAFF", "12,abc")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("NETPLUS_STAFF") && e.contains("abc"), "{e}");
        assert!(Config::load_with(None, env(&[("NETPLUS_LANGUAGES", " , ")])).is_err());
        assert!(Config::load_with(None, env(&[("NETPLUS_LANGUAGES", "bo,bo")])).is_err());
        assert!(Config::load_with(Some(Path::new("/nonexistent/n.toml")), env(&[])).is_err());
    }

    #[test]
    fn broadcast_rate_stays_within_telegrams_ceiling() {
        let c = Config::load_with(None, env(&[])).unwrap();
        assert_eq!(
            (c.broadcast_rate, c.paid_broadcast, c.broadcast_limit()),
            (30, false, 30)
        );
        let c = Config::load_with(None, env(&[("NETPLUS_BROADCAST_RATE", "500")])).unwrap();
        assert_eq!(
            c.broadcast_limit(),
            30,
            "without paid broadcasts the ceiling is 30/s"
        );
        let c = Config::load_with(
            None,
            env(&[
                ("NETPLUS_BROADCAST_RATE", "5000"),
                ("NETPLUS_PAID_BROADCAST", "true"),
            ]),
        )
        .unwrap();
        assert_eq!(c.broadcast_limit(), 1000);
        let c = Config::load_with(None, env(&[("NETPLUS_BROADCAST_RATE", "10")])).unwrap();
        assert_eq!(c.broadcast_limit(), 10);
        assert!(Config::load_with(None, env(&[("NETPLUS_BROADCAST_RATE", "0")])).is_err());
        assert!(Config::load_with(None, env(&[("NETPLUS_BROADCAST_RATE", "fast")])).is_err());
        assert!(Config::load_with(None, env(&[("NETPLUS_PAID_BROADCAST", "maybe")])).is_err());
    }
}
