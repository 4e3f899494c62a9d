//! BM25 index over FAQ documents, one sub-index per language.
//!
//! Each language has its own statistics (document count, average length,
//! document frequencies), so a query is scored only against documents of the
//! language its script belongs to (see [`FaqIndex::search`]); a query with no
//! letters at all (e.g. "10086") is scored against every language.
//!
//! Scores are classic BM25 (k1 = [`K1`], b = [`B`], Lucene's non-negative
//! idf) with a weight per token kind (a Chinese bigram counts more than a
//! single character, a Uyghur stem or prefix less than the word itself).
//! Tokens derived from one source word (a Uyghur word, its stems and its
//! prefix; a Tibetan syllable and its stem) form a group, and a group adds
//! only its best-matching token to a document's score.
//!
//! ## Confidence
//! `confidence` (0..1) is comparable across queries and languages. For the
//! top hit:
//!
//! ```text
//! den(g)     = max over the tokens t of query group g of weight(t)·idf(t);
//!              an unknown token counts as UNKNOWN_IDF_FACTOR × max idf of the
//!              language (× UNKNOWN_DERIVED for a bigram, stem or prefix)
//! got(g, d)  = max over the tokens of g found in document d of weight·idf
//! coverage   = Σ_g got(g, d) / Σ_g den(g)        how much of the query d explains
//! evidence   = min(1, Σ_g got(g, d) / (EVIDENCE × max idf))
//!                                                 a one-word match is not enough
//! margin     = (score₁ − score₂) / score₁         1 when there is one hit
//! confidence = coverage × evidence × (1 − MARGIN_WEIGHT + MARGIN_WEIGHT × margin)
//! ```
//!
//! Lower hits use margin 0. The bot answers directly when
//! [`FaqIndex::is_confident`] holds (top confidence ≥ [`CONFIDENT`]) and
//! otherwise offers the top hits as choices. On `tests/data/faq-eval.tsv`
//! (270 questions) no wrong top-1 hit reached 0.30 while about two thirds of
//! the right ones did; two of twelve out-of-scope questions did.

use std::collections::HashMap;

use super::tokens::{tokens_typed, Kind, Tokenizers, PREFIX_MARK};
use crate::text::Languages;

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation.
pub const B: f32 = 0.75;
/// Minimum top-hit confidence for answering without asking back, tuned on
/// `tests/data/faq-eval.tsv` (see the module documentation): below it, offer
/// the top three hits as choices.
pub const CONFIDENT: f32 = 0.30;
/// Minimum top-hit confidence for answering a careful topic (one whose answer
/// cannot be undone: suspend a number, cancel a package) without asking
/// first. On `tests/data/faq-eval.tsv` the right hits of those topics mostly
/// score 0.3–0.6 and so are asked first (one tap); "手机坏了" once reached 0.59
/// for the lost-SIM answer ("suspend your number").
pub const CLEAR: f32 = 0.75;
/// How much the score margin between the first and second hit counts in the
/// confidence.
pub const MARGIN_WEIGHT: f32 = 0.5;
/// Share of [`UNKNOWN_IDF_FACTOR`] for an unknown bigram, stem or prefix.
pub const UNKNOWN_DERIVED: f32 = 0.5;
/// Matched weight·idf, in units of the language's largest idf, needed for
/// full confidence.
pub const EVIDENCE: f32 = 1.5;
/// Weight of a query token unknown to the language, relative to the largest
/// idf of that language, in the coverage denominator.
pub const UNKNOWN_IDF_FACTOR: f32 = 1.0;

/// Weight of a token kind in scores and coverage.
fn kind_weight(kind: Kind) -> f32 {
    match kind {
        Kind::Word | Kind::Number | Kind::HanBi | Kind::TibBi => 1.0,
        Kind::Stem => 0.6,
        Kind::Prefix => 0.5,
        Kind::HanUni => 0.5,
        Kind::TibSyl => 0.7,
    }
}

/// One FAQ document: all question variants and keywords of one topic in one
/// language, as one text (lines are fine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqDoc {
    /// Topic id, e.g. "top-up".
    pub topic: String,
    /// Language code, e.g. "zh-CN", "bo", "ug".
    pub lang: String,
    /// Question variants and keywords.
    pub text: String,
}

/// A search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Topic id.
    pub topic: String,
    /// Language of the matched document.
    pub lang: String,
    /// BM25 score (only comparable within one language and query).
    pub score: f32,
    /// 0..1, comparable across queries; see the module documentation.
    pub confidence: f32,
    /// Query tokens found in the document (readable forms, for explanations).
    pub matched: Vec<String>,
}

#[derive(Debug, Clone)]
struct LangIndex {
    lang: String,
    /// How this language's documents and the questions searched in it are cut.
    tz: Tokenizers,
    topics: Vec<String>,
    doc_len: Vec<f32>,
    avgdl: f32,
    terms: HashMap<String, u32>,
    /// Per term: (document, term frequency).
    postings: Vec<Vec<(u32, u16)>>,
    idf: Vec<f32>,
    max_idf: f32,
}

impl LangIndex {
    fn build(lang: &str, tz: Tokenizers, docs: Vec<(String, String)>) -> Self {
        let mut ix = LangIndex {
            lang: lang.to_string(),
            tz,
            topics: Vec::new(),
            doc_len: Vec::new(),
            avgdl: 0.0,
            terms: HashMap::new(),
            postings: Vec::new(),
            idf: Vec::new(),
            max_idf: 0.0,
        };
        // Term frequencies of the current document, indexed by term id.
        let mut tf: Vec<u16> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for (d, (topic, text)) in docs.into_iter().enumerate() {
            let toks = tokens_typed(&text, tz);
            let len = toks.len();
            for t in toks.iter() {
                let id = match ix.terms.get(t.text) {
                    Some(&id) => id,
                    None => {
                        let id = ix.postings.len() as u32;
                        ix.terms.insert(t.text.to_string(), id);
                        ix.postings.push(Vec::new());
                        tf.push(0);
                        id
                    }
                };
                let n = &mut tf[id as usize];
                if *n == 0 {
                    seen.push(id);
                }
                *n = n.saturating_add(1);
            }
            for &id in &seen {
                ix.postings[id as usize].push((d as u32, tf[id as usize]));
                tf[id as usize] = 0;
            }
            seen.clear();
            ix.topics.push(topic);
            ix.doc_len.push(len as f32);
        }
        let n = ix.topics.len() as f32;
        ix.avgdl = if ix.topics.is_empty() {
            1.0
        } else {
            (ix.doc_len.iter().sum::<f32>() / n).max(1.0)
        };
        ix.idf = ix
            .postings
            .iter_mut()
            .map(|p| {
                p.sort_unstable_by_key(|&(d, _)| d);
                p.shrink_to_fit();
                let df = p.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        ix.max_idf = (1.0 + (n + 0.5) / 0.5).ln();
        ix
    }

    /// Scores the query tokens; returns hits sorted by score (best first).
    fn search(&self, query: &[QToken], limit: usize) -> Vec<Hit> {
        if self.topics.is_empty() || query.is_empty() {
            return Vec::new();
        }
        let n = self.topics.len();
        let mut scores = vec![0f32; n];
        // A word contributes once, through its best-matching form (the word,
        // a stem or its prefix): per group, the maximum over its tokens.
        let mut best = vec![0f32; n];
        let mut touched: Vec<usize> = Vec::new();
        // Per query token: index, term id and weight × idf (known tokens only).
        let mut known: Vec<(usize, u32, f32)> = Vec::with_capacity(query.len());
        // Per group: the largest weight × idf (unknown tokens: a share of max idf).
        let mut group_den: Vec<(u32, f32)> = Vec::new();
        let mut qi = 0;
        while qi < query.len() {
            let group = query[qi].group;
            let mut den = 0f32;
            while qi < query.len() && query[qi].group == group {
                let q = &query[qi];
                let w = kind_weight(q.kind);
                match self.terms.get(&q.text) {
                    Some(&id) => {
                        let idf = self.idf[id as usize];
                        known.push((qi, id, w * idf));
                        den = den.max(w * idf);
                        for &(d, tf) in &self.postings[id as usize] {
                            let d = d as usize;
                            let tf = tf as f32;
                            let norm = K1 * (1.0 - B + B * self.doc_len[d] / self.avgdl);
                            let c = w * idf * tf * (K1 + 1.0) / (tf + norm);
                            if best[d] == 0.0 {
                                touched.push(d);
                            }
                            best[d] = best[d].max(c);
                        }
                    }
                    // An unknown word or character is content the index
                    // cannot place; an unknown bigram, stem or prefix is
                    // often just a cross-word pair or a wrong split, and
                    // counts less.
                    None => {
                        let f = match q.kind {
                            Kind::Word | Kind::Number | Kind::HanUni | Kind::TibSyl => 1.0,
                            _ => UNKNOWN_DERIVED,
                        };
                        den = den.max(f * w * UNKNOWN_IDF_FACTOR * self.max_idf);
                    }
                }
                qi += 1;
            }
            for &d in &touched {
                scores[d] += best[d];
                best[d] = 0.0;
            }
            touched.clear();
            group_den.push((group, den));
        }
        let total: f32 = group_den.iter().map(|(_, m)| m).sum();
        let mut order: Vec<usize> = (0..scores.len()).filter(|&d| scores[d] > 0.0).collect();
        let by_score = |a: &usize, b: &usize| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b));
        // Only the best `limit` (and at least two, for the margin) need sorting.
        let keep = limit.max(2);
        if order.len() > keep {
            order.select_nth_unstable_by(keep - 1, by_score);
            order.truncate(keep);
        }
        order.sort_unstable_by(by_score);
        let top = order.first().map_or(0.0, |&d| scores[d]);
        let second = order.get(1).map_or(0.0, |&d| scores[d]);
        order
            .into_iter()
            .take(limit)
            .enumerate()
            .map(|(rank, d)| {
                let found: Vec<(usize, f32)> = known
                    .iter()
                    .filter(|&&(_, id, _)| self.has(id, d as u32))
                    .map(|&(qi, _, wi)| (qi, wi))
                    .collect();
                let mut got: Vec<(u32, f32)> = Vec::new();
                for &(qi, wi) in &found {
                    let g = query[qi].group;
                    match got.iter_mut().find(|(gg, _)| *gg == g) {
                        Some((_, m)) => *m = m.max(wi),
                        None => got.push((g, wi)),
                    }
                }
                let covered: f32 = got.iter().map(|(_, m)| m).sum();
                let coverage = if total > 0.0 {
                    (covered / total).min(1.0)
                } else {
                    0.0
                };
                let margin = if rank == 0 && top > 0.0 {
                    (top - second) / top
                } else {
                    0.0
                };
                // Evidence: a one-word match ("kim", "卡") is not enough on its own.
                let evidence = (covered / (EVIDENCE * self.max_idf)).min(1.0);
                let confidence =
                    (coverage * evidence * (1.0 - MARGIN_WEIGHT + MARGIN_WEIGHT * margin))
                        .clamp(0.0, 1.0);
                let matched = matched_tokens(query, &found);
                Hit {
                    topic: self.topics[d].clone(),
                    lang: self.lang.clone(),
                    score: scores[d],
                    confidence,
                    matched,
                }
            })
            .collect()
    }

    fn has(&self, id: u32, doc: u32) -> bool {
        self.postings[id as usize]
            .binary_search_by_key(&doc, |&(d, _)| d)
            .is_ok()
    }

    fn approx_heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let strings: usize = self.terms.keys().map(|k| k.capacity()).sum::<usize>()
            + self
                .topics
                .iter()
                .map(|t| t.capacity() + size_of::<String>())
                .sum::<usize>();
        // hashbrown: one control byte plus one (key, value) slot per bucket.
        let table = self.terms.capacity() * (size_of::<(String, u32)>() + 1);
        let postings: usize = self
            .postings
            .iter()
            .map(|p| p.capacity() * size_of::<(u32, u16)>() + size_of::<Vec<(u32, u16)>>())
            .sum();
        strings + table + postings + (self.idf.capacity() + self.doc_len.capacity()) * 4
    }
}

/// A BM25 index over FAQ documents of several languages. Immutable after
/// [`FaqIndex::new`]; `Send + Sync`, so it can be shared in an `Arc`.
#[derive(Debug, Clone, Default)]
pub struct FaqIndex {
    langs: Vec<LangIndex>,
    /// Which language a query's script is searched in.
    table: Languages,
}

impl FaqIndex {
    /// Builds the index. Documents with the same topic and language are
    /// merged into one.
    pub fn new(docs: Vec<FaqDoc>) -> Self {
        Self::with_languages(docs, Languages::builtin())
    }

    /// Builds the index with the language table that routes queries by script.
    pub fn with_languages(docs: Vec<FaqDoc>, table: Languages) -> Self {
        // lang -> (topic -> text), keeping first-seen order for stable ids.
        let mut by_lang: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for doc in docs {
            let li = match by_lang.iter().position(|(l, _)| *l == doc.lang) {
                Some(i) => i,
                None => {
                    by_lang.push((doc.lang.clone(), Vec::new()));
                    by_lang.len() - 1
                }
            };
            let entries = &mut by_lang[li].1;
            match entries.iter_mut().find(|(t, _)| *t == doc.topic) {
                Some((_, text)) => {
                    text.push('\n');
                    text.push_str(&doc.text);
                }
                None => entries.push((doc.topic, doc.text)),
            }
        }
        FaqIndex {
            langs: by_lang
                .into_iter()
                .map(|(l, d)| {
                    let tz = Tokenizers::for_language(&table, &l);
                    LangIndex::build(&l, tz, d)
                })
                .collect(),
            table,
        }
    }

    /// The language table queries are routed with.
    pub fn table(&self) -> &Languages {
        &self.table
    }

    /// Languages in the index, in first-seen order.
    pub fn languages(&self) -> Vec<&str> {
        self.langs.iter().map(|l| l.lang.as_str()).collect()
    }

    /// True when some language has a document for `topic` (e.g. to check a
    /// topic id from an old button).
    pub fn has_topic(&self, topic: &str) -> bool {
        self.langs
            .iter()
            .any(|l| l.topics.iter().any(|t| t == topic))
    }

    /// Number of documents (topic × language).
    pub fn len(&self) -> usize {
        self.langs.iter().map(|l| l.topics.len()).sum()
    }

    /// True when the index has no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Searches the language of the query's script, as the language table
    /// routes it for a user without a language ([`Self::search_as`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_as(query, None, limit)
    }

    /// The language a query in this script is searched in for `user`: the
    /// user's language if it is written in the script, else the first
    /// language of the table that is and has documents ([`Languages::for_script`]).
    pub fn route(&self, query: &str, user: Option<&str>) -> Option<&str> {
        let script = crate::text::detect_script(query)?;
        self.table
            .for_script(script, user, |l| self.langs.iter().any(|x| x.lang == l))
    }

    /// Searches the language [`Self::route`] picks for `user`. A query without
    /// letters (only digits), or in a script no language has, is searched in
    /// every language, hits ordered by confidence. At most `limit` hits, one
    /// per topic.
    pub fn search_as(&self, query: &str, user: Option<&str>, limit: usize) -> Vec<Hit> {
        match self.route(query, user) {
            Some(lang) => self.search_lang(query, lang, limit),
            None => {
                let mut hits: Vec<Hit> = self
                    .langs
                    .iter()
                    .flat_map(|l| l.search(&query_tokens(query, l.tz), limit))
                    .collect();
                hits.sort_by(|a, b| {
                    b.confidence
                        .total_cmp(&a.confidence)
                        .then(b.score.total_cmp(&a.score))
                });
                dedup_topics(&mut hits);
                hits.truncate(limit);
                hits
            }
        }
    }

    /// Searches one language only (e.g. the user's chosen language).
    pub fn search_lang(&self, query: &str, lang: &str, limit: usize) -> Vec<Hit> {
        self.langs
            .iter()
            .find(|l| l.lang == lang)
            .map(|l| l.search(&query_tokens(query, l.tz), limit))
            .unwrap_or_default()
    }

    /// True when the top hit may be answered without asking back:
    /// `hits[0].confidence >= CONFIDENT`.
    pub fn is_confident(&self, hits: &[Hit]) -> bool {
        hits.first().is_some_and(|h| h.confidence >= CONFIDENT)
    }

    /// Approximate heap memory of the index in bytes.
    pub fn approx_heap_bytes(&self) -> usize {
        self.langs.iter().map(LangIndex::approx_heap_bytes).sum()
    }
}

/// Readable forms of the matched query tokens: a Han character or Tibetan
/// syllable already shown inside a matched bigram is dropped, and so are
/// stems/prefixes of a shown word.
fn matched_tokens(query: &[QToken], found: &[(usize, f32)]) -> Vec<String> {
    let found: Vec<&QToken> = found.iter().map(|&(qi, _)| &query[qi]).collect();
    let mut out: Vec<String> = Vec::new();
    for q in &found {
        let text = q.text.as_str();
        let in_bigram = |bk: Kind| {
            found
                .iter()
                .any(|o| o.kind == bk && o.text != text && o.text.contains(text))
        };
        let readable = match q.kind {
            Kind::HanUni if in_bigram(Kind::HanBi) => continue,
            Kind::TibSyl if in_bigram(Kind::TibBi) => continue,
            Kind::Stem | Kind::Prefix => {
                if found
                    .iter()
                    .any(|o| o.kind == Kind::Word && o.group == q.group)
                {
                    continue;
                }
                text.trim_end_matches(PREFIX_MARK).to_string()
            }
            _ => text.to_string(),
        };
        if !out.contains(&readable) {
            out.push(readable);
        }
    }
    out
}

/// A query token: text, kind and source-word group.
#[derive(Debug, Clone)]
struct QToken {
    text: String,
    kind: Kind,
    group: u32,
}

/// Unique query tokens (first occurrence wins).
fn query_tokens(query: &str, tz: Tokenizers) -> Vec<QToken> {
    let mut out: Vec<QToken> = Vec::new();
    for t in tokens_typed(query, tz).iter() {
        if !out.iter().any(|q| q.text == t.text) {
            out.push(QToken {
                text: t.text.to_string(),
                kind: t.kind,
                group: t.group,
            });
        }
    }
    out
}

fn dedup_topics(hits: &mut Vec<Hit>) {
    let mut seen: Vec<String> = Vec::new();
    hits.retain(|h| {
        if seen.contains(&h.topic) {
            false
        } else {
            seen.push(h.topic.clone());
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(topic: &str, lang: &str, text: &str) -> FaqDoc {
        FaqDoc {
            topic: topic.into(),
            lang: lang.into(),
            text: text.into(),
        }
    }

    fn sample() -> FaqIndex {
        FaqIndex::new(vec![
            doc("broadband", "zh-CN", "家里装宽带\n宽带多少钱\n宽带安装"),
            doc("top-up", "zh-CN", "怎么充话费\n充值\n交话费"),
            doc("balance", "zh-CN", "查话费余额\n还剩多少流量"),
            doc("broadband", "ug", "ئۆيگە كەڭ بەلباغ تور\nkeng belbagh"),
            doc("top-up", "ug", "پۇل قاچىلاش\nتېلېفون ھەققى تۆلەش"),
            doc("broadband", "bo", "ཁྱིམ་ཚང་དྲ་རྒྱ་\nདྲ་རྒྱ་སྒྲིག་འཛུགས་"),
            doc("top-up", "bo", "དངུལ་སྣོན་པ་\nཁ་པར་གླ་ཆ་སྣོན་"),
        ])
    }

    #[test]
    fn each_language_is_cut_by_its_rows_normalizer() {
        let kk_row = "[[language]]\ncode = \"kk\"\nname = \"قازاقشا\"\nscripts = [\"Arabic\"]\ndirection = \"rtl\"\nnormalizer = \"words\"\n";
        let builtin = include_str!("../../locales/languages.toml");
        let table = Languages::parse("languages.toml", &format!("{builtin}\n{kk_row}")).unwrap();
        let text = "قانشا اقشا قالدى";
        let ix = FaqIndex::with_languages(
            vec![doc("balance", "kk", text), doc("balance", "ug", text)],
            table,
        );
        // Kazakh (words): whole Arabic words; Uyghur: loose Latin with stems.
        let kk = ix.search_lang("اقشا قالدى", "kk", 1);
        assert!(
            kk[0].matched.contains(&"اقشا".to_string()),
            "{:?}",
            kk[0].matched
        );
        let ug = ix.search_lang("اقشا قالدى", "ug", 1);
        assert!(
            !ug[0].matched.contains(&"اقشا".to_string()),
            "{:?}",
            ug[0].matched
        );
        assert!(
            ug[0].matched.iter().all(|t| t.is_ascii()),
            "{:?}",
            ug[0].matched
        );
    }

    #[test]
    fn ranks_the_obvious_topic_first() {
        let ix = sample();
        let hits = ix.search("宽带怎么装", 3);
        assert_eq!(hits[0].topic, "broadband");
        assert_eq!(hits[0].lang, "zh-CN");
        assert!(
            hits[0].matched.contains(&"宽带".to_string()),
            "{:?}",
            hits[0].matched
        );
        let hits = ix.search("我想充值", 3);
        assert_eq!(hits[0].topic, "top-up");
        let hits = ix.search("余额还剩多少", 3);
        assert_eq!(hits[0].topic, "balance");
    }

    #[test]
    fn query_script_selects_language() {
        let ix = sample();
        let h = ix.search("پۇل قاچىلىماقچى", 3);
        assert_eq!((h[0].topic.as_str(), h[0].lang.as_str()), ("top-up", "ug"));
        let h = ix.search("pul qachilash", 3);
        assert_eq!((h[0].topic.as_str(), h[0].lang.as_str()), ("top-up", "ug"));
        let h = ix.search("ཁྱིམ་ཚང་གི་དྲ་རྒྱ།", 3);
        assert_eq!(
            (h[0].topic.as_str(), h[0].lang.as_str()),
            ("broadband", "bo")
        );
        assert!(h.iter().all(|h| h.lang == "bo"));
    }

    #[test]
    fn bm25_prefers_rarer_and_repeated_terms() {
        let ix = FaqIndex::new(vec![
            doc("a", "zh-CN", "手机 手机 手机 便宜"),
            doc("b", "zh-CN", "手机 宽带"),
            doc("c", "zh-CN", "手机 充值"),
        ]);
        // "便宜" occurs in one document only: it decides.
        assert_eq!(ix.search("便宜手机", 3)[0].topic, "a");
        // Term frequency: "a" has 手机 three times.
        let h = ix.search("手机", 3);
        assert_eq!(h[0].topic, "a");
        assert!(h[0].score > h[1].score);
    }

    #[test]
    fn confidence_is_bounded_and_orders_sensibly() {
        let ix = sample();
        let good = ix.search("宽带多少钱", 3);
        let vague = ix.search("今天天气怎么样", 3);
        assert!(good[0].confidence > 0.0 && good[0].confidence <= 1.0);
        assert!(ix.is_confident(&good));
        assert!(vague.is_empty() || vague[0].confidence < good[0].confidence);
        assert!(vague.is_empty() || !ix.is_confident(&vague));
        assert!(!ix.is_confident(&[]));
    }

    #[test]
    fn topics_are_unique_and_limit_holds() {
        let ix = FaqIndex::new(vec![
            doc("a", "zh-CN", "话费"),
            doc("a", "zh-CN", "话费 余额"),
            doc("b", "zh-CN", "话费 充值"),
            doc("a", "ug", "10086"),
            doc("b", "bo", "10086"),
        ]);
        assert_eq!(ix.len(), 4);
        assert!(ix.has_topic("a") && ix.has_topic("b") && !ix.has_topic("c"));
        let h = ix.search("话费", 10);
        assert_eq!(h.len(), 2);
        assert_eq!(ix.search("话费", 1).len(), 1);
        // Digits only: all languages, one hit per topic.
        let h = ix.search("10086", 10);
        let mut topics: Vec<_> = h.iter().map(|h| h.topic.as_str()).collect();
        topics.sort();
        assert_eq!(topics, ["a", "b"]);
    }

    #[test]
    fn empty_inputs() {
        let ix = FaqIndex::new(Vec::new());
        assert!(ix.is_empty());
        assert!(ix.search("宽带", 3).is_empty());
        assert!(sample().search("", 3).is_empty());
        assert!(sample().search("！？", 3).is_empty());
    }
}
