//! The `netplus` command line: serve | chat | check.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use netplus::app::World;
use netplus::config::Config;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "netplus", version, about = "Telegram support bot for rural telecom users (zh-CN, bo, ug)")]
struct Cli {
    /// Configuration file (default: ./netplus.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the bot (long polling). Needs TELOXIDE_TOKEN.
    Serve,
    /// Chat with the bot in this terminal, without Telegram.
    Chat {
        /// Start in this language instead of showing the picker.
        #[arg(long)]
        lang: Option<String>,
        /// Print each typed line after "> " (for transcripts from a file).
        #[arg(long)]
        echo: bool,
    },
    /// Validate content and locales; exit non-zero on any problem.
    Check,
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
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

fn run(cli: Cli) -> Result<()> {
    let cfg = Config::load(cli.config.as_deref())?;
    match cli.command {
        Cmd::Check => {
            let world = World::load(&cfg)?;
            println!(
                "ok: {} packages, {} questions, {} counties; languages {}",
                world.content.packages.len(),
                world.content.questions.len(),
                world.content.counties.len(),
                world.l10n.languages().join(", ")
            );
            Ok(())
        }
        Cmd::Chat { lang, echo } => {
            let world = World::load(&cfg)?;
            if let Some(l) = &lang {
                if !world.l10n.languages().contains(l) {
                    bail!("language {l:?} is not enabled (enabled: {})", world.l10n.languages().join(", "));
                }
            }
            let stdin = std::io::stdin();
            netplus::console::run(&world, lang.as_deref(), stdin.lock(), std::io::stdout(), echo).context("terminal chat")
        }
        Cmd::Serve => {
            init_logging();
            let world = World::load(&cfg).context("content or locales refused; fix them and run `netplus check`")?;
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            rt.block_on(netplus::telegram::serve(cfg, world))
        }
    }
}
