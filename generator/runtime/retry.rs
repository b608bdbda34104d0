//! When and how long to wait before trying a request again.
//!
//! The decision is a pure function ([`decide`]) of the policy, the attempt's outcome, the
//! time spent so far and a jitter value, so it can be tested without a server.

use std::time::Duration;

/// How failed requests are retried.
///
/// Retried: 429 (any method), 502/503/504 and timeouts (idempotent methods only, never POST
/// or PATCH), and failures to connect (any method: nothing reached the server). Waits grow
/// exponentially with full jitter; a `Retry-After` header is honoured as long as it is no
/// longer than [`max_retry_after`](Self::max_retry_after) (a longer one ends the retries at
/// once). No wait ever runs past the [`total_budget`](Self::total_budget).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    total_budget: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts in all, backoff from 500 ms up to 8 s, `Retry-After` up to 30 s, 2 minutes
    /// in all.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
            total_budget: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts in all, the first included (values below 1 count as 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Upper bound of the first backoff; it doubles with every retry.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Largest backoff between two attempts (when the server gives no `Retry-After`).
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Longest `Retry-After` honoured; a longer one ends the retries and returns the error.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Time budget of one call: the token request (or the wait for one), every attempt and
    /// every wait included. It also ends an attempt in progress, which then fails with
    /// [`Error::BudgetExhausted`](crate::Error::BudgetExhausted).
    pub fn total_budget(mut self, budget: Duration) -> Self {
        self.total_budget = budget;
        self
    }

    pub(super) fn budget(&self) -> Duration {
        self.total_budget
    }
}

/// What came of one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// The server answered with this status.
    Status(u16),
    /// The connection could not be established: the request never reached the server.
    ConnectFailed,
    /// The attempt timed out (the server may have received and processed the request).
    TimedOut,
    /// Another transport failure after the request may have been sent.
    OtherTransport,
    /// The answer was refused by this client (too large, or reached through a redirect
    /// that is not allowed): asking again would bring the same.
    Refused,
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Decision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Return the outcome to the caller.
    Stop,
}

/// Whether `outcome` may be retried at all. `idempotent` is false for POST and PATCH.
pub(super) fn is_retryable(outcome: Outcome, idempotent: bool) -> bool {
    match outcome {
        Outcome::Status(429) => true,
        Outcome::Status(502..=504) => idempotent,
        Outcome::Status(_) => false,
        Outcome::ConnectFailed => true,
        Outcome::TimedOut | Outcome::OtherTransport => idempotent,
        Outcome::Refused => false,
    }
}

/// Decides whether to retry after attempt number `attempt` (1-based), `elapsed` after the
/// first attempt started. `retry_after` is the server's requested wait, `jitter` a random
/// number in `[0, 1)`.
pub(super) fn decide(
    policy: &RetryPolicy,
    idempotent: bool,
    attempt: u32,
    elapsed: Duration,
    outcome: Outcome,
    retry_after: Option<Duration>,
    jitter: f64,
) -> Decision {
    if !is_retryable(outcome, idempotent) || attempt >= policy.max_attempts {
        return Decision::Stop;
    }
    let wait = match retry_after {
        Some(wait) if wait > policy.max_retry_after => return Decision::Stop,
        Some(wait) => wait,
        None => {
            let ceiling = backoff(policy, attempt);
            let jitter = if jitter.is_finite() {
                jitter.clamp(0.0, 1.0)
            } else {
                0.0
            };
            Duration::try_from_secs_f64(ceiling.as_secs_f64() * jitter).unwrap_or(ceiling)
        }
    };
    match elapsed.checked_add(wait) {
        Some(end) if end < policy.total_budget => Decision::RetryAfter(wait),
        _ => Decision::Stop,
    }
}

/// Ceiling of the wait after attempt `attempt`: `initial * 2^(attempt-1)`, at most the max.
fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let exponent = attempt.saturating_sub(1).min(31);
    policy
        .initial_backoff
        .checked_mul(1u32 << exponent)
        .map_or(policy.max_backoff, |b| b.min(policy.max_backoff))
}

/// Parses a `Retry-After` value: delta seconds or an HTTP date (a date in the past means
/// "now"). `None` when it is neither.
pub(super) fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long digit strings saturate instead of failing.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    let at = PARSER.parse_timestamp(value).ok()?;
    let wait = at.duration_since(now);
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy::default()
    }

    const ZERO: Duration = Duration::ZERO;

    #[test]
    fn which_outcomes_are_retried() {
        for idempotent in [true, false] {
            assert!(is_retryable(Outcome::Status(429), idempotent));
            assert!(is_retryable(Outcome::ConnectFailed, idempotent));
            for s in [200, 400, 401, 403, 404, 409, 500, 501] {
                assert!(!is_retryable(Outcome::Status(s), idempotent), "{s}");
            }
        }
        for s in [502, 503, 504] {
            assert!(is_retryable(Outcome::Status(s), true));
            assert!(
                !is_retryable(Outcome::Status(s), false),
                "POST must not retry {s}"
            );
        }
        assert!(is_retryable(Outcome::TimedOut, true));
        assert!(!is_retryable(Outcome::TimedOut, false));
        assert!(!is_retryable(Outcome::OtherTransport, false));
        assert!(!is_retryable(Outcome::Refused, true));
        for s in [301, 302, 303, 307, 308] {
            assert!(!is_retryable(Outcome::Status(s), true), "redirect {s}");
        }
    }

    #[test]
    fn stops_after_max_attempts() {
        let p = policy();
        let d = |attempt| decide(&p, true, attempt, ZERO, Outcome::Status(503), None, 0.5);
        assert!(matches!(d(1), Decision::RetryAfter(_)));
        assert!(matches!(d(3), Decision::RetryAfter(_)));
        assert_eq!(d(4), Decision::Stop);
        let none = RetryPolicy::none();
        assert_eq!(
            decide(&none, true, 1, ZERO, Outcome::Status(429), None, 0.5),
            Decision::Stop
        );
        assert_eq!(RetryPolicy::default().max_attempts(0).max_attempts, 1);
    }

    #[test]
    fn post_not_retried_on_503_but_on_429_and_connect() {
        let p = policy();
        assert_eq!(
            decide(&p, false, 1, ZERO, Outcome::Status(503), None, 0.5),
            Decision::Stop
        );
        assert_eq!(
            decide(&p, false, 1, ZERO, Outcome::TimedOut, None, 0.5),
            Decision::Stop
        );
        assert!(matches!(
            decide(&p, false, 1, ZERO, Outcome::Status(429), None, 0.5),
            Decision::RetryAfter(_)
        ));
        assert!(matches!(
            decide(&p, false, 1, ZERO, Outcome::ConnectFailed, None, 0.5),
            Decision::RetryAfter(_)
        ));
    }

    #[test]
    fn exponential_backoff_with_full_jitter_and_cap() {
        let p = policy();
        let wait = |attempt, jitter| match decide(
            &p,
            true,
            attempt,
            ZERO,
            Outcome::Status(502),
            None,
            jitter,
        ) {
            Decision::RetryAfter(d) => d,
            Decision::Stop => panic!("expected a retry"),
        };
        assert_eq!(wait(1, 0.0), ZERO);
        assert_eq!(wait(1, 1.0), Duration::from_millis(500));
        assert_eq!(wait(2, 1.0), Duration::from_secs(1));
        assert_eq!(wait(3, 0.5), Duration::from_secs(1));
        let big = p.clone().max_attempts(100);
        let d = decide(&big, true, 60, ZERO, Outcome::Status(502), None, 1.0);
        assert_eq!(d, Decision::RetryAfter(Duration::from_secs(8)));
        // Odd inputs neither panic nor wait longer than the ceiling.
        let huge = big.max_backoff(Duration::MAX).total_budget(Duration::MAX);
        for jitter in [f64::NAN, f64::INFINITY, -1.0, 2.0, 1.0] {
            assert!(matches!(
                decide(&huge, true, 90, ZERO, Outcome::Status(502), None, jitter),
                Decision::RetryAfter(_) | Decision::Stop
            ));
        }
        assert_eq!(
            decide(&p, true, 1, ZERO, Outcome::Status(502), None, f64::NAN),
            Decision::RetryAfter(ZERO)
        );
    }

    #[test]
    fn retry_after_honoured_up_to_cap() {
        let p = policy();
        assert_eq!(
            decide(
                &p,
                false,
                1,
                ZERO,
                Outcome::Status(429),
                Some(Duration::from_secs(7)),
                0.1
            ),
            Decision::RetryAfter(Duration::from_secs(7))
        );
        assert_eq!(
            decide(
                &p,
                false,
                1,
                ZERO,
                Outcome::Status(429),
                Some(Duration::from_secs(31)),
                0.1
            ),
            Decision::Stop
        );
    }

    #[test]
    fn never_sleeps_past_the_budget() {
        let p = policy().total_budget(Duration::from_secs(10));
        let ra = Some(Duration::from_secs(5));
        assert!(matches!(
            decide(
                &p,
                true,
                1,
                Duration::from_secs(4),
                Outcome::Status(429),
                ra,
                0.0
            ),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            decide(
                &p,
                true,
                1,
                Duration::from_secs(6),
                Outcome::Status(429),
                ra,
                0.0
            ),
            Decision::Stop
        );
        assert_eq!(
            decide(&p, true, 1, Duration::MAX, Outcome::Status(429), ra, 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn retry_after_delta_seconds_and_http_date() {
        let now: jiff::Timestamp = "2024-02-29T10:00:00Z".parse().unwrap();
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            parse_retry_after("Thu, 29 Feb 2024 10:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Thu, 29 Feb 2024 09:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
    }
}
