//! Typed configuration read from the environment and validated at start.
//!
//! Every problem is reported at once, one line each; secrets are never part of a message.

use std::path::PathBuf;
use std::time::Duration;

use crate::domain::reminder::ReminderRules;

/// How hard SQLite syncs each commit to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSynchronous {
    Full,
    Normal,
}

impl SqliteSynchronous {
    pub fn pragma(self) -> &'static str {
        match self {
            Self::Full => "FULL",
            Self::Normal => "NORMAL",
        }
    }
}

#[derive(Clone)]
pub struct Config {
    pub bind_addr: String,
    pub database_url: String,
    pub data_dir: PathBuf,
    /// `None` when unset: a secret file in `data_dir` is used (see `bootstrap`).
    pub jwt_secret: Option<Vec<u8>>,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub sqlite_synchronous: SqliteSynchronous,
    pub db_pool_size: u32,
    pub admin_password: Option<String>,
    pub login_throttle: LoginThrottle,
    /// Largest evidence file accepted (`EVIDENCE_MAX_BYTES`, default 20 MiB).
    pub evidence_max_bytes: u64,
    /// How long the change feed keeps a change (`CHANGE_RETENTION`, default 30 days); a
    /// cursor older than that is answered 410.
    pub change_retention: Duration,
    pub webhooks: WebhookSettings,
    /// When deadline reminders go out (`REMINDER_DUE_SOON_DAYS`, default `7,1`;
    /// `REMINDER_REVIEW_DAYS`, default 5).
    pub reminders: ReminderRules,
}

/// How webhook deliveries are sent (see `webhooks::worker`).
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Whether receivers on loopback, private and link-local addresses are allowed
    /// (`WEBHOOK_ALLOW_PRIVATE`, default false: refusing them keeps a subscription from
    /// probing the province's own network).
    pub allow_private: bool,
    /// How long one attempt may take, connecting included (`WEBHOOK_TIMEOUT`, default 10 s).
    pub timeout: Duration,
    /// Failed attempts in a row after which a webhook is disabled (`WEBHOOK_DISABLE_AFTER`,
    /// default 8: one delivery's whole retry schedule, about 27 hours).
    pub disable_after: i32,
}

/// Limits on wrong passwords inside a sliding window (see `auth::throttle`).
#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle {
    pub window: Duration,
    /// Failures of one account before it starts backing off.
    pub free_per_account: i64,
    /// The longest an account's back-off grows.
    pub max_backoff: Duration,
    /// Failures from one address before it is refused for the rest of the window.
    pub max_per_client: i64,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(15 * 60),
            free_per_account: 5,
            max_backoff: Duration::from_secs(15 * 60),
            max_per_client: 50,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind_addr", &self.bind_addr)
            .field(
                "database",
                &crate::db::Backend::describe(&self.database_url),
            )
            .field("data_dir", &self.data_dir)
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "<set>"))
            .field("access_token_ttl", &self.access_token_ttl)
            .field("refresh_token_ttl", &self.refresh_token_ttl)
            .field("sqlite_synchronous", &self.sqlite_synchronous)
            .field("db_pool_size", &self.db_pool_size)
            .finish_non_exhaustive()
    }
}

pub const MIN_JWT_SECRET_BYTES: usize = 32;

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, Vec<String>> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads configuration through `lookup`, so tests can supply their own variables.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let data_dir = PathBuf::from(lookup("DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = lookup("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("compliance.db").display()));
        if let Err(problem) = crate::db::Backend::from_url(&database_url) {
            problems.push(format!("DATABASE_URL: {problem}"));
        }
        let jwt_secret = lookup("JWT_SECRET").map(String::into_bytes);
        if jwt_secret
            .as_ref()
            .is_some_and(|s| s.len() < MIN_JWT_SECRET_BYTES)
        {
            problems.push(format!(
                "JWT_SECRET: must be at least {MIN_JWT_SECRET_BYTES} bytes"
            ));
        }
        let sqlite_synchronous = match lookup("SQLITE_SYNCHRONOUS").as_deref() {
            None => SqliteSynchronous::Full,
            Some(v) if v.eq_ignore_ascii_case("full") => SqliteSynchronous::Full,
            Some(v) if v.eq_ignore_ascii_case("normal") => SqliteSynchronous::Normal,
            Some(v) => {
                problems.push(format!(
                    "SQLITE_SYNCHRONOUS: expected full or normal, got {v:?}"
                ));
                SqliteSynchronous::Full
            }
        };
        let access_token_ttl = duration(&lookup, "ACCESS_TOKEN_TTL", 15 * 60, &mut problems);
        let refresh_token_ttl =
            duration(&lookup, "REFRESH_TOKEN_TTL", 30 * 24 * 3600, &mut problems);
        let change_retention = duration(&lookup, "CHANGE_RETENTION", 30 * 24 * 3600, &mut problems);
        let review_days = match lookup("REMINDER_REVIEW_DAYS").map(|v| v.parse::<i32>()) {
            None => 5,
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                problems.push("REMINDER_REVIEW_DAYS: expected a number of days".into());
                5
            }
        };
        let due_soon = lookup("REMINDER_DUE_SOON_DAYS").unwrap_or_else(|| "7,1".into());
        let reminders = ReminderRules::new(&due_soon, review_days).unwrap_or_else(|problem| {
            problems.push(format!(
                "REMINDER_DUE_SOON_DAYS / REMINDER_REVIEW_DAYS: {problem}"
            ));
            ReminderRules::default()
        });
        let webhooks = WebhookSettings {
            allow_private: flag(&lookup, "WEBHOOK_ALLOW_PRIVATE", &mut problems),
            timeout: duration(&lookup, "WEBHOOK_TIMEOUT", 10, &mut problems),
            disable_after: match lookup("WEBHOOK_DISABLE_AFTER").map(|v| v.parse::<i32>()) {
                None => 8,
                Some(Ok(n)) if n > 0 => n,
                Some(_) => {
                    problems.push("WEBHOOK_DISABLE_AFTER: expected a positive number".into());
                    8
                }
            },
        };
        let default_pool = (std::thread::available_parallelism().map_or(2, |n| n.get()) * 4) as u32;
        let db_pool_size = match lookup("DB_POOL_SIZE").map(|v| v.parse::<u32>()) {
            None => default_pool,
            Some(Ok(n)) if (1..=512).contains(&n) => n,
            Some(_) => {
                problems.push("DB_POOL_SIZE: expected a whole number from 1 to 512".into());
                default_pool
            }
        };
        let evidence_max_bytes = match lookup("EVIDENCE_MAX_BYTES").map(|v| v.parse::<u64>()) {
            None => 20 * 1024 * 1024,
            Some(Ok(n)) if (1..=1024 * 1024 * 1024).contains(&n) => n,
            Some(_) => {
                problems.push(
                    "EVIDENCE_MAX_BYTES: expected a whole number of bytes from 1 to 1 GiB".into(),
                );
                0
            }
        };
        let admin_password = lookup("ADMIN_PASSWORD");
        if admin_password
            .as_ref()
            .is_some_and(|p| p.chars().count() < crate::domain::values::MIN_PASSWORD_CHARS)
        {
            problems.push(format!(
                "ADMIN_PASSWORD: must have at least {} characters",
                crate::domain::values::MIN_PASSWORD_CHARS
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            bind_addr: lookup("BIND_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into()),
            database_url,
            data_dir,
            jwt_secret,
            access_token_ttl,
            refresh_token_ttl,
            sqlite_synchronous,
            db_pool_size,
            admin_password,
            login_throttle: LoginThrottle::default(),
            evidence_max_bytes,
            change_retention,
            webhooks,
            reminders,
        })
    }
}

/// Parses a duration given in seconds, or with a unit suffix: `90s`, `15m`, `12h`, `30d`.
fn duration(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
    default_secs: u64,
    problems: &mut Vec<String>,
) -> Duration {
    let Some(raw) = lookup(name) else {
        return Duration::from_secs(default_secs);
    };
    match parse_duration(&raw) {
        Some(d) if d.as_secs() > 0 => d,
        _ => {
            problems.push(format!(
                "{name}: expected seconds or a number with s, m, h or d, got {raw:?}"
            ));
            Duration::from_secs(default_secs)
        }
    }
}

fn flag(lookup: &impl Fn(&str) -> Option<String>, name: &str, problems: &mut Vec<String>) -> bool {
    match lookup(name)
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("false" | "0" | "no") => false,
        Some("true" | "1" | "yes") => true,
        Some(other) => {
            problems.push(format!("{name}: expected true or false, got {other:?}"));
            false
        }
    }
}

fn parse_duration(raw: &str) -> Option<Duration> {
    let raw = raw.trim();
    let (digits, unit) = match raw.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => raw.split_at(i),
        None => (raw, "s"),
    };
    let value: u64 = digits.parse().ok()?;
    let factor = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => return None,
    };
    value.checked_mul(factor).map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, Vec<String>> {
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_use_sqlite_in_data_dir() {
        let c = config(&[]).unwrap();
        assert_eq!(c.bind_addr, "127.0.0.1:8080");
        assert_eq!(c.database_url, "sqlite://./data/compliance.db");
        assert_eq!(c.access_token_ttl, Duration::from_secs(900));
        assert_eq!(c.sqlite_synchronous, SqliteSynchronous::Full);
    }

    #[test]
    fn reports_every_problem_without_secrets() {
        let problems = config(&[
            ("JWT_SECRET", "short-secret-value"),
            ("SQLITE_SYNCHRONOUS", "off"),
            ("ACCESS_TOKEN_TTL", "soon"),
            ("DATABASE_URL", "mysql://x"),
        ])
        .unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().all(|p| !p.contains("short-secret-value")));
    }

    #[test]
    fn durations_take_units() {
        assert_eq!(parse_duration("15m"), Some(Duration::from_secs(900)));
        assert_eq!(parse_duration("30d"), Some(Duration::from_secs(30 * 86400)));
        assert_eq!(parse_duration("45"), Some(Duration::from_secs(45)));
        assert_eq!(parse_duration("5w"), None);
    }
}
