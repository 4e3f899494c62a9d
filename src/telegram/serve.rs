//! `netplus serve`: the wiring. The caller hands in the Bot API client
//! ([`connect`]), the edge updates arrive through ([`Edge`]: long polling, or a
//! webhook already listening) and the future that says stop (main.rs: SIGTERM
//! or Ctrl-C), as tokio's mini-redis `server::run(listener, shutdown)` does;
//! [`serve`] opens the store and runs the update loop with the tasks beside it.

use super::{api, broadcast, http, webhook, Runner, Team, TelegramError};
use crate::app::World;
use crate::config::Config;
use crate::store::Store;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::watch;

/// How updates reach the bot.
pub enum Edge {
    /// Long polling: `getUpdates`, each batch confirmed by the next offset.
    Polling,
    /// Telegram POSTs each update; the 200 confirms it.
    Webhook(Webhook),
}

/// Webhook mode's edge: the checked settings and the socket, bound before
/// `setWebhook` so that Telegram's first POST finds it.
pub struct Webhook {
    listener: tokio::net::TcpListener,
    url: reqwest::Url,
    secret: String,
}

impl Webhook {
    /// Checks `webhook_url` and the secret (`NETPLUS_WEBHOOK_SECRET`), then
    /// listens on `webhook_listen`.
    pub async fn bind(cfg: &Config) -> Result<Webhook, TelegramError> {
        let (Some(url), Some(secret)) = (cfg.webhook_url.clone(), cfg.webhook_secret.clone())
        else {
            return Err(TelegramError::WebhookConfig(
                "webhook mode needs webhook_url (NETPLUS_WEBHOOK_URL) and a secret in NETPLUS_WEBHOOK_SECRET".into(),
            ));
        };
        let url = reqwest::Url::parse(&url).map_err(|_| {
            TelegramError::WebhookConfig(format!("webhook_url {url:?} is not a URL"))
        })?;
        if secret.is_empty()
            || secret.len() > 256
            || !secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(TelegramError::WebhookConfig(
                "the webhook secret must be 1 to 256 of A-Z, a-z, 0-9, _ and -".into(),
            ));
        }
        let addr = cfg.webhook_listen;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| TelegramError::Listen { addr, source })?;
        Ok(Webhook {
            listener,
            url,
            secret,
        })
    }
}

/// Reads `TELOXIDE_TOKEN` and `TELOXIDE_API_URL` as teloxide does, without its
/// panics, and builds the Bot API client.
pub fn connect() -> Result<api::Client, TelegramError> {
    let token = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .ok_or(TelegramError::NoToken)?;
    let api =
        std::env::var("TELOXIDE_API_URL").unwrap_or_else(|_| "https://api.telegram.org".into());
    connect_to(&token, &api)
}

/// The Bot API client for this token and Bot API address.
pub fn connect_to(token: &str, api: &str) -> Result<api::Client, TelegramError> {
    let api = api.trim_end_matches('/').to_string();
    reqwest::Url::parse(&api).map_err(|_| TelegramError::BadApiUrl(api.clone()))?;
    let http = teloxide::net::default_reqwest_settings()
        .build()
        .map_err(|e| TelegramError::Client(e.to_string()))?;
    Ok(api::Client::new(http, &api, token))
}

/// `netplus serve [--webhook]`: opens the store and serves updates from `edge`
/// through `api` until `shutdown` completes (the updates in hand are finished
/// first), beside the broadcast sender, the retention sweep, `/healthz` and
/// `/metrics` (when `http_addr` is set) and, on Unix, a reload on SIGHUP.
pub async fn serve(
    cfg: Config,
    world: World,
    api: api::Client,
    edge: Edge,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), TelegramError> {
    let store = Store::open(&cfg.data_dir)?;
    let cfg_http = cfg.http_addr;
    let team = Team {
        staff: cfg.staff.clone(),
        staff_chat: cfg.staff_chat,
        flood_per_minute: cfg.flood_per_minute,
        retention_days: cfg.retention_days,
    };
    let world = Arc::new(world);
    // Broadcasts (issue 3): effects run in the update loop, jobs in their own task.
    if cfg.broadcast_limit() < cfg.broadcast_rate {
        tracing::warn!(
            configured = cfg.broadcast_rate,
            used = cfg.broadcast_limit(),
            "broadcast_rate is above Telegram's ceiling (see paid_broadcast)"
        );
    }
    let broadcasts = broadcast::Broadcasts::new(
        &api,
        store.clone(),
        Arc::clone(&world),
        broadcast::Settings::from_config(&cfg),
    )?;
    let runner = Runner::with_config(api, world, store, team, cfg, Some(Arc::clone(&broadcasts)));
    tokio::spawn(Arc::clone(&runner).sweep_forever());
    if let Some(addr) = cfg_http {
        let r = Arc::clone(&runner);
        tokio::spawn(async move {
            if let Err(e) = http::serve(addr, r).await {
                tracing::error!("health and metrics server on {addr} failed: {e}");
            }
        });
    }
    #[cfg(unix)]
    {
        let r = Arc::clone(&runner);
        tokio::spawn(async move {
            use tokio::signal::unix::{signal, SignalKind};
            let Ok(mut hup) = signal(SignalKind::hangup()) else {
                return;
            };
            while hup.recv().await.is_some() {
                if let Err(e) = r.reload() {
                    r.tell_staff_reload_failed(&e).await;
                }
            }
        });
    }
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("stopping: finishing the updates in hand");
        let _ = stop_tx.send(true);
    });
    let sender = tokio::spawn(broadcasts.run(stop_rx.clone()));
    match edge {
        Edge::Webhook(Webhook {
            listener,
            url,
            secret,
        }) => {
            runner.setup_webhook(url.clone(), &secret).await?;
            runner.resume();
            webhook::serve(
                Arc::clone(&runner),
                listener,
                url.path().to_string(),
                secret,
                stop_rx,
            )
            .await
            .map_err(TelegramError::WebhookServer)?;
            runner.finish().await?;
        }
        Edge::Polling => {
            runner.setup().await?;
            runner.run(stop_rx).await?;
        }
    }
    if let Err(e) = sender.await {
        tracing::error!("broadcast sender ended abnormally: {e}");
    }
    tracing::info!("stopped");
    Ok(())
}
