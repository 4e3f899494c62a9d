//! Unit tests of text normalisation, digits, scripts and tokens.

use super::lang::uyghur::{arabic_to_uly, uyghur_stems};
use super::normalize::normalize;
use super::tokens::tokens;
use crate::text::{detect_script, fold_digits, parse_number, Languages, Script};

/// The language the shipped table routes a question to, for a user without one.
fn guess_lang(s: &str) -> Option<String> {
    let table = Languages::builtin();
    detect_script(s).and_then(|sc| table.for_script(sc, None, |_| true).map(str::to_string))
}

fn has(toks: &[String], t: &str) -> bool {
    toks.iter().any(|x| x == t)
}

// ---- digits ----------------------------------------------------------

#[test]
fn fold_digits_all_scripts() {
    assert_eq!(fold_digits("１２３"), "123"); // full-width
    assert_eq!(fold_digits("༡༠༠༨༦"), "10086"); // Tibetan
    assert_eq!(fold_digits("١٠٠٨٦"), "10086"); // Arabic-Indic
    assert_eq!(fold_digits("۱۰۰۸۶"), "10086"); // Extended Arabic-Indic
    assert_eq!(fold_digits("ཁ་པར་༡༠༠༨༦"), "ཁ་པར་10086");
    assert_eq!(fold_digits("تېلېفون ١٠٠٨٦"), "تېلېفون 10086");
    assert_eq!(fold_digits("拨打１００８６"), "拨打10086");
}

#[test]
fn parse_number_menu_inputs() {
    for s in [
        "1", "１", "༡", "١", "۱", " 1 ", "1.", "(1)", "（1）", "1、", "【1】", "一", "#1",
    ] {
        assert_eq!(parse_number(s), Some(1), "{s:?}");
    }
    assert_eq!(parse_number("十"), Some(10));
    assert_eq!(parse_number("１２"), Some(12));
    assert_eq!(parse_number("༢༥"), Some(25));
    assert_eq!(parse_number("۳۰"), Some(30));
    for s in [
        "",
        "  ",
        "a1",
        "1 2",
        "一二",
        "第一",
        "99999999999",
        "ཀ",
        "بىر",
    ] {
        assert_eq!(parse_number(s), None, "{s:?}");
    }
}

// ---- NFKC, case, punctuation ----------------------------------------

#[test]
fn nfkc_full_width_and_case() {
    assert_eq!(normalize("ＳＩＭ卡"), "sim卡");
    assert_eq!(normalize("４Ｇ手机"), "4g手机");
    assert_eq!(normalize("WiFi"), "wifi");
    assert_eq!(normalize("ＴＥＬＥＦＯＮ"), "telefon");
}

#[test]
fn chinese_punctuation_to_spaces() {
    assert_eq!(normalize("你好！宽带多少钱？"), "你好 宽带多少钱");
    assert_eq!(
        normalize("【低价手机】「199元」《通知》：好；（一）…"),
        "低价手机 199元 通知 好 一"
    );
    assert_eq!(normalize("余额、流量。"), "余额 流量");
}

#[test]
fn traditional_to_simplified() {
    assert_eq!(normalize("寬帶費用是多少"), "宽带费用是多少");
    assert_eq!(normalize("手機卡丟了怎麼辦"), "手机卡丢了怎么办");
    assert_eq!(normalize("網路訊號"), "网路讯号");
    assert_eq!(normalize("營業廳幾點開門"), "营业厅几点开门");
}

// ---- Uyghur -------------------------------------------------------------

#[test]
fn uyghur_presentation_forms_fold() {
    // "يانفون" written with presentation forms (isolated/initial/medial/final).
    let pres = "\u{FEF1}\u{FE8E}\u{FEE7}\u{FED3}\u{FEEE}\u{FEE5}";
    assert_eq!(normalize(pres), "يانفون");
    // Uyghur-specific forms: ۇ ۈ ې ڭ ھ
    assert_eq!(
        normalize("\u{FBD7}\u{FBDB}\u{FBE4}\u{FBD3}\u{FBAA}"),
        "\u{06C7}\u{06C8}\u{06D0}\u{06AD}\u{06BE}"
    );
}

#[test]
fn uyghur_heh_by_position() {
    // Arabic heh at the start of a word → ھ (h); at the end → ە (e).
    assert_eq!(normalize("هەقسىز"), "ھەقسىز");
    assert_eq!(normalize("كەلمه"), "كەلمە");
    // heh + ZWNJ shows its final form: ە, and the ZWNJ goes.
    assert_eq!(normalize("به\u{200C}ك"), "بەك");
    // medial heh (joining both sides) → ھ
    assert_eq!(normalize("مەھسۇلات").chars().nth(2), Some('\u{06BE}'));
    assert_eq!(normalize("مەهسۇلات"), "مەھسۇلات");
}

#[test]
fn uyghur_kaf_yeh_controls_tatweel() {
    assert_eq!(normalize("کىملىک"), "كىملىك"); // Persian keheh
                                               // Farsi yeh: joining → ي (y), final → ى (i)
    assert_eq!(normalize("\u{06CC}انفون"), "يانفون");
    assert_eq!(normalize("بوغچ\u{06CC}"), "بوغچى");
    // ZWNJ, ZWJ, LRM, RLM, isolates, embeddings, tatweel
    assert_eq!(
        normalize("\u{2067}يان\u{200D}فـــون\u{200F}\u{2069} \u{200E}\u{202B}10086\u{202C}"),
        "يانفون 10086"
    );
    assert_eq!(normalize("ئىلتىماس\u{200C}"), "ئىلتىماس");
    // Arabic question mark, comma and full stop are punctuation.
    assert_eq!(
        normalize("قانچە پۇل؟ ئايدا، ھەر ئاي۔"),
        "قانچە پۇل ئايدا ھەر ئاي"
    );
}

#[test]
fn uly_transliteration() {
    assert_eq!(arabic_to_uly("يانفون"), "yanfon");
    assert_eq!(arabic_to_uly("ئۇيغۇرچە"), "uyghurche");
    assert_eq!(arabic_to_uly("تېلېفون"), "téléfon");
    assert_eq!(arabic_to_uly("مەسئۇل"), "mes'ul".replace('\'', "")); // consonant before ئ
    assert_eq!(arabic_to_uly("جەمئىيەت"), "jemiyet");
    assert_eq!(arabic_to_uly("سائەت"), "sa'et");
    assert_eq!(arabic_to_uly("كۆڭۈل"), "köngül");
    assert_eq!(arabic_to_uly("ژۇرنال"), "zhurnal");
}

#[test]
fn arabic_and_uly_sentences_give_same_tokens() {
    let pairs = [
        (
            "يانفون بوغچىسىنى قانداق ئالماشتۇرىمەن؟",
            "Yanfon boghchisini qandaq almashturimen?",
        ),
        ("تېلېفون كارتام يوقاپ كەتتى", "téléfon kartam yoqap ketti"),
        ("ئونئىككى يۈەن", "on'ikki yüen"),
        ("ئۆيدە كەڭ بەلباغ تور بارمۇ", "öyde keng belbagh tor barmu"),
        ("مۇلازىمەت زالى نەدە؟", "mulazimet zali nede?"),
    ];
    for (ar, la) in pairs {
        assert_eq!(tokens(ar), tokens(la), "{ar} / {la}");
    }
    // Loose folding: missing diacritics and a missing apostrophe still match.
    assert_eq!(tokens("téléfon"), tokens("telefon"));
    assert_eq!(tokens("on'ikki"), tokens("onikki"));
    assert_eq!(tokens("yüen"), tokens("yuen"));
}

#[test]
fn uyghur_stemming() {
    let t = tokens("بوغچىنى");
    assert!(has(&t, "boghchini"));
    assert!(has(&t, "boghchi"), "{t:?}");
    let t = tokens("kimlikimni");
    assert!(has(&t, "kimlik"), "{t:?}");
    let t = tokens("مۇلازىمەت زالىدا");
    assert!(has(&t, "zali"), "{t:?}");
    assert!(has(&t, "mulaz…"), "{t:?}");
    // Short words are not over-stemmed.
    assert_eq!(tokens("tor"), vec!["tor"]);
    assert!(uyghur_stems("pul").is_empty());
    let st = uyghur_stems("boghchisini");
    assert!(
        st.contains(&"boghchisi".to_string()) && st.contains(&"boghchi".to_string()),
        "{st:?}"
    );
}

// ---- Tibetan ------------------------------------------------------------

#[test]
fn tibetan_tsheg_and_shad() {
    assert_eq!(normalize("ཁ་པར་ཤོག་བྱང་ཤོར་སོང་། "), "ཁ་པར་ཤོག་བྱང་ཤོར་སོང་");
    assert_eq!(normalize("༄༅། །ཁ་པར།།"), "ཁ་པར");
    assert_eq!(normalize("ཁ་པར༌ཡོད"), "ཁ་པར་ཡོད"); // non-breaking tsheg
    let t = tokens("ཁ་པར་ཤོག་བྱང་། ཤོར་སོང་།");
    for s in ["ཁ", "པར", "ཤོག", "བྱང", "ཤོར", "སོང", "ཁ་པར", "ཤོག་བྱང", "ཤོར་སོང"]
    {
        assert!(has(&t, s), "{s} in {t:?}");
    }
    // No bigram across the shad.
    assert!(!has(&t, "བྱང་ཤོར"));
    // Fused genitive: ཁ་པའི → also པ
    let t = tokens("ཁ་པའི་གླ་ཆ");
    assert!(has(&t, "པའི") && has(&t, "པ"), "{t:?}");
}

#[test]
fn tibetan_digits_in_text() {
    let t = tokens("༡༠༠༨༦ ལ་ཁ་པར་གཏོང་");
    assert!(has(&t, "10086"), "{t:?}");
}

// ---- Chinese --------------------------------------------------------------

#[test]
fn han_unigrams_and_bigrams() {
    let t = tokens("宽带 多少钱");
    for s in ["宽", "带", "宽带", "多", "少", "钱", "多少", "少钱"] {
        assert!(has(&t, s), "{s} in {t:?}");
    }
    assert!(!has(&t, "带多"), "no bigram across a space");
    let t = tokens("４Ｇ手機");
    assert!(has(&t, "4g") && has(&t, "4") && has(&t, "手机"), "{t:?}");
    assert_eq!(tokens("寬帶"), tokens("宽带"));
}

#[test]
fn normalize_is_idempotent() {
    for s in [
        "你好！寬帶多少錢？ＳＩＭ卡",
        "ཁ་པར་ཤོག་བྱང་། ༡༠༠༨༦",
        "\u{2067}کۆزی ئاجىز؟ به\u{200C}ك هەقسىز\u{2069}",
        "On'ikki YÜEN, téléfon!",
    ] {
        let once = normalize(s);
        assert_eq!(normalize(&once), once, "{s}");
    }
}

// ---- detection ------------------------------------------------------------

#[test]
fn script_and_language_detection() {
    assert_eq!(detect_script("宽带多少钱"), Some(Script::Han));
    assert_eq!(detect_script("SIM卡丢了"), Some(Script::Han));
    assert_eq!(detect_script("ཁ་པར་ཤོག་བྱང་"), Some(Script::Tibetan));
    assert_eq!(detect_script("SIM كارتام يوقالدى"), Some(Script::Arabic));
    assert_eq!(detect_script("kartam yoqaldi"), Some(Script::Latin));
    assert_eq!(detect_script("10086 ١٢"), None);
    assert_eq!(guess_lang("寬帶"), Some("zh-CN".into()));
    assert_eq!(guess_lang("བོད་ཡིག"), Some("bo".into()));
    assert_eq!(guess_lang("ئۇيغۇرچە"), Some("ug".into()));
    assert_eq!(guess_lang("uyghurche"), Some("ug".into()));
    assert_eq!(guess_lang("？！"), None);
}
