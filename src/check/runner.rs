//! Sending the deliveries of `bluehook check` and collecting what came back: the health check
//! first (as Blue sends it when a webhook is enabled), then each case in table order, one
//! delivery at a time except `burst`. Bounded: each delivery gets the per-delivery limit
//! (Blue's 7 s), the run its own limit, and three deliveries in a row without an answer stop
//! it.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use super::Settings;
use super::bodies::{self, Shot};
use super::case::Case;
use super::judge::{self, Judged, Seen};
use super::report::Results;
use crate::error::{Exit, Failure};
use crate::send::delivery::{self, FailureKind, Outcome, Target};

/// Deliveries in a row without an answer in time after which the run stops.
const SILENT_IN_A_ROW: usize = 3;

/// Where the run is: what stopped it, if anything.
struct Progress {
    deadline: Instant,
    silent: usize,
    stopped: Option<String>,
    first: bool,
}

/// Runs every selected case against the receiver and judges it. An unreachable receiver
/// (refused, no such host, TLS) is one error, exit 5, rather than a failure per delivery.
pub async fn run(s: &Settings) -> anyhow::Result<Results> {
    let (started, t0) = (SystemTime::now(), Instant::now());
    let client = delivery::client(&s.target, s.plan.burst.max(1))?;
    let planned: Vec<(Case, Vec<Shot>)> =
        run_order(&s.cases).into_iter().map(|c| (c, bodies::shots(c, &s.plan))).collect();
    let total: usize = planned.iter().map(|(_, shots)| shots.len()).sum();
    if !is_loopback(&s.target.url) {
        s.target.trace.console().note(format!(
            "bluehook: sending {total} test deliveries to {} (not this machine)",
            crate::api::shown_url(s.target.url.as_str())
        ));
    }
    let mut p = Progress { deadline: t0 + s.max_time, silent: 0, stopped: None, first: true };
    let mut done: Vec<(Case, Vec<Seen>)> = Vec::new();
    let mut judged: Vec<Judged> = Vec::new();
    for (case, shots) in planned {
        if let Some(why) = &p.stopped {
            judged.push(judge::not_run(case, why));
            continue;
        }
        let seen = if case == Case::Burst {
            burst(&client, &s.target, shots, &mut p).await
        } else {
            one_by_one(&client, &s.target, shots, &mut p).await?
        };
        match seen {
            Some(seen) => done.push((case, seen)),
            None => judged.push(judge::not_run(case, p.stopped.as_deref().unwrap_or("stopped"))),
        }
    }
    judged.extend(done.iter().map(|(case, seen)| judge::judge(*case, seen)));
    let all: Vec<&Seen> = done.iter().flat_map(|(_, seen)| seen).collect();
    if s.cases.contains(&Case::Timing) {
        judged.push(judge::timing(&all, s.target.timeout));
    }
    if s.cases.contains(&Case::Redirect) {
        judged.push(judge::redirect(&all));
    }
    judged.sort_by_key(|j| j.case);
    let url = crate::api::shown_url(s.target.url.as_str()).to_string();
    Ok(Results { url, started, elapsed: t0.elapsed(), cases: judged, strict: s.strict })
}

/// The health check first, then the other cases that send something, in table order.
fn run_order(cases: &[Case]) -> Vec<Case> {
    let sends = |c: &&Case| !matches!(c, Case::Timing | Case::Redirect);
    let health = cases.iter().filter(|c| **c == Case::HealthCheck);
    let rest = cases.iter().filter(sends).filter(|c| **c != Case::HealthCheck);
    health.chain(rest).copied().collect()
}

/// Sends `shots` in order. `None` when the run's time limit came before the case was done.
async fn one_by_one(
    client: &reqwest::Client,
    target: &Target,
    shots: Vec<Shot>,
    p: &mut Progress,
) -> anyhow::Result<Option<Vec<Seen>>> {
    let mut seen = Vec::with_capacity(shots.len());
    for shot in shots {
        if Instant::now() >= p.deadline {
            p.stopped = Some("the run's time limit was reached".into());
            return Ok(None);
        }
        let outcome = delivery::send(client, target, &shot.delivery, true).await;
        if std::mem::take(&mut p.first) {
            reachable(&outcome, target)?;
        }
        if note_silence(p, &outcome) {
            seen.push(Seen { label: shot.label, outcome });
            return Ok(Some(seen));
        }
        seen.push(Seen { label: shot.label, outcome });
    }
    Ok(Some(seen))
}

/// Sends `shots` all at once.
async fn burst(
    client: &reqwest::Client,
    target: &Target,
    shots: Vec<Shot>,
    p: &mut Progress,
) -> Option<Vec<Seen>> {
    if Instant::now() >= p.deadline {
        p.stopped = Some("the run's time limit was reached".into());
        return None;
    }
    let target = Arc::new(target.clone());
    let mut tasks = tokio::task::JoinSet::new();
    for (i, shot) in shots.into_iter().enumerate() {
        let (client, target) = (client.clone(), target.clone());
        tasks.spawn(async move {
            let outcome = delivery::send(&client, &target, &shot.delivery, true).await;
            (i, Seen { label: format!("{} #{}", shot.label, i + 1), outcome })
        });
    }
    let mut seen: Vec<(usize, Seen)> = tasks.join_all().await;
    seen.sort_by_key(|(i, _)| *i);
    Some(seen.into_iter().map(|(_, s)| s).collect())
}

/// Counts deliveries in a row without an answer in time; true when the run must stop.
fn note_silence(p: &mut Progress, o: &Outcome) -> bool {
    if o.failure == Some(FailureKind::Timeout) {
        p.silent += 1;
    } else {
        p.silent = 0;
    }
    if p.silent >= SILENT_IN_A_ROW {
        p.stopped =
            Some(format!("the receiver stopped answering ({SILENT_IN_A_ROW} timeouts in a row)"));
        return true;
    }
    false
}

/// The first delivery decides whether the receiver can be reached at all.
fn reachable(o: &Outcome, target: &Target) -> anyhow::Result<()> {
    let Some(kind @ (FailureKind::Refused | FailureKind::Dns | FailureKind::Tls)) = o.failure
    else {
        return Ok(());
    };
    let detail = crate::term::output::escape_control(o.detail.as_deref().unwrap_or_default());
    let url = crate::api::shown_url(target.url.as_str());
    let msg = format!("cannot reach {url}: {} ({detail}); nothing was checked", kind.describe());
    let failure = Failure::new(Exit::DeliveryFailed, msg);
    Err(match kind.hint() {
        Some(hint) => failure.with_hint(hint),
        None => failure,
    }
    .into())
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_health_check_goes_first_and_judging_cases_send_nothing() {
        let order = run_order(&Case::ALL);
        assert_eq!(order[0], Case::HealthCheck);
        assert_eq!(order[1], Case::EveryEvent);
        assert!(!order.contains(&Case::Timing) && !order.contains(&Case::Redirect));
        assert_eq!(order.len(), 11);
    }

    #[test]
    fn loopback_urls_are_told_apart() {
        let lo = |u: &str| is_loopback(&reqwest::Url::parse(u).unwrap());
        assert!(lo("http://127.0.0.1:3000/") && lo("http://localhost/") && lo("http://[::1]/"));
        assert!(!lo("https://example.com/hook") && !lo("http://10.0.0.1/"));
    }
}
