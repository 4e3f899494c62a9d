//! Engine step + render per update, without any I/O.
//! Run: `cargo bench --bench engine`

use netplus::app::World;
use netplus::config::Config;
use netplus::engine::{self, Input, Profile, State};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let cfg = Config {
        content_dir: root.join("content"),
        locales_dir: root.join("locales"),
        ..Config::default()
    };
    let world = World::load(&cfg).expect("content loads");
    let ctx = world.ctx("2026-11-30");
    // A conversation that visits every kind of screen, in each language.
    let script = [
        "/start", "1", "1", "1", "2", "4", "2", "2", "༢", "١", "2", "1", "2", "3", "2", "hello",
        "/menu", "5", "3", "/help",
    ];
    let rounds = 3_000;
    let mut samples = Vec::with_capacity(rounds * script.len() * 3);
    let mut bytes = 0usize;
    let start = Instant::now();
    for lang in ["1", "2", "3"] {
        for _ in 0..rounds {
            let mut profile = Profile::default();
            let mut state = State::New;
            for (i, line) in script.iter().enumerate() {
                let line = if i == 1 { lang } else { line };
                let t = Instant::now();
                let engine::Outcome {
                    state: s, replies, ..
                } = engine::step(
                    &ctx,
                    &mut profile,
                    std::mem::take(&mut state),
                    Input::from_text(line),
                );
                for r in &replies {
                    bytes += world.render(&profile, r).text.len();
                }
                samples.push(t.elapsed());
                state = s;
            }
        }
    }
    let total = start.elapsed();
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "engine step + render: {} updates in {:.2?} ({:.0} updates/s on one core)",
        samples.len(),
        total,
        samples.len() as f64 / total.as_secs_f64()
    );
    println!(
        "  p50 {:.1?}  p99 {:.1?}  max {:.1?}  ({} bytes rendered)",
        pct(0.50),
        pct(0.99),
        samples[samples.len() - 1],
        bytes
    );
}
