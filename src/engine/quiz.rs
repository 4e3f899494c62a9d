//! The eligibility questionnaire and its result: ask only what can still
//! change a verdict (the county by name, never "designated"; nothing the
//! profile already says), take typed natural answers ("68岁", "ཡིན"), and end
//! on a short result that leads somewhere: the packages the user can get as
//! buttons to "what to bring", and a "why not?" that states each missing
//! condition as a requirement.

use super::*;
use crate::content::rules::{Facts, Judgement, Need, UNKNOWN_COUNTY};
use crate::content::{Question, QuestionKind};

/// What is known for this questionnaire: its answers, the profile's county.
pub(super) fn facts<'c>(
    ctx: &Ctx<'c>,
    profile: &Profile,
    answers: &[(String, String)],
) -> Facts<'c> {
    Facts::new(ctx.content, answers, profile.county.as_deref())
}

/// The packages a questionnaire judges: the one its card asked about, or every
/// package on offer where the user lives (every county while unknown).
fn scope<'c>(ctx: &Ctx<'c>, facts: &Facts<'c>, only: Option<&str>) -> Vec<&'c Package> {
    let county = facts.county().map(|c| c.code.as_str());
    ctx.content
        .packages
        .iter()
        .filter(|p| p.is_current(ctx.today))
        .filter(|p| only.is_none_or(|id| p.id == id))
        .filter(|p| {
            only.is_some()
                || county.is_none_or(|c| p.counties.is_empty() || p.counties.iter().any(|x| x == c))
        })
        .collect()
}

/// The questions that could still decide an open verdict, in order.
fn open_questions<'c>(ctx: &Ctx<'c>, facts: &Facts<'c>, only: Option<&str>) -> Vec<&'c Question> {
    let mut wanted: Vec<String> = Vec::new();
    for p in scope(ctx, facts, only) {
        if let Judgement::Open(qs) = facts.judge(p) {
            wanted.extend(qs);
        }
    }
    ctx.content
        .questions
        .iter()
        .filter(|q| !facts.answered(&q.id) && wanted.contains(&q.id))
        .collect()
}

/// The question to ask now, if any.
pub(super) fn next_question<'c>(
    ctx: &Ctx<'c>,
    profile: &Profile,
    answers: &[(String, String)],
    only: Option<&str>,
) -> Option<&'c Question> {
    open_questions(ctx, &facts(ctx, profile, answers), only)
        .first()
        .copied()
}

/// Whether `v` answers question `q` now.
pub(super) fn valid_answer(ctx: &Ctx<'_>, q: &Question, v: &str) -> bool {
    match q.kind {
        QuestionKind::Choice => q.choices.iter().any(|c| c == v),
        QuestionKind::County => v == UNKNOWN_COUNTY || ctx.content.county(v).is_some(),
    }
}

/// The questionnaire's screen: the next question, or the result.
pub(super) fn view(
    ctx: &Ctx<'_>,
    profile: &Profile,
    answers: &[(String, String)],
    only: Option<&str>,
) -> Reply {
    let f = facts(ctx, profile, answers);
    let open = open_questions(ctx, &f, only);
    let Some(q) = open.first() else {
        return match only {
            Some(id) => one_result(ctx, profile, answers, id),
            None => result(ctx, profile, answers),
        };
    };
    let n = answers.len() as i64 + 1;
    // An upper bound that only shrinks: questions asked plus those still open.
    let total = answers.len() as i64 + open.len() as i64;
    let answer = |v: &str, label: Line| {
        button(
            label,
            Action::Answer {
                q: q.id.clone(),
                v: v.to_string(),
            },
        )
    };
    let mut r = Reply::default()
        .line(
            Line::new(msg::QUIZ_PROGRESS)
                .arg("n", Arg::Num(n))
                .arg("total", Arg::Num(total)),
        )
        .line(Line::new(format!("q-{}", q.id)));
    match q.kind {
        QuestionKind::Choice => {
            let row: Vec<Button> = q
                .choices
                .iter()
                .map(|c| answer(c, Line::new(format!("q-{}-{c}", q.id))))
                .collect();
            // Yes and no share a row; three or more are phrases ("18 to
            // 59 years old") that three to a row would cut: one a row.
            r = if row.len() <= 2 {
                r.row(row)
            } else {
                r.column(row)
            };
        }
        QuestionKind::County => {
            let counties: Vec<Button> = ctx
                .content
                .counties
                .iter()
                .map(|c| answer(&c.code, Line::new(format!("county-{}", c.code))))
                .collect();
            for pair in counties.chunks(2) {
                r = r.row(pair.to_vec());
            }
            let unknown = format!("q-{}-{UNKNOWN_COUNTY}", q.id);
            r = r.row(vec![answer(UNKNOWN_COUNTY, Line::new(unknown))]);
        }
    }
    let mut nav = Vec::new();
    if !answers.is_empty() || only.is_some() {
        nav.push(button(Line::new(msg::BTN_BACK), Action::Back));
    }
    if !answers.is_empty() {
        nav.push(button(Line::new(msg::BTN_RESTART), Action::QuizRestart));
    }
    nav.push(button(Line::new(msg::BTN_MENU), Action::Menu));
    r.row(nav)
}

/// A typed answer to the question on screen that is not a button's number or
/// word: an age as a number with words around it ("68岁", "ལོ་༦༨", "六十八").
pub(super) fn typed_answer(
    ctx: &Ctx<'_>,
    profile: &Profile,
    state: &State,
    text: &str,
) -> Option<Action> {
    let State::Quiz { answers, only } = state else {
        return None;
    };
    let q = next_question(ctx, profile, answers, only.as_deref())?;
    if q.ranges.is_empty() {
        return None;
    }
    let n = crate::text::parse_amount(limits::cut_chars(text, limits::QUESTION_CHARS))?;
    // A plain small number is the button of that number (`resolve_buttons`).
    let buttons = view(ctx, profile, answers, only.as_deref())
        .flat_buttons()
        .count();
    if crate::text::parse_number(text).is_some_and(|b| (b as usize) <= buttons) {
        return None;
    }
    q.choice_for_number(n).map(|v| Action::Answer {
        q: q.id.clone(),
        v: v.to_string(),
    })
}

/// An answer was given: the next state, and the profile updated when the
/// questionnaire is done.
pub(super) fn answered(
    ctx: &Ctx<'_>,
    profile: &mut Profile,
    mut answers: Vec<(String, String)>,
    only: Option<String>,
    q: String,
    v: String,
) -> Result<State, Box<State>> {
    let current = next_question(ctx, profile, &answers, only.as_deref());
    match current {
        Some(cq) if cq.id == q && valid_answer(ctx, cq, &v) => answers.push((q, v)),
        _ => return Err(Box::new(State::Quiz { answers, only })),
    }
    if next_question(ctx, profile, &answers, only.as_deref()).is_some() {
        return Ok(State::Quiz { answers, only });
    }
    // Done: remember what was learned (the county for everything else).
    let county_q = ctx.content.county_question().map(|q| q.id.clone());
    for (q, v) in &answers {
        if Some(q) == county_q.as_ref() && ctx.content.county(v).is_some() {
            profile.county = Some(v.clone());
        }
    }
    if only.is_some() {
        for (q, v) in &answers {
            profile.answers.retain(|(x, _)| x != q);
            profile.answers.push((q.clone(), v.clone()));
        }
        Ok(State::Quiz { answers, only })
    } else {
        profile.answers = answers;
        Ok(State::Result)
    }
}

/// The label of a package as a button: its price first, so a narrow phone
/// cuts the end of the name, not the price.
pub(super) fn package_label(p: &Package) -> Line {
    Line::new(msg::PACKAGE_BUTTON)
        .line("name", name(p))
        .line("price", short_price(p))
}

/// The packages of the last questionnaire: (can get, cannot).
fn verdicts<'c>(
    ctx: &Ctx<'c>,
    profile: &Profile,
    answers: &[(String, String)],
) -> (Vec<&'c Package>, Vec<(&'c Package, Vec<Need>)>) {
    let f = facts(ctx, profile, answers);
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for p in scope(ctx, &f, None) {
        match f.judge(p) {
            Judgement::Yes => yes.push(p),
            Judgement::No(needs) => no.push((p, needs)),
            Judgement::Open(_) => no.push((p, Vec::new())),
        }
    }
    (yes, no)
}

/// The result: what the user can get, as buttons to what to bring; one line
/// for the rest, with "why not?".
pub(super) fn result(ctx: &Ctx<'_>, profile: &Profile, answers: &[(String, String)]) -> Reply {
    let (yes, no) = verdicts(ctx, profile, answers);
    let mut r = Reply::default();
    if yes.is_empty() {
        r = r.line(Line::new(msg::RESULT_NONE));
    } else {
        r = r.line(Line::new(msg::RESULT_CAN).arg("count", Arg::Num(yes.len() as i64)));
        for p in &yes {
            r = r.row(vec![button(package_label(p), Action::Apply(p.id.clone()))]);
        }
    }
    let mut nav = Vec::new();
    if !no.is_empty() {
        if !yes.is_empty() {
            r = r.line(Line::new(msg::RESULT_REST).arg("count", Arg::Num(no.len() as i64)));
        }
        nav.push(button(Line::new(msg::BTN_WHY_NOT), Action::WhyNot(None)));
    }
    nav.push(button(Line::new(msg::BTN_RESTART), Action::QuizRestart));
    r.row(nav).row(vec![
        button(Line::new(msg::BTN_HUMAN), Action::Human),
        button(Line::new(msg::BTN_MENU), Action::Menu),
    ])
}

/// "Can I get it?" from a package card: its verdict alone.
fn one_result(ctx: &Ctx<'_>, profile: &Profile, answers: &[(String, String)], id: &str) -> Reply {
    let Some(p) = current_package(ctx, id) else {
        return result(ctx, profile, answers);
    };
    let f = facts(ctx, profile, answers);
    match f.judge(p) {
        Judgement::Yes => Reply::default()
            .line(Line::new(msg::RESULT_ONE_YES).line("package", name(p)))
            .row(vec![button(
                Line::new(msg::BTN_APPLY),
                Action::Apply(p.id.clone()),
            )])
            .row(back_menu()),
        Judgement::No(needs) => explain(ctx, profile, p, &needs).row(back_menu()),
        Judgement::Open(_) => explain(ctx, profile, p, &[]).row(back_menu()),
    }
}

/// Why the user cannot get `p`: each missing condition as a requirement, and
/// a package to look at instead when they can get that one.
fn explain(ctx: &Ctx<'_>, profile: &Profile, p: &Package, needs: &[Need]) -> Reply {
    let mut r = Reply::default().line(Line::new(msg::RESULT_ONE_NO).line("package", name(p)));
    let lines: Vec<Line> = needs.iter().map(need_line).collect();
    match lines.as_slice() {
        [] => {}
        [one] => r = r.line(Line::new(msg::NEED_ONE).line("need", one.clone())),
        _ => {
            r = r.line(Line::new(msg::NEED_ALL));
            for l in lines {
                r = r.line(Line::new(msg::NEED_ITEM).line("need", l));
            }
        }
    }
    let f = facts(ctx, profile, &profile.answers);
    let instead = p
        .rule
        .try_instead
        .as_deref()
        .and_then(|t| current_package(ctx, t))
        .filter(|t| f.judge(t) == Judgement::Yes);
    if let Some(t) = instead {
        r = r.row(vec![button(
            Line::new(msg::BTN_TRY).line("package", name(t)),
            Action::Package(t.id.clone()),
        )]);
    }
    r
}

/// One requirement as a line.
fn need_line(n: &Need) -> Line {
    match n {
        Need::Is(c) => Line::new(c.need_id()),
        Need::Not(c) => Line::new(c.need_not_id()),
        Need::OneOf(cs) => Line::new(msg::NEED_ONE_OF).arg(
            "options",
            Arg::Alt(cs.iter().map(|c| Line::new(c.need_id())).collect()),
        ),
        Need::LiveIn(codes) => Line::new(msg::NEED_LIVE_IN).arg(
            "counties",
            Arg::Alt(
                codes
                    .iter()
                    .map(|c| Line::new(format!("county-{c}")))
                    .collect(),
            ),
        ),
    }
}

/// "Why not?": the packages the user cannot get, one button each, or one
/// package's requirements.
pub(super) fn why_not(ctx: &Ctx<'_>, profile: &Profile, id: Option<&str>) -> Reply {
    let (_, no) = verdicts(ctx, profile, &profile.answers);
    if let Some((p, needs)) = id.and_then(|id| no.iter().find(|(p, _)| p.id == id)) {
        return explain(ctx, profile, p, needs).row(back_menu());
    }
    let mut r = Reply::default().line(Line::new(msg::WHY_TITLE));
    for (p, _) in &no {
        r = r.row(vec![button(name(p), Action::WhyNot(Some(p.id.clone())))]);
    }
    r.row(back_menu())
}
