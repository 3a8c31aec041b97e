//! Rules of webhooks (đăng ký nhận sự kiện): which events a subscription wants, when a failed
//! delivery is tried again, which target addresses are refused, and how a delivery is signed
//! (the Standard Webhooks specification, <https://www.standardwebhooks.com/>).

use std::net::IpAddr;

use base64::Engine;
use chrono::{Duration, NaiveDateTime};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::change::ChangeType;

stored_enum! {
    /// Where a delivery stands.
    DeliveryStatus {
        /// Waiting for its (next) attempt.
        Pending = "pending",
        /// The receiver answered 2xx.
        Delivered = "delivered",
        /// Every attempt of the retry schedule failed.
        Failed = "failed",
    }
}

/// The event type of the test ping, sent whatever a subscription's patterns say.
pub const PING: &str = "webhook.ping";

/// The waits before each retry after a failed attempt: the schedule the Standard Webhooks
/// specification's reference implementation (Svix) uses, about 27.6 hours in all, so a
/// receiver may be down for a day without losing an event. Data, not law: change it here.
pub const RETRY_SCHEDULE: &[Duration] = &[
    Duration::seconds(5),
    Duration::minutes(5),
    Duration::minutes(30),
    Duration::hours(2),
    Duration::hours(5),
    Duration::hours(10),
    Duration::hours(10),
];

/// When to try again after `attempts` failed attempts, or `None` when the schedule is spent.
/// `jitter` in [0, 1) spreads retries by up to a tenth of the wait, so that receivers coming
/// back up are not hit by every sender at once.
pub fn next_attempt(attempts: usize, now: NaiveDateTime, jitter: f64) -> Option<NaiveDateTime> {
    let wait = *RETRY_SCHEDULE.get(attempts.checked_sub(1)?)?;
    let spread = wait.num_milliseconds() as f64 * 0.1 * jitter.clamp(0.0, 1.0);
    Some(now + wait + Duration::milliseconds(spread as i64))
}

/// The event types a subscription wants: `*`, a kind's every event (`task.*`) or one event
/// (`task.update`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFilter(Vec<String>);

impl EventFilter {
    /// At least one pattern, each once, each naming a kind of the change feed.
    pub fn new(patterns: &[String]) -> Result<Self, String> {
        if patterns.is_empty() {
            return Err("must name at least one event type".into());
        }
        let mut kept: Vec<String> = Vec::new();
        for pattern in patterns {
            check_pattern(pattern)?;
            if kept.contains(pattern) {
                return Err(format!("names {pattern} twice"));
            }
            kept.push(pattern.clone());
        }
        Ok(Self(kept))
    }

    /// The stored form: patterns separated by spaces.
    pub fn parse(text: &str) -> Result<Self, String> {
        let patterns: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        Self::new(&patterns)
    }

    pub fn to_text(&self) -> String {
        self.0.join(" ")
    }

    pub fn patterns(&self) -> &[String] {
        &self.0
    }

    /// The kinds of record the patterns name (every kind for `*`).
    pub fn kinds(&self) -> Vec<ChangeType> {
        ChangeType::ALL
            .iter()
            .copied()
            .filter(|kind| {
                self.0
                    .iter()
                    .any(|p| p == "*" || p.split_once('.').is_some_and(|(k, _)| k == kind.as_str()))
            })
            .collect()
    }

    /// Whether an event of `event_type` (`task.update`) is wanted.
    pub fn wants(&self, event_type: &str) -> bool {
        let kind = event_type.split_once('.').map_or(event_type, |(k, _)| k);
        self.0
            .iter()
            .any(|p| p == "*" || p == event_type || p.strip_suffix(".*").is_some_and(|k| k == kind))
    }
}

fn check_pattern(pattern: &str) -> Result<(), String> {
    if pattern == "*" {
        return Ok(());
    }
    let known = || {
        let kinds: Vec<&str> = ChangeType::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "{pattern:?} is not `*`, `kind.*` or `kind.event` of a known kind ({})",
            kinds.join(", ")
        )
    };
    let (kind, event) = pattern.split_once('.').ok_or_else(known)?;
    let event_ok = event == "*"
        || (!event.is_empty()
            && event.len() <= 40
            && event.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    if ChangeType::parse(kind).is_none() || !event_ok {
        return Err(known());
    }
    Ok(())
}

/// Whether a receiver at `ip` would reach inside the province's own network or this host:
/// loopback, private, link-local (cloud metadata), shared, unspecified and multicast
/// ranges, and their IPv4-mapped IPv6 forms.
pub fn is_internal_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal_address(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

/// A new signing secret: `whsec_` and 32 random bytes in base64, the specification's form.
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The `webhook-signature` header of a delivery: `v1,` and the base64 HMAC-SHA256, keyed by
/// the secret's bytes, of `id.timestamp.body`.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Result<String, String> {
    let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
    let key = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|e| format!("webhook secret is not base64: {e}"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|e| e.to_string())?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    let digest = mac.finalize().into_bytes();
    Ok(format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(patterns: &[&str]) -> Result<EventFilter, String> {
        EventFilter::new(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn patterns_name_known_kinds_and_match_events() {
        let f = filter(&["task.*", "report.submit"]).unwrap();
        assert!(f.wants("task.create") && f.wants("task.update"));
        assert!(f.wants("report.submit") && !f.wants("report.create"));
        assert!(!f.wants("agency.create"));
        assert_eq!(f.kinds(), vec![ChangeType::Task, ChangeType::Report]);
        assert!(filter(&["*"]).unwrap().wants("directive.create"));
        assert_eq!(EventFilter::parse(&f.to_text()).unwrap(), f);
        for bad in [
            &[][..],
            &["user.*"],
            &["task"],
            &["task.Update"],
            &["task.*", "task.*"],
        ] {
            assert!(filter(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn retries_follow_the_schedule_and_stop_after_a_day() {
        let now = chrono::DateTime::from_timestamp(0, 0).unwrap().naive_utc();
        assert_eq!(next_attempt(1, now, 0.0), Some(now + Duration::seconds(5)));
        assert_eq!(
            next_attempt(2, now, 0.5),
            Some(now + Duration::seconds(315))
        );
        assert_eq!(next_attempt(8, now, 0.0), None);
        let total: Duration = RETRY_SCHEDULE.iter().copied().sum();
        assert!(total >= Duration::hours(24));
    }

    #[test]
    fn internal_addresses_are_recognised() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_internal_address(internal.parse().unwrap()), "{internal}");
        }
        for public in ["203.113.131.1", "8.8.8.8", "2001:4860:4860::8888"] {
            assert!(!is_internal_address(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn signatures_follow_the_specification() {
        // The example of the Standard Webhooks specification's test vectors.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, id, 1614265330, body).unwrap(),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert!(new_secret().starts_with("whsec_"));
    }
}
