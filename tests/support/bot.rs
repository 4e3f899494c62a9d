//! The real `netplus serve` binary as a child process, against the fake Bot API.
#![allow(dead_code)]

use super::fake_tg::FakeTelegram;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub struct BotProcess {
    child: Option<Child>,
    pub data: PathBuf,
    pub log: PathBuf,
    api: String,
    extra_env: Vec<(String, String)>,
    args: Vec<String>,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl BotProcess {
    /// Starts `netplus serve` with its store in `data`.
    pub fn start(tg: &FakeTelegram, data: &Path) -> BotProcess {
        BotProcess::start_with(tg, data, &[])
    }

    pub fn start_with(tg: &FakeTelegram, data: &Path, env: &[(&str, &str)]) -> BotProcess {
        let mut b = BotProcess {
            child: None,
            data: data.to_path_buf(),
            log: data.with_extension("log"),
            api: tg.url(),
            extra_env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            args: vec!["serve".to_string()],
        };
        b.spawn();
        b
    }

    fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("log file");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_netplus"));
        cmd.args(&self.args)
            .current_dir(root())
            .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
            .env("TELOXIDE_API_URL", &self.api)
            .env("NETPLUS_DATA_DIR", &self.data)
            .env("NETPLUS_CONTENT_DIR", root().join("content"))
            .env("NETPLUS_LOCALES_DIR", root().join("locales"))
            .env_remove("NETPLUS_LANGUAGES")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log));
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        self.child = Some(cmd.spawn().expect("netplus serve starts"));
    }

    /// kill -9: no chance to flush or finish anything.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM, then wait for a clean exit.
    pub fn stop(&mut self) -> std::process::ExitStatus {
        let mut c = self.child.take().expect("running");
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(c.id().to_string())
            .status();
        c.wait().expect("bot exits")
    }

    /// SIGTERM, then wait at most `limit` for the exit; `None` if it did not
    /// exit in time (the process is then killed).
    pub fn stop_within(&mut self, limit: std::time::Duration) -> Option<std::process::ExitStatus> {
        let mut c = self.child.take().expect("running");
        let pid = c.id();
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status();
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let _ = tx.send(c.wait());
        });
        let out = rx.recv_timeout(limit).ok().and_then(Result::ok);
        if out.is_none() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(pid.to_string())
                .status();
        }
        let _ = waiter.join();
        out
    }

    /// Other arguments than `serve` (then `restart_now`).
    pub fn set_args(&mut self, args: &[&str]) {
        self.args = args.iter().map(|a| a.to_string()).collect();
    }

    /// Kills the running process (if any) and starts again.
    pub fn restart_now(&mut self) {
        self.kill9();
        self.spawn();
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "stop or kill first");
        self.spawn();
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        self.kill9();
    }
}
