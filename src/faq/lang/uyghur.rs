//! Uyghur: Arabic script → ULY, loose folding (so that a sentence typed in
//! either script gives the same tokens), stemming, function words, and the
//! tokens of one word (surface, stems, a 5-letter prefix).

use crate::faq::tokens::{Kind, Sink, PREFIX_MARK};
use crate::text::scripts::is_arabic_letter;

fn is_uly_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'é' | 'i' | 'o' | 'ö' | 'u' | 'ü')
}

/// Transliterates one Arabic-script Uyghur word (already normalised) to ULY.
/// The hamza carrier ئ is dropped at the start of a word and becomes an
/// apostrophe between vowels.
pub fn arabic_to_uly(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let s: &str = match c {
            '\u{0627}' => "a",
            '\u{06D5}' => "e",
            '\u{0628}' => "b",
            '\u{067E}' => "p",
            '\u{062A}' | '\u{0637}' => "t",
            '\u{062C}' => "j",
            '\u{0686}' => "ch",
            '\u{062E}' => "x",
            '\u{062D}' | '\u{06BE}' | '\u{0647}' => "h",
            '\u{062F}' => "d",
            '\u{0631}' => "r",
            '\u{0632}' | '\u{0630}' | '\u{0636}' | '\u{0638}' => "z",
            '\u{0698}' => "zh",
            '\u{0633}' | '\u{062B}' | '\u{0635}' => "s",
            '\u{0634}' => "sh",
            '\u{063A}' => "gh",
            '\u{0641}' => "f",
            '\u{0642}' => "q",
            '\u{0643}' | '\u{06A9}' => "k",
            '\u{06AF}' => "g",
            '\u{06AD}' => "ng",
            '\u{0644}' => "l",
            '\u{0645}' => "m",
            '\u{0646}' => "n",
            '\u{0648}' => "o",
            '\u{06C7}' | '\u{0624}' => "u",
            '\u{06C6}' => "ö",
            '\u{06C8}' => "ü",
            '\u{06CB}' | '\u{06CF}' => "w",
            '\u{06D0}' => "é",
            '\u{0649}' => "i",
            '\u{064A}' | '\u{06CC}' => "y",
            '\u{0626}' => {
                if out.chars().last().is_some_and(is_uly_vowel) {
                    "'"
                } else {
                    ""
                }
            }
            // Arabic ain, hamza, harakat: silent for matching.
            '\u{0639}' | '\u{0621}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => "",
            c if is_arabic_letter(c) => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

/// Loose ULY folding used for Uyghur tokens from both scripts: diacritics
/// dropped (é→e, ö→o, ü→u), apostrophes removed, v→w, and the letters of the
/// other Latin orthographies people type (ə→e, ş→sh, ç→ch, ğ/ƣ→gh, ñ/ŋ→ng,
/// ı→i).
pub fn uly_loose(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'é' | 'è' | 'ê' | 'ë' | 'ə' | 'ä' => out.push('e'),
            'ö' | 'ó' | 'ò' | 'ô' | 'ø' => out.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' => out.push('i'),
            'á' | 'à' | 'â' => out.push('a'),
            'v' => out.push('w'),
            'ş' | 'š' => out.push_str("sh"),
            'ç' | 'č' => out.push_str("ch"),
            'ğ' | 'ƣ' => out.push_str("gh"),
            'ñ' | 'ŋ' => out.push_str("ng"),
            'ž' => out.push_str("zh"),
            '\'' => {}
            c => out.push(c),
        }
    }
    out
}

/// Common Uyghur suffixes (loose ULY: é→e, ö→o, ü→u), by group. Stripping
/// is tried for each; see [`uyghur_stems`].
const UG_SUFFIXES: &[&str] = &[
    // possessive (+ case)
    "ingizning",
    "ingizni",
    "ingizge",
    "ingizde",
    "ingizdin",
    "imizning",
    "imizni",
    "imizge",
    "imizde",
    "imizdin",
    "imning",
    "imni",
    "imge",
    "imde",
    "imdin",
    "ining",
    "ini",
    "ige",
    "ide",
    "idin",
    "idiki",
    "ingiz",
    "ngiz",
    "imiz",
    "liri",
    "lirini",
    // plural (+ case)
    "larning",
    "lerning",
    "larni",
    "lerni",
    "largha",
    "lerge",
    "larda",
    "lerde",
    "lardin",
    "lerdin",
    "lar",
    "ler",
    // case endings
    "diki",
    "tiki",
    "ning",
    "ghiche",
    "giche",
    "qiche",
    "kiche",
    "gha",
    "qa",
    "ge",
    "ke",
    "din",
    "tin",
    "da",
    "de",
    "ta",
    "te",
    "ni",
    "dek",
    "tek",
    "che",
    // intention, present/future, ability, negation
    "maqchimen",
    "mekchimen",
    "maqchi",
    "mekchi",
    "imen",
    "ymen",
    "aymen",
    "eymen",
    "isiz",
    "ysiz",
    "idu",
    "ydu",
    "aydu",
    "eydu",
    "alaymen",
    "eleymen",
    "alaydu",
    "eleydu",
    "alamdu",
    "elemdu",
    "alamdimen",
    "elemdimen",
    "alamsiler",
    "elemsiler",
    "lamdu",
    "lemdu",
    "amdu",
    "emdu",
    "maymen",
    "meymen",
    "maydu",
    "meydu",
    "ghili",
    "gili",
    "qili",
    "kili",
    "iwatimen",
    "iwatidu",
    "watimen",
    "watidu",
    // past, participles, conditional, converbs
    "dim",
    "tim",
    "dum",
    "tum",
    "duq",
    "tuq",
    "diq",
    "tiq",
    "di",
    "ti",
    "ghan",
    "gen",
    "qan",
    "ken",
    "idighan",
    "ydighan",
    "sam",
    "sem",
    "sang",
    "seng",
    "singiz",
    "sa",
    "se",
    "ip",
    "up",
    // voice: causative, passive
    "quz",
    "ghuz",
    "guz",
    "kuz",
    "dur",
    "tur",
    "il",
    "ul",
    // verbal nouns, question particles, possessive singular
    "maq",
    "mek",
    "ish",
    "ush",
    "mu",
    "du",
    "chu",
    "si",
    "im",
    "um",
    "ing",
    "i",
];

/// Stems of a loose-ULY word: every way of stripping one common suffix, and
/// one more suffix from each of those, keeping stems of at least three
/// letters (four for the one-letter suffix "i"). Longest stems first; at most
/// [`MAX_STEMS`].
pub fn uyghur_stems(word: &str) -> Vec<String> {
    fn strips(word: &str) -> impl Iterator<Item = &str> + '_ {
        let n = word.chars().count();
        let last = word.as_bytes().last().copied().unwrap_or(0);
        suffixes_ending_in(last).iter().filter_map(move |suf| {
            let stem = word.strip_suffix(suf)?;
            // Suffixes are ASCII: one byte per letter.
            let min = if suf.len() == 1 { 4 } else { 3 };
            (n - suf.len() >= min).then_some(stem)
        })
    }
    let mut found: Vec<&str> = Vec::new();
    for st in strips(word) {
        if !found.contains(&st) {
            found.push(st);
        }
    }
    for i in 0..found.len() {
        for st2 in strips(found[i]) {
            if !found.contains(&st2) {
                found.push(st2);
            }
        }
    }
    found.sort_by_key(|s| std::cmp::Reverse(s.len()));
    found.truncate(MAX_STEMS);
    found.into_iter().map(str::to_string).collect()
}

/// [`UG_SUFFIXES`] grouped by their last byte (they are ASCII).
fn suffixes_ending_in(last: u8) -> &'static [&'static str] {
    static TABLE: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: Vec<Vec<&'static str>> = vec![Vec::new(); 128];
        for suf in UG_SUFFIXES {
            if let Some(&b) = suf.as_bytes().last() {
                t[usize::from(b & 0x7F)].push(suf);
            }
        }
        t
    });
    if last.is_ascii() {
        &table[usize::from(last)]
    } else {
        &[]
    }
}

/// Most stems added for one Uyghur word.
pub const MAX_STEMS: usize = 8;

/// Length (in letters) of the prefix token added for long Uyghur words.
const UG_PREFIX_LEN: usize = 5;

/// Uyghur function words (loose ULY) that carry no topic: pronouns,
/// demonstratives, conjunctions, postpositions, the auxiliary "idi".
fn ug_stop(w: &str) -> bool {
    matches!(
        w,
        "bu" | "shu"
            | "u"
            | "men"
            | "sen"
            | "siz"
            | "biz"
            | "ular"
            | "manga"
            | "sanga"
            | "mening"
            | "meni"
            | "bizning"
            | "sizning"
            | "we"
            | "hem"
            | "yaki"
            | "bilen"
            | "uchun"
            | "bir"
            | "mu"
            | "idi"
            | "idim"
    )
}

pub(crate) fn push_word(loose: String, out: &mut Sink) {
    if loose.is_empty() || ug_stop(&loose) {
        return;
    }
    out.push(&loose, Kind::Word);
    for st in uyghur_stems(&loose) {
        out.push(&st, Kind::Stem);
    }
    if let Some((i, _)) = loose.char_indices().nth(UG_PREFIX_LEN) {
        let mut mark = [0u8; 4];
        out.push_parts(
            &[&loose[..i], PREFIX_MARK.encode_utf8(&mut mark)],
            Kind::Prefix,
        );
    }
    out.next();
}
