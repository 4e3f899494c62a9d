//! End to end through the fake Bot API server on 127.0.0.1: updates/s with the
//! store on disk (and, beside it, the in-memory store, `Store::temporary`), reply
//! latency at a steady offered load, and cold start of the real binary to its
//! first getUpdates.
//! Run: `cargo bench --bench e2e [-- throughput|latency|cold]`

#[path = "../tests/support/fake_tg/mod.rs"]
mod fake_tg;

use fake_tg::*;
use netplus::app::World;
use netplus::config::Config;
use netplus::store::Store;
use netplus::telegram::{connect_to, Runner, Team};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

const SCRIPT: [&str; 20] = [
    "/start", "1", "1", "1", "1", "2", "4", "2", "2", "1", "2", "1", "2", "1", "3", "/menu", "1",
    "3", "/help", "5",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn world() -> Arc<World> {
    let cfg = Config {
        content_dir: root().join("content"),
        locales_dir: root().join("locales"),
        ..Config::default()
    };
    Arc::new(World::load(&cfg).expect("content loads"))
}

/// A running bot; `finish` stops it and waits until its store is closed, so one
/// measurement does not pay for the previous one's clean-up.
struct Running {
    runner: Arc<Runner>,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
    dir: tempfile::TempDir,
}

impl Running {
    async fn finish(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        drop(self.runner);
        let dir = self.dir;
        let _ = tokio::task::spawn_blocking(move || drop(dir)).await;
    }
}

/// `on_disk`: the store as `serve` opens it (flushes fsynced); else the
/// in-memory store, the same sled in shared memory with nothing fsynced.
async fn runner(tg: &FakeTelegram, world: Arc<World>, on_disk: bool) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let store = if on_disk {
        Store::open(&dir.path().join("db")).unwrap()
    } else {
        Store::temporary().unwrap()
    };
    let api = connect_to(FakeTelegram::TOKEN, &tg.url()).unwrap();
    let r = Runner::new(api, world, store, Team::default());
    let (tx, rx) = watch::channel(false);
    let run = Arc::clone(&r);
    let task = tokio::spawn(async move {
        let _ = run.run(rx).await;
    });
    Running {
        runner: r,
        stop: tx,
        task,
        dir,
    }
}

/// Everything pushed at once: how fast the backlog is worked off.
/// The fake Bot API server gets a runtime (and thread) of its own, as the real
/// one is another machine.
fn fake_server() -> FakeTelegram {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    let rt = RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap()
    });
    std::thread::spawn(move || rt.block_on(FakeTelegram::start()))
        .join()
        .expect("fake server starts")
}

async fn throughput(world: Arc<World>, on_disk: bool, chats: i64) -> f64 {
    let tg = fake_server().with_deadline(Duration::from_secs(300));
    let bot = runner(&tg, world, on_disk).await;
    let mut updates = Vec::new();
    for line in SCRIPT {
        for c in 0..chats {
            updates.push(msg_update_lang(10_000 + c, line, None));
        }
    }
    let n = updates.len();
    let start = Instant::now();
    let ids = tg.push_updates(updates);
    tg.wait_confirmed(ids[n - 1] + 1).await;
    tg.wait_sent_total(n).await;
    let secs = start.elapsed().as_secs_f64();
    bot.finish().await;
    assert_eq!(tg.sent_total(), n, "one reply per update");
    n as f64 / secs
}

/// A steady offered load: latency from the update's arrival at the server to
/// the reply's arrival there.
async fn latency(
    world: Arc<World>,
    per_second: u64,
    seconds: u64,
) -> (Duration, Duration, Duration, Option<u64>, Option<u64>) {
    let tg = fake_server().with_deadline(Duration::from_secs(120));
    let bot = runner(&tg, world, true).await;
    let chats: i64 = std::env::var("LAT_CHATS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let total = (per_second * seconds) as usize;
    let mut pushed: Vec<(i64, usize, Instant)> = Vec::with_capacity(total);
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    let per_tick = (per_second / 100) as usize;
    let mut k = 0usize;
    let mut last = 0;
    while k < total {
        tick.tick().await;
        for _ in 0..per_tick.min(total - k) {
            let chat = 20_000 + (k as i64 % chats);
            let seq = k / chats as usize;
            let line = SCRIPT[seq % SCRIPT.len()];
            last = tg.push_update(msg_update_lang(chat, line, None));
            pushed.push((chat, seq, Instant::now()));
            k += 1;
        }
    }
    tg.wait_confirmed(last + 1).await;
    tg.wait_sent_total(total).await;
    let handling = (
        bot.runner.metrics.handling_quantile_ms(0.5),
        bot.runner.metrics.handling_quantile_ms(0.99),
    );
    bot.finish().await;
    let mut lat = Vec::with_capacity(total);
    for (chat, seq, at) in pushed {
        let sent = tg.sent_to(chat);
        lat.push(sent[seq].at.saturating_duration_since(at));
    }
    lat.sort();
    let p = |q: f64| lat[((lat.len() as f64 * q) as usize).min(lat.len() - 1)];
    (p(0.5), p(0.99), lat[lat.len() - 1], handling.0, handling.1)
}

/// The real binary: spawn to its first getUpdates.
async fn cold_start() -> Duration {
    let tg = fake_server();
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_netplus"))
        .arg("serve")
        .current_dir(root())
        .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
        .env("TELOXIDE_API_URL", tg.url())
        .env("NETPLUS_DATA_DIR", dir.path().join("db"))
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    tg.wait_calls("getUpdates", 1).await;
    let d = start.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    d
}

/// `cargo bench --bench e2e -- latency` runs only that part (each part in a
/// fresh process measures more cleanly: see BENCHMARKS.md).
fn want(part: &str) -> bool {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    args.is_empty() || args.iter().any(|a| a == part)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let _ = fake_server();
    rt.block_on(async {
        let world = world();
        for (name, on_disk) in [("sled on disk", true), ("in-memory store", false)].into_iter().filter(|_| want("throughput")) {
            let mut runs = Vec::new();
            for _ in 0..3 {
                runs.push(throughput(Arc::clone(&world), on_disk, 1_000).await);
            }
            runs.sort_by(|a, b| a.total_cmp(b));
            println!("throughput, {name}: 20,000 updates from 1,000 chats: median {:.0} updates/s (runs: {:?})", runs[1], runs.iter().map(|r| r.round()).collect::<Vec<_>>());
        }
        for rate in [1_000u64, 2_000].into_iter().filter(|_| want("latency")) {
            let (p50, p99, max, h50, h99) = latency(Arc::clone(&world), rate, 5).await;
            println!("reply latency at {rate} updates/s for 5 s (sled): p50 {p50:.1?}  p99 {p99:.1?}  max {max:.1?}");
            let ms = |v: Option<u64>| v.map_or("> 1000 ms".to_string(), |v| format!("≤ {v} ms"));
            println!("  handling latency (receipt to commit, from /metrics buckets): p50 {}  p99 {}", ms(h50), ms(h99));
        }
        if !want("cold") {
            return;
        }
        let mut starts = Vec::new();
        for _ in 0..5 {
            starts.push(cold_start().await);
        }
        starts.sort();
        println!("cold start to first getUpdates (release binary): median {:.0?} (min {:.0?}, max {:.0?})", starts[2], starts[0], starts[4]);
    });
}
