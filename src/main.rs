//! The `netplus` command line: serve | chat | check | ask | faq-eval | backup | restore.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use netplus::app::World;
use netplus::config::Config;
use std::path::PathBuf;

/// `println!` that ends quietly when the reader went away (`netplus ask … | head`)
/// instead of panicking on the broken pipe.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write;
        let mut o = std::io::stdout().lock();
        if let Err(e) = writeln!(o, $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

#[derive(Parser)]
#[command(
    name = "netplus",
    version,
    about = "Telegram support bot for rural telecom users (languages: locales/languages.toml)"
)]
struct Cli {
    /// Configuration file (default: ./netplus.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the bot (long polling, or a webhook). Needs TELOXIDE_TOKEN.
    Serve {
        /// Receive updates by webhook (webhook_url, webhook_listen,
        /// NETPLUS_WEBHOOK_SECRET) instead of long polling.
        #[arg(long)]
        webhook: bool,
    },
    /// Chat with the bot in this terminal, without Telegram.
    Chat {
        /// Start in this language instead of showing the picker.
        #[arg(long)]
        lang: Option<String>,
        /// Print each typed line after "> " (for transcripts from a file).
        #[arg(long)]
        echo: bool,
        /// Rehearse the staff flows (broadcast up to the confirm, the inbox):
        /// what the bot would send or store is shown, never done.
        #[arg(long)]
        staff: bool,
    },
    /// Validate content and locales; exit non-zero on any problem. Also walks
    /// every screen and warns about messages and button labels too long for a
    /// phone (see src/check/).
    Check {
        /// Fail on the phone-fit warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Copy the store (bot stopped) into a new folder.
    Backup { dir: PathBuf },
    /// Put a backup back as the store (the data_dir must be empty or missing).
    Restore { dir: PathBuf },
    /// Show how the FAQ matches a question: top topics with scores and why.
    Ask {
        /// The user's language (for the answer shown).
        #[arg(long)]
        lang: Option<String>,
        /// The question, in any of the enabled languages.
        question: String,
    },
    /// Measure FAQ accuracy on `lang<TAB>question<TAB>expected-id` lines.
    FaqEval {
        file: PathBuf,
        /// Fail (exit 1) when a language's top-1 accuracy is below this.
        #[arg(long, default_value_t = 0.9)]
        min_top1: f32,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("netplus: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn run(cli: Cli) -> Result<()> {
    let cfg = Config::load(cli.config.as_deref())?;
    match cli.command {
        Cmd::Check { strict } => {
            let world = World::load(&cfg)?;
            out!(
                "ok: {} packages, {} questions, {} counties; languages {}",
                world.content.packages.len(),
                world.content.questions.len(),
                world.content.counties.len(),
                world.l10n.languages().join(", ")
            );
            let today = netplus::app::today_in_china();
            let report = netplus::check::crawl(&world, &today, &Default::default());
            for f in &report.findings {
                out!("warning: {f}");
            }
            out!(
                "phone fit ({} screens walked; messages over {} chars or {} lines, labels over their share of a row): {}",
                report.states,
                report.budget.chars,
                report.budget.lines,
                report.summary(world.l10n.languages())
            );
            if report.truncated {
                out!("warning: the walk stopped at its bounds; some screens were not reached");
            }
            if strict && !report.findings.is_empty() {
                bail!("{} phone-fit problem(s) (--strict)", report.findings.len());
            }
            Ok(())
        }
        Cmd::Chat { lang, echo, staff } => {
            let world = World::load(&cfg)?;
            if let Some(l) = &lang {
                if !world.l10n.languages().contains(l) {
                    bail!(
                        "language {l:?} is not enabled (enabled: {})",
                        world.l10n.languages().join(", ")
                    );
                }
            }
            let stdin = std::io::stdin();
            netplus::console::run(
                &world,
                lang.as_deref(),
                stdin.lock(),
                std::io::stdout(),
                netplus::console::Options { echo, staff },
            )
            .context("terminal chat")
        }
        Cmd::Backup { dir } => {
            let bytes = netplus::store::backup::backup(&cfg.data_dir, &dir)?;
            out!(
                "backed up {} ({bytes} bytes) to {}",
                cfg.data_dir.display(),
                dir.display()
            );
            Ok(())
        }
        Cmd::Restore { dir } => {
            let bytes = netplus::store::backup::restore(&dir, &cfg.data_dir)?;
            out!(
                "restored {} ({bytes} bytes) into {}",
                dir.display(),
                cfg.data_dir.display()
            );
            Ok(())
        }
        Cmd::Ask { lang, question } => {
            let world = World::load(&cfg)?;
            let lang = lang.unwrap_or_else(|| world.l10n.languages()[0].clone());
            if !world.l10n.languages().contains(&lang) {
                bail!("language {lang:?} is not enabled");
            }
            let hits = world.faq.search(&question, 3);
            out!("normalized: {}", netplus::faq::normalize(&question));
            out!("tokens: {}", netplus::faq::tokens(&question).join(" "));
            if hits.is_empty() {
                out!("no match");
            }
            for (i, h) in hits.iter().enumerate() {
                out!(
                    "{}. {} ({}) score {:.2} confidence {:.2} because: {}",
                    i + 1,
                    h.topic,
                    h.lang,
                    h.score,
                    h.confidence,
                    h.matched.join(", ")
                );
            }
            let sure = world.faq.is_confident(&hits);
            match hits.first().filter(|_| sure) {
                Some(h) => {
                    let answer = world.l10n.line(&lang, &netplus::engine::Line::new(format!("faq-{}-a", h.topic)));
                    out!("confident: the bot answers in {lang}:\n{answer}");
                }
                None => out!("not confident: the bot offers these topics and staff, and records the question"),
            }
            Ok(())
        }
        Cmd::FaqEval { file, min_top1 } => {
            let world = World::load(&cfg)?;
            let lines = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let report = netplus::faq::eval(&world.faq, &lines);
            out!("{report}");
            if !report.malformed.is_empty() {
                bail!(
                    "malformed lines in {}: {:?}",
                    file.display(),
                    report.malformed
                );
            }
            let low: Vec<String> = report
                .langs
                .iter()
                .filter(|l| l.top1_rate() < min_top1)
                .map(|l| format!("{} {:.1}%", l.lang, 100.0 * l.top1_rate()))
                .collect();
            if !low.is_empty() {
                bail!(
                    "top-1 accuracy below {:.0}%: {}",
                    100.0 * min_top1,
                    low.join(", ")
                );
            }
            Ok(())
        }
        Cmd::Serve { webhook } => {
            init_logging();
            netplus::telegram::broadcast::limit_malloc_arenas(); // before any thread: steady RSS (issue 3)
            let world = World::load(&cfg)
                .context("content or locales refused; fix them and run `netplus check`")?;
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            rt.block_on(async {
                use netplus::telegram::{connect, serve, Edge, Webhook};
                let client = connect()?;
                let edge = if webhook {
                    Edge::Webhook(Webhook::bind(&cfg).await?)
                } else {
                    Edge::Polling
                };
                serve(cfg, world, client, edge, shutdown_signal()).await?;
                Ok(())
            })
        }
    }
}

/// Ctrl-C or SIGTERM: `serve` finishes the updates in hand and stops.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
