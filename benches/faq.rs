//! FAQ index benchmark (harness = false): `cargo bench --bench faq`.
//!
//! Builds an index of 1,000 synthetic entries per language (zh-CN, bo, ug),
//! each a variant of a real topic from `locales/<lang>/faq.ftl` (a random
//! subset of its question lines, a line borrowed from another topic and an
//! entry-specific keyword line), then times searches with the questions of
//! `tests/data/faq-eval.tsv` and prints build time, search latency
//! percentiles and the approximate heap size of the index.

use std::hint::black_box;
use std::time::{Duration, Instant};

use netplus::faq::{docs_from_ftl, FaqDoc, FaqIndex};

const PER_LANG: usize = 1_000;
const QUERIES: usize = 30_000;
const BUILDS: usize = 7;

const SOURCES: [(&str, &str); 3] = [
    (
        "zh-CN",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/locales/zh-CN/faq.ftl"
        )),
    ),
    (
        "bo",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/bo/faq.ftl")),
    ),
    (
        "ug",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/ug/faq.ftl")),
    ),
];
const EVAL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/faq-eval.tsv"
));

/// Small deterministic PRNG (xorshift64*), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Entry-specific keywords per language (place names, products), so that the
/// vocabulary grows with the number of entries as it would with real content.
fn keyword(lang: &str, i: usize) -> String {
    match lang {
        "zh-CN" => {
            const A: [&str; 10] = ["东", "西", "南", "北", "上", "下", "新", "老", "大", "小"];
            const B: [&str; 10] = ["河", "山", "沟", "坪", "庄", "湾", "岭", "坝", "塘", "寨"];
            const C: [&str; 10] = ["村", "乡", "镇", "组", "屯", "营", "堡", "店", "口", "集"];
            format!(
                "{}{}{}服务点 套餐{}号",
                A[i % 10],
                B[(i / 10) % 10],
                C[(i / 100) % 10],
                i
            )
        }
        "bo" => {
            const A: [&str; 10] = ["ཤར", "ནུབ", "ལྷོ", "བྱང", "སྟོད", "སྨད", "གསར", "རྙིང", "ཆེ", "ཆུང"];
            const B: [&str; 10] = ["ཆུ", "རི", "ལུང", "ཐང", "སྒང", "ཁ", "མདོ", "རྩེ", "གླིང", "སྡེ"];
            format!("{}་{}་གྲོང་ཚོ། ཐུམ་སྒྲིལ་ཨང་ {}", A[i % 10], B[(i / 10) % 10], i)
        }
        _ => {
            const A: [&str; 10] = [
                "شەرقىي",
                "غەربىي",
                "جەنۇبىي",
                "شىمالىي",
                "يۇقىرى",
                "تۆۋەن",
                "يېڭى",
                "كونا",
                "چوڭ",
                "كىچىك",
            ];
            const B: [&str; 10] = [
                "ئۆستەڭ",
                "تاغ",
                "باغ",
                "ئېرىق",
                "بازار",
                "كۆل",
                "قۇم",
                "يار",
                "بۇلاق",
                "ئوي",
            ];
            format!(
                "{} {} كەنتى بوغچا نومۇرى {}",
                A[i % 10],
                B[(i / 10) % 10],
                i
            )
        }
    }
}

fn synthetic_docs(rng: &mut Rng) -> Vec<FaqDoc> {
    let mut out = Vec::with_capacity(3 * PER_LANG);
    for (lang, src) in SOURCES {
        let real = docs_from_ftl(lang, src).expect("faq.ftl parses");
        let lines: Vec<Vec<&str>> = real.iter().map(|d| d.text.lines().collect()).collect();
        for i in 0..PER_LANG {
            let t = i % real.len();
            let own = &lines[t];
            let mut text: Vec<&str> = Vec::new();
            // A random subset (at least half) of the topic's own lines.
            for l in own {
                if rng.below(4) != 0 || text.len() < own.len() / 2 {
                    text.push(l);
                }
            }
            // One line borrowed from another topic.
            let other = &lines[rng.below(lines.len())];
            text.push(other[rng.below(other.len())]);
            let kw = keyword(lang, i);
            let mut s = text.join("\n");
            s.push('\n');
            s.push_str(&kw);
            out.push(FaqDoc {
                topic: format!("{}-{}", real[t].topic, i / real.len()),
                lang: lang.into(),
                text: s,
            });
        }
    }
    out
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    // Real content: 30 topics × 3 languages.
    let t = Instant::now();
    let mut real = Vec::new();
    for (lang, src) in SOURCES {
        real.extend(docs_from_ftl(lang, src).expect("faq.ftl parses"));
    }
    let parse = t.elapsed();
    let t = Instant::now();
    let real_index = FaqIndex::new(real);
    let real_build = t.elapsed();

    // Synthetic content: 1,000 entries per language.
    let docs = synthetic_docs(&mut rng);
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let lines: usize = docs.iter().map(|d| d.text.lines().count()).sum();
    let n_docs = docs.len();
    // Build several times (the machine may be shared): report min and median.
    let mut builds = Vec::new();
    let mut index = FaqIndex::default();
    for _ in 0..BUILDS {
        let docs = docs.clone();
        let t = Instant::now();
        index = FaqIndex::new(docs);
        builds.push(t.elapsed());
    }
    builds.sort_unstable();

    let questions: Vec<&str> = EVAL
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    assert!(!questions.is_empty());

    // Warm-up, then timed queries (round-robin over the evaluation questions).
    for q in questions.iter().take(200) {
        black_box(index.search(q, 3));
    }
    let mut times = Vec::with_capacity(QUERIES);
    let mut hits = 0usize;
    for i in 0..QUERIES {
        let q = questions[i % questions.len()];
        let t = Instant::now();
        let h = black_box(index.search(black_box(q), 3));
        times.push(t.elapsed());
        hits += h.len();
    }
    times.sort_unstable();
    let total: Duration = times.iter().sum();

    let mut real_times = Vec::with_capacity(questions.len() * 10);
    for _ in 0..10 {
        for q in &questions {
            let t = Instant::now();
            black_box(real_index.search(black_box(q), 3));
            real_times.push(t.elapsed());
        }
    }
    real_times.sort_unstable();

    println!("faq bench");
    println!(
        "  real content: {} docs, parse {:?}, build {:?}, ~{} KiB; search p50 {:?} p99 {:?}",
        real_index.len(),
        parse,
        real_build,
        real_index.approx_heap_bytes() / 1024,
        pct(&real_times, 0.50),
        pct(&real_times, 0.99)
    );
    println!(
        "  synthetic: {} docs ({} per language), {} question lines, {} KiB of text",
        n_docs,
        PER_LANG,
        lines,
        text_bytes / 1024
    );
    println!(
        "  build ({} runs): min {:?}, median {:?}",
        BUILDS,
        builds[0],
        builds[BUILDS / 2]
    );
    println!(
        "  index heap (approx.): {} KiB",
        index.approx_heap_bytes() / 1024
    );
    println!(
        "  search ({} queries, {} distinct, limit 3): mean {:?}, p50 {:?}, p90 {:?}, p99 {:?}, max {:?}",
        QUERIES,
        questions.len(),
        total / QUERIES as u32,
        pct(&times, 0.50),
        pct(&times, 0.90),
        pct(&times, 0.99),
        times[times.len() - 1]
    );
    println!(
        "  average hits per query: {:.2}",
        hits as f64 / QUERIES as f64
    );
    println!(
        "  p99 < 1 ms: {}",
        if pct(&times, 0.99) < Duration::from_millis(1) {
            "yes"
        } else {
            "NO"
        }
    );
}
