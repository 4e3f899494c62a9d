//! The crawler over a copy of the shipped content with one message or label
//! made too long: it must be reported, in its language, with the taps to it.

use super::*;
use crate::config::Config;
use std::path::Path;

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

/// The shipped content and locales with `edit` applied to `locales/<file>`.
fn world_with(file: &str, edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, World) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("content"), &dir.path().join("content"));
    copy_dir(&root.join("locales"), &dir.path().join("locales"));
    let path = dir.path().join("locales").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let new = edit(text.clone());
    assert_ne!(new, text, "the edit changed nothing");
    std::fs::write(&path, new).unwrap();
    let cfg = Config {
        content_dir: dir.path().join("content"),
        locales_dir: dir.path().join("locales"),
        ..Config::default()
    };
    let world = World::load(&cfg).expect("the edited copy still loads");
    (dir, world)
}

fn replace_line(text: String, id: &str, value: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with(&format!("{id} =")) {
                format!("{id} = {value}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

const TODAY: &str = "2026-11-30";

#[test]
fn a_message_over_the_budget_is_reported_with_the_taps_to_it() {
    // One sentence repeated: 30 × 21 = 630 characters on the package list.
    let long = "请选择一个套餐看详情，价格和流量都在按钮上。".repeat(30);
    let (_dir, world) = world_with("zh-CN/main.ftl", |t| {
        replace_line(t, "packages-title", &long)
    });
    let report = crawl(&world, TODAY, &Options::default());
    let hit = report.findings.iter().find_map(|f| match f {
        Finding::Screen {
            lang,
            path,
            text,
            chars,
            lines,
            ..
        } if lang == "zh-CN" && text.starts_with(&long) => Some((path, *chars, *lines)),
        _ => None,
    });
    let Some((path, chars, lines)) = hit else {
        panic!("not reported: {:#?}", report.findings);
    };
    assert!(chars > SCREEN_CHARS, "{chars}");
    assert!(lines > SCREEN_LINES, "{lines}");
    // The shortest way there: start, choose Chinese, open the packages.
    assert_eq!(path, &["/start", "1L:zh-CN", "1p"], "{path:?}");
    let shown = hit_line(&report, "zh-CN", &long);
    assert!(
        shown.starts_with("screen /start › 1L:zh-CN › 1p in zh-CN: "),
        "{shown}"
    );
    // The same screen in the other languages is not over.
    assert!(!report
        .findings
        .iter()
        .any(|f| matches!(f, Finding::Screen { lang, path, .. } if lang != "zh-CN" && path.last().is_some_and(|s| s == "1p") && path.len() == 3)));
}

fn hit_line(report: &Report, lang: &str, start: &str) -> String {
    report
        .findings
        .iter()
        .find(|f| matches!(f, Finding::Screen { lang: l, text, .. } if l == lang && text.starts_with(start)))
        .map(|f| f.to_string())
        .unwrap_or_default()
}

#[test]
fn a_label_too_wide_for_its_row_is_reported() {
    // "Back" shares its row with "menu" on every card: 15 columns each.
    let long = "ཕྱིར་ལོག་ཕྱིར་ལོག་ཕྱིར་ལོག";
    let (_dir, world) = world_with("bo/main.ftl", |t| replace_line(t, "btn-back", long));
    let report = crawl(&world, TODAY, &Options::default());
    let found = report.findings.iter().find(|f| {
        matches!(f, Finding::Button { lang, label, row: 2, budget: 15, columns, .. }
            if lang == "bo" && label.ends_with(long) && *columns > 15)
    });
    let Some(found) = found else {
        panic!("not reported: {:#?}", report.findings);
    };
    assert!(
        found.to_string().contains("15 fit in a row of 2"),
        "{found}"
    );
    let (_, labels) = report.per_lang()["bo"];
    assert!(labels >= 1);
}

#[test]
fn the_walk_reaches_every_kind_of_screen() {
    let (_dir, world) = world_with("zh-CN/main.ftl", |t| t + "\n# unchanged\n");
    let report = crawl(&world, TODAY, &Options::default());
    assert!(!report.truncated, "the bounds cut the walk");
    // Menu, packages, cards, apply, every quiz answer, FAQ groups and answers,
    // staff dialogues: hundreds of screens per language.
    assert!(report.states > 1_000, "{}", report.states);
}
