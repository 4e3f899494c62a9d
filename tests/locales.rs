//! Locale parity with Mozilla's compare-locales (installed by `.ci/run`):
//! the first row of `locales/languages.toml` is the reference; every other language of `locales/languages.toml`
//! must have 0 errors, 0 missing and 0 obsolete strings. Its exit code ignores
//! missing strings, so the JSON summary is read.

use std::process::Command;

use netplus::text::Languages;

#[test]
fn compare_locales_finds_nothing_missing() {
    let root = env!("CARGO_MANIFEST_DIR");
    let table_file = format!("{root}/locales/languages.toml");
    let table = std::fs::read_to_string(&table_file).expect("locales/languages.toml");
    let table = Languages::parse(&table_file, &table).unwrap_or_else(|e| panic!("{e}"));
    let langs: Vec<&str> = table
        .all()
        .iter()
        .map(|l| l.code.as_str())
        .filter(|c| *c != table.reference())
        .collect();
    assert!(!langs.is_empty());
    // l10n.toml names no locales: they come from the table.
    let config = std::fs::read_to_string(format!("{root}/l10n.toml")).expect("l10n.toml");
    let list: Vec<String> = langs.iter().map(|l| format!("{l:?}")).collect();
    let config = config.replace(
        "locales/zh-CN/*.ftl",
        &format!("locales/{}/*.ftl", table.reference()),
    );
    let config = config.replacen(
        "basepath = \".\"",
        &format!("basepath = {root:?}\nlocales = [{}]", list.join(", ")),
        1,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("l10n.toml");
    std::fs::write(&file, config).expect("write l10n.toml");
    let out = Command::new("compare-locales")
        .args(["--json", "-"])
        .arg(&file)
        .arg(root)
        .current_dir(root)
        .output()
        .expect("compare-locales is not installed: pip install -r requirements-dev.txt");
    let text = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("compare-locales output is not JSON ({e}): {text}"));
    let summary = &json[0]["summary"];
    for lang in langs {
        let s = &summary[lang];
        assert!(s.is_object(), "no summary for {lang}: {summary}");
        for key in ["errors", "missing", "obsolete"] {
            let n = s.get(key).and_then(|v| v.as_u64()).unwrap_or(0);
            assert_eq!(
                n, 0,
                "{lang}: {n} {key} strings; details: {}",
                json[0]["details"]
            );
        }
    }
}
