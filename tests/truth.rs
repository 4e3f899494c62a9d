//! One truth in the content (issue 9, item 9), on the shipped content and
//! locales: a package has one name and its numbers come from the catalogue in
//! every language, the FAQ agrees with the cards, and `netplus check` (the
//! check `World::load` runs) refuses content that would contradict itself again.

use crate::support;

use netplus::app::World;
use netplus::config::Config;
use netplus::engine::{self, Action, Input, Line, Profile, State};
use support::world::{t, world};

const TODAY: &str = "2026-11-30";
const LANGS: [&str; 3] = ["zh-CN", "bo", "ug"];

/// The words of a locale's terms (`-pkg-village` → its name).
fn term(lang: &str, id: &str) -> String {
    let text =
        std::fs::read_to_string(support::bot::root().join(format!("locales/{lang}/terms.ftl")))
            .unwrap();
    netplus::faq::plain_terms(&[&text])
        .remove(id)
        .unwrap_or_else(|| panic!("{lang}: no term -{id}"))
}

/// The shipped content and locales copied to a temporary folder, with `edit`
/// applied to one file (a path under the root, e.g. `content/packages.toml`).
fn edited(file: &str, edit: impl Fn(&str) -> String) -> (tempfile::TempDir, Config, String) {
    let root = support::bot::root();
    let dir = tempfile::tempdir().unwrap();
    for sub in [
        "content",
        "locales",
        "locales/zh-CN",
        "locales/bo",
        "locales/ug",
    ] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.path().is_file() {
                std::fs::copy(e.path(), dir.path().join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    let path = dir.path().join(file);
    let text = edit(&std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &text).unwrap();
    let cfg = Config {
        content_dir: dir.path().join("content"),
        locales_dir: dir.path().join("locales"),
        ..Config::default()
    };
    (dir, cfg, text)
}

fn refused(cfg: &Config) -> String {
    World::load(cfg).err().expect("refused").to_string()
}

fn line_with(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// The village package is called by one name on its card, in the FAQ's
/// title, in its answers and in the price list, in every language.
#[test]
fn a_package_has_one_name_everywhere() {
    let w = world();
    for lang in LANGS {
        let name = t(&w, lang, "pkg-village-name");
        assert_eq!(name, term(lang, "pkg-village"), "{lang}");
        assert_eq!(
            t(&w, lang, "faq-support-package-title").trim_end_matches('།'),
            name
        );
        for id in [
            "faq-support-package-a",
            "faq-fees-a",
            "faq-documents-a",
            "faq-disability-a",
            "faq-eligibility-a",
        ] {
            assert!(
                t(&w, lang, id).contains(&name),
                "{lang} {id}: {}",
                t(&w, lang, id)
            );
        }
    }
}

/// The FAQ's numbers are the catalogue's: change a price, a data amount and
/// the minutes in `packages.toml` and the answers say the new numbers, with
/// no locale edited.
#[test]
fn faq_answers_follow_the_catalogue() {
    let (_dir, cfg, _) = edited("content/packages.toml", |t| {
        t.replacen("monthly_fee = \"8\"", "monthly_fee = \"7.5\"", 1)
            .replacen("data_gb = 10", "data_gb = 12", 1)
            .replacen("minutes = 200", "minutes = 250", 1)
    });
    let w = World::load(&cfg).unwrap_or_else(|e| panic!("{e}"));
    for lang in LANGS {
        let fees = t(&w, lang, "faq-fees-a");
        assert!(fees.contains("7.5"), "{lang}: {fees}");
        let data = t(&w, lang, "faq-data-and-minutes-a");
        assert!(
            data.contains("12") && data.contains("250"),
            "{lang}: {data}"
        );
        assert!(!data.contains("200"), "{lang}: {data}");
        let disability = t(&w, lang, "faq-disability-a");
        assert!(disability.contains("7.5"), "{lang}: {disability}");
    }
}

/// What the FAQ says agrees with the cards and the rules: the documents
/// answer names the dibao and disability certificates the card asks for, the
/// disability answer says the county must be designated (as the rule does),
/// the gift is for new users, and no-signal keeps its second half in bo and ug.
#[test]
fn the_faq_agrees_with_the_cards_and_the_rules() {
    let w = world();
    let designated = [
        ("zh-CN", "定点县"),
        ("bo", "གཏན་འཁེལ་རོགས་སྐྱོར་རྫོང"),
        ("ug", "بەلگىلەنگەن ياردەم ناھىيىسى"),
    ];
    let committee = [
        ("zh-CN", "村委会"),
        ("bo", "ཨུ་ཡོན་ལྷན་ཁང"),
        ("ug", "كەنت كومىتېتى"),
    ];
    for (i, lang) in LANGS.into_iter().enumerate() {
        let bring = t(&w, lang, "pkg-village-bring");
        let documents = t(&w, lang, "faq-documents-a");
        for id in ["dibao-card", "disability-card", "id-card"] {
            let word = term(lang, id);
            assert!(bring.contains(&word), "{lang} card: {word}");
            assert!(documents.contains(&word), "{lang} faq-documents-a: {word}");
        }
        for id in [
            "faq-disability-a",
            "faq-eligibility-a",
            "faq-support-package-a",
            "pkg-village-who",
            "faq-bilingual-phone-a",
        ] {
            assert!(
                t(&w, lang, id).contains(designated[i].1),
                "{lang} {id}: {}",
                t(&w, lang, id)
            );
        }
        let gift = t(&w, lang, "faq-free-gift-a");
        assert!(gift.contains(&term(lang, "pkg-gift")), "{lang}: {gift}");
        assert!(
            t(&w, lang, "faq-no-signal-a").contains(committee[i].1),
            "{lang}"
        );
    }
}

/// In a county that is not designated, the package list shows nothing that
/// nobody there can get (the village package and the bilingual phone need a
/// designated county), and every card names the counties it is offered in.
#[test]
fn a_county_is_shown_only_what_can_be_had_there() {
    let w = world();
    let ctx = w.ctx(TODAY);
    let mut p = Profile {
        lang: Some("zh-CN".into()),
        ..Profile::default()
    };
    let out = engine::step(&ctx, &mut p, State::New, Input::from_text("/start 540123"));
    let out = engine::step(&ctx, &mut p, out.state, Input::from_text("/packages"));
    let county = w.content.county("540123").expect("sample county");
    let shown: Vec<String> = out.replies[0]
        .flat_buttons()
        .filter_map(|b| match &b.action {
            Action::Package(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    assert!(!shown.is_empty());
    assert!(
        !shown
            .iter()
            .any(|id| id == "village" || id == "bilingual-phone"),
        "{shown:?}"
    );
    for id in &shown {
        let pkg = w.content.package(id).unwrap();
        assert!(
            netplus::content::rules::possible_in(&w.content, pkg, county),
            "{id}"
        );
    }
    // "All counties" only where the rule passes in every county.
    for pkg in &w.content.packages {
        if pkg.counties.is_empty() {
            assert!(
                w.content
                    .counties
                    .iter()
                    .all(|c| netplus::content::rules::possible_in(&w.content, pkg, c)),
                "{}",
                pkg.id
            );
        }
    }
    let card = w.render(
        &p,
        &engine::view(
            &ctx,
            &p,
            &State::Package {
                id: "village".into(),
            },
        ),
    );
    assert!(
        !card.text.contains(&t(&w, "zh-CN", "package-counties-all")),
        "{}",
        card.text
    );
    assert!(card
        .text
        .contains(&w.l10n.line("zh-CN", &Line::new("county-540121"))));
}

/// The check refuses, with file and line: a package listing a county where
/// its rule can never pass, a package shown in every county that some county
/// cannot get, and a FAQ answer that writes a catalogue number itself.
#[test]
fn check_refuses_content_that_contradicts_itself() {
    let (_d, cfg, text) = edited("content/packages.toml", |t| {
        t.replace("counties = [\"540121\", \"540122\", \"653121\", \"653122\", \"653221\"]\nall = [\"county=yes\"]\ntry = \"phone\"",
            "counties = [\"540121\", \"540122\",\n  \"540123\", \"653121\", \"653122\", \"653221\"]\nall = [\"county=yes\"]\ntry = \"phone\"")
    });
    let err = refused(&cfg);
    let line = line_with(&text, "  \"540123\"");
    assert!(
        err.contains(&format!(
            "packages.toml:{line}: package bilingual-phone lists county 540123"
        )),
        "{err}"
    );

    let (_d, cfg, text) = edited("content/packages.toml", |t| {
        t.replacen(
            "counties = [\"540121\", \"540122\", \"653121\", \"653122\", \"653221\"]\n",
            "",
            1,
        )
    });
    let err = refused(&cfg);
    let line = line_with(&text, "id = \"village\"");
    assert!(
        err.contains(&format!(
            "packages.toml:{line}: package village lists no counties"
        )) && err.contains("540123"),
        "{err}"
    );

    for lang in LANGS {
        let file = format!("locales/{lang}/faq.ftl");
        // The variable stays (the languages keep the same variables); the
        // number written beside it is refused.
        let (_d, cfg, text) = edited(&file, |t| {
            t.lines()
                .map(|l| match l.starts_with("faq-broadband-a") {
                    true => l.replace("{ $pkg-broadband-fee }", "{ $pkg-broadband-fee } (30)"),
                    false => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        let err = refused(&cfg);
        let line = line_with(&text, "faq-broadband-a =");
        assert!(
            err.contains(&format!("{lang}/faq.ftl:{line}: faq-broadband-a writes 30"))
                && err.contains("{ $pkg-broadband-fee }"),
            "{err}"
        );
    }

    // A term's word written out instead of the term.
    let (_d, cfg, text) = edited("locales/ug/faq.ftl", |t| {
        t.replacen("{ -service-hall }غا", "مۇلازىمەت زالىغا", 1)
    });
    let err = refused(&cfg);
    let line = 1 + text
        .lines()
        .position(|l| l.contains("-a = ") && l.contains("مۇلازىمەت زالىغا"))
        .unwrap();
    assert!(
        err.contains(&format!("ug/faq.ftl:{line}:")) && err.contains("the term -service-hall"),
        "{err}"
    );

    // A language without one of the reference's terms.
    let (_d, cfg, _) = edited("locales/bo/terms.ftl", |t| {
        t.lines()
            .filter(|l| !l.starts_with("-dibao-card"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let err = refused(&cfg);
    assert!(err.contains("missing term -dibao-card"), "{err}");
}
