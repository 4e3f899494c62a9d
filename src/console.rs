//! `netplus chat`: the same conversation in a terminal, for staff to try content
//! with no Telegram at all. Buttons print as numbered options; typing the number
//! (or a keyword) works exactly as it does in Telegram.

use crate::app::{today_in_china, World};
use crate::engine::{self, Command, Input, Profile, State};
use std::io::{self, BufRead, Write};

/// Runs a chat over `input` until it ends. With `echo`, each typed line is printed
/// after `> ` (for transcripts read from a file).
pub fn run(
    world: &World,
    lang: Option<&str>,
    input: impl BufRead,
    mut out: impl Write,
    echo: bool,
) -> io::Result<()> {
    let today = today_in_china();
    let ctx = world.ctx(&today);
    let mut profile = Profile {
        lang: lang.map(String::from),
        ..Profile::default()
    };
    let mut state = State::New;
    let show = |out: &mut dyn Write,
                profile: &mut Profile,
                state: &mut State,
                input: Input|
     -> io::Result<()> {
        let step = engine::step(&ctx, profile, std::mem::take(state), input);
        *state = step.state;
        for r in &step.replies {
            let rendered = world.render(profile, r);
            writeln!(out, "{}", rendered.text)?;
            for row in &rendered.buttons {
                let labels: Vec<String> =
                    row.iter().map(|(label, _)| format!("[{label}]")).collect();
                writeln!(out, "  {}", labels.join(" "))?;
            }
            writeln!(out)?;
        }
        Ok(())
    };
    if echo {
        writeln!(out, "> /start")?;
    }
    show(
        &mut out,
        &mut profile,
        &mut state,
        Input::Command(Command::Start(None)),
    )?;
    for line in input.lines() {
        let line = line?;
        if echo {
            writeln!(out, "> {line}")?;
        }
        show(&mut out, &mut profile, &mut state, Input::from_text(&line))?;
        out.flush()?;
    }
    Ok(())
}
