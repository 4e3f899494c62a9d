//! Locale parity with Mozilla's compare-locales (installed by `.ci/run`):
//! zh-CN is the reference; bo and ug must have 0 errors, 0 missing and 0 obsolete
//! strings. Its exit code ignores missing strings, so the JSON summary is read.

use std::process::Command;

#[test]
fn compare_locales_finds_nothing_missing() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("compare-locales")
        .args(["--json", "-", "l10n.toml", "."])
        .current_dir(root)
        .output()
        .expect("compare-locales is not installed: pip install -r requirements-dev.txt");
    let text = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("compare-locales output is not JSON ({e}): {text}"));
    let summary = &json[0]["summary"];
    for lang in ["bo", "ug"] {
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
