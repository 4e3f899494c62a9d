//! The `netplus` binary's offline commands: `check` on good and broken content and
//! locales, and golden transcripts of `netplus chat` in every language.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn netplus(args: &[&str], envs: &[(&str, &Path)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_netplus"));
    cmd.args(args)
        .current_dir(root())
        .env_remove("NETPLUS_LANGUAGES")
        .env("NETPLUS_CONTENT_DIR", root().join("content"))
        .env("NETPLUS_LOCALES_DIR", root().join("locales"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("netplus runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A writable copy of content/ and locales/ to break.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root().join("content"), &dir.path().join("content"));
        copy_dir(&root().join("locales"), &dir.path().join("locales"));
        Fixture { dir }
    }

    fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let p = self.dir.path().join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        let new = f(text.clone());
        assert_ne!(new, text, "the edit of {rel} changed nothing");
        std::fs::write(p, new).unwrap();
    }

    fn check(&self) -> (bool, String) {
        self.check_with(&["check"])
    }

    fn check_with(&self, args: &[&str]) -> (bool, String) {
        let out = netplus(
            args,
            &[
                ("NETPLUS_CONTENT_DIR", &self.dir.path().join("content")),
                ("NETPLUS_LOCALES_DIR", &self.dir.path().join("locales")),
            ],
            None,
        );
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned()
                + &String::from_utf8_lossy(&out.stdout),
        )
    }
}

#[test]
fn check_passes_on_the_shipped_content() {
    let (ok, out) = Fixture::new().check();
    assert!(ok, "{out}");
    assert!(out.contains("ok: 7 packages"), "{out}");
}

#[test]
fn check_warns_about_a_screen_too_long_for_a_phone_and_strict_fails_on_it() {
    let f = Fixture::new();
    let long = "请选择一个套餐看详情，价格和流量都在按钮上。".repeat(30);
    f.edit("locales/zh-CN/main.ftl", |t| {
        t.replace(
            "packages-title = 请选择一个套餐看详情：",
            &format!("packages-title = {long}"),
        )
    });
    let (ok, out) = f.check();
    assert!(
        ok,
        "a phone-fit warning alone does not fail the check: {out}"
    );
    assert!(
        out.contains("warning: screen /start › 1L:zh-CN › 1p in zh-CN: "),
        "{out}"
    );
    let (ok, out) = f.check_with(&["check", "--strict"]);
    assert!(!ok, "{out}");
    assert!(out.contains("› 1p in zh-CN: "), "{out}");
    assert!(out.contains("phone-fit problem(s) (--strict)"), "{out}");
}

#[test]
fn check_fails_on_a_missing_message_naming_the_file() {
    let f = Fixture::new();
    f.edit("locales/ug/main.ftl", |t| {
        t.lines()
            .filter(|l| !l.starts_with("menu-ask ="))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    let (ok, out) = f.check();
    assert!(!ok, "{out}");
    assert!(
        out.contains("locales/ug") && out.contains("missing message menu-ask"),
        "{out}"
    );
}

#[test]
fn check_fails_on_a_fluent_syntax_error_with_its_line() {
    let f = Fixture::new();
    f.edit("locales/bo/main.ftl", |t| {
        t.replacen("menu-title =", "menu-title = { $broken\nx =", 1)
    });
    let (ok, out) = f.check();
    assert!(!ok, "{out}");
    let line = std::fs::read_to_string(f.dir.path().join("locales/bo/main.ftl"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("menu-title ="))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!("locales/bo/main.ftl:{line}:")),
        "expected line {line}: {out}"
    );
}

#[test]
fn check_fails_on_a_variable_mismatch() {
    let f = Fixture::new();
    f.edit("locales/bo/main.ftl", |t| {
        t.lines()
            .map(|l| {
                if l.starts_with("price-month =") {
                    "price-month = { $price }".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let (ok, out) = f.check();
    assert!(
        !ok && out.contains("price-month") && out.contains("variables"),
        "{out}"
    );
}

#[test]
fn check_fails_on_a_rule_pointing_to_an_unknown_package_or_question() {
    let f = Fixture::new();
    f.edit("content/packages.toml", |t| {
        t.replacen("try = \"gift\"", "try = \"no-such-package\"", 1)
    });
    let (ok, out) = f.check();
    assert!(!ok, "{out}");
    assert!(
        out.contains("packages.toml:") && out.contains("no-such-package"),
        "{out}"
    );

    let f = Fixture::new();
    f.edit("content/packages.toml", |t| {
        t.replacen("\"age=60-plus\"", "\"age=61-plus\"", 1)
    });
    let (ok, out) = f.check();
    assert!(!ok && out.contains("61-plus"), "{out}");
}

#[test]
fn check_fails_when_data_needs_a_message_no_locale_has() {
    let f = Fixture::new();
    f.edit("content/counties.toml", |t| {
        t + "\n[[county]]\ncode = \"999999\"\n"
    });
    let (ok, out) = f.check();
    assert!(!ok && out.contains("county-999999"), "{out}");
}

/// Every `tests/golden/<name>-<lang>.in` typed into `netplus chat --lang <lang>`
/// must give `<name>-<lang>.txt`: the general tours (`chat-*`) and the personas
/// (`persona-<who>-*`, one per language each, see `tests/golden/README.md`). Set
/// UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then read the diff.
#[test]
fn golden_chat_transcripts() {
    let dir = root().join("tests/golden");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "in"))
        .collect();
    inputs.sort();
    let mut failed = Vec::new();
    let mut seen = 0;
    for path in inputs {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let lang = ["zh-CN", "bo", "ug"]
            .into_iter()
            .find(|l| stem.ends_with(&format!("-{l}")))
            .unwrap_or_else(|| panic!("{stem}.in: the name must end in -zh-CN, -bo or -ug"));
        let input = std::fs::read_to_string(&path).unwrap();
        let out = netplus(&["chat", "--lang", lang, "--echo"], &[], Some(&input));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        seen += 1;
        let got = String::from_utf8(out.stdout).unwrap();
        let path = dir.join(format!("{stem}.txt"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            failed.push(format!("{stem}: transcript differs from {} (UPDATE_GOLDEN=1 rewrites it)\n--- got ---\n{got}", path.display()));
        }
    }
    assert!(seen >= 3, "the golden transcripts are missing");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn chat_refuses_a_language_that_is_not_enabled() {
    let out = netplus(&["chat", "--lang", "fr"], &[], Some(""));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not enabled"));
}

/// `netplus chat --staff` rehearses a broadcast up to the confirm and the
/// inbox: the sends are shown, nothing is sent or stored. Without `--staff` the
/// same commands are not staff's to use.
#[test]
fn chat_staff_rehearses_a_broadcast_and_the_inbox() {
    // Text in zh-CN, skip bo and ug (button 1), everyone (1), now (1), the
    // others get the zh-CN text (1), confirm (1); then an unanswerable question
    // lands in the inbox that /unanswered shows.
    let input = "/broadcast\n明天上午停电检修\n1\n1\n1\n1\n1\n1\n牦牛多少钱一头\n/unanswered\n";
    let out = netplus(&["chat", "--lang", "zh-CN", "--staff"], &[], Some(input));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("⟶ sample audience: zh-CN 8, bo 7, ug 7"),
        "{text}"
    );
    assert!(text.contains("预览：下面这条会发给 8 位用户"), "{text}");
    assert!(
        text.contains("⟶ REHEARSAL, nothing is sent: the job would go to 22 users"),
        "{text}"
    );
    assert!(
        text.contains("⟶ to 8 × zh-CN (text in zh-CN): 明天上午停电检修"),
        "{text}"
    );
    assert!(
        text.contains("⟶ to 7 × bo (text in zh-CN): 明天上午停电检修"),
        "{text}"
    );
    assert!(
        text.contains("⟶ would record in the unanswered inbox (zh-CN): 牦牛多少钱一头"),
        "{text}"
    );
    // The inbox lists the question (not "no open questions").
    let inbox = text.rsplit("⟶ would record").next().unwrap_or_default();
    assert!(
        inbox.contains("牦牛多少钱一头") && !inbox.contains("没有待处理的问题"),
        "{text}"
    );

    let user = netplus(&["chat", "--lang", "zh-CN"], &[], Some("/broadcast\n"));
    let text = String::from_utf8_lossy(&user.stdout);
    assert!(!text.contains("预览"), "{text}");
    assert!(!text.contains("⟶ sample audience"), "{text}");
}

/// The FAQ evaluation set, with the 90 % top-1 threshold enforced per language.
#[test]
fn faq_eval_meets_the_threshold_in_every_language() {
    let out = netplus(&["faq-eval", "tests/data/faq-eval.tsv"], &[], None);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    for lang in ["zh-CN", "bo", "ug"] {
        assert!(text.contains(lang), "{text}");
    }
}

#[test]
fn faq_eval_fails_below_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("wrong.tsv");
    std::fs::write(&f, "zh-CN\t怎么充话费\tscam\n").unwrap();
    let out = netplus(&["faq-eval", f.to_str().unwrap()], &[], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("below"));
}

#[test]
fn ask_explains_its_match() {
    let out = netplus(&["ask", "--lang", "ug", "話費怎麼充值"], &[], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1. top-up (zh-CN)"), "{text}");
    assert!(text.contains("confident"), "{text}");
}

/// `netplus backup` and `netplus restore` through the command line.
#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (data, copy, back) = (
        dir.path().join("data"),
        dir.path().join("copy"),
        dir.path().join("back"),
    );
    {
        let s = netplus::store::Store::open(&data).unwrap();
        let p = netplus::engine::Profile {
            lang: Some("bo".into()),
            ..Default::default()
        };
        s.put_profile(42, &p).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(s.flush()).unwrap();
    }
    let out = netplus(
        &["backup", copy.to_str().unwrap()],
        &[("NETPLUS_DATA_DIR", &data)],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = netplus(
        &["restore", copy.to_str().unwrap()],
        &[("NETPLUS_DATA_DIR", &data)],
        None,
    );
    assert!(
        !out.status.success(),
        "restoring over a store that exists is refused"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    let out = netplus(
        &["restore", copy.to_str().unwrap()],
        &[("NETPLUS_DATA_DIR", &back)],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = netplus::store::Store::open(&back).unwrap();
    assert!(
        matches!(s.profile(42).unwrap(), netplus::store::Loaded::Found(p) if p.lang.as_deref() == Some("bo"))
    );
}
