//! Chinese (Han): character unigrams and bigrams (bigrams never cross a
//! space); a few function characters are not unigrams, and a bigram of two of
//! them is dropped.

use crate::faq::tokens::{Kind, Sink};

/// Chinese function characters (particles, pronouns, measure word 个).
fn zh_stop(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '吗'
            | '呢'
            | '吧'
            | '啊'
            | '呀'
            | '嘛'
            | '哦'
            | '我'
            | '你'
            | '您'
            | '他'
            | '她'
            | '它'
            | '们'
            | '是'
            | '这'
            | '那'
            | '个'
            | '就'
            | '也'
            | '和'
            | '请'
            | '问'
            | '一'
            | '下'
    )
}

pub(crate) fn push_run(run: &[char], out: &mut Sink) {
    let stop = zh_stop;
    for (i, &c) in run.iter().enumerate() {
        if !stop(c) {
            out.push_chars(&run[i..=i], Kind::HanUni);
            out.next();
        }
        if let Some(&d) = run.get(i + 1).filter(|&&d| !(stop(c) && stop(d))) {
            out.push_chars(&[c, d], Kind::HanBi);
            out.next();
        }
    }
}
