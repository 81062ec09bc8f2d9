//! The engine against fake platforms on 127.0.0.1: every kind of site behaviour ends as
//! the right found / absent / unknown(reason), and the engine stays polite.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use crate::support::fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, RetryAfter, users};
use findable::Catalog;
use findable::catalog::Site;
use findable::engine::{Engine, EngineConfig};
use findable::evidence::{Evidence, ProbeStatus, UnknownReason};
use findable::plan::{Plan, PlanOptions};
use findable::variants::Variant;

const ALICE: &str = "alice";
const NOBODY: &str = "nobody";

/// Short timings so the whole file runs in a few seconds.
fn fast_config() -> EngineConfig {
    EngineConfig {
        timeout: Duration::from_millis(1500),
        connect_timeout: Duration::from_millis(500),
        backoff_base: Duration::from_millis(20),
        backoff_cap: Duration::from_millis(100),
        max_retry_after: Duration::from_secs(3),
        system_proxy: false,
        ..EngineConfig::default()
    }
}

fn variants(names: &[&str]) -> Vec<Variant> {
    names
        .iter()
        .map(|n| Variant {
            text: (*n).to_string(),
            source: "test".into(),
            weight: 1.0,
        })
        .collect()
}

fn sites(fake: &FakePlatforms) -> Vec<Site> {
    let catalog = Catalog::from_sources(fake.check_files()).expect("generated checks are valid");
    catalog.checks.iter().filter_map(Site::from_check).collect()
}

async fn run(
    fake: &FakePlatforms,
    sites: Vec<Site>,
    names: &[&str],
    config: EngineConfig,
) -> Evidence {
    let options = PlanOptions {
        seed: Some(1),
        ..PlanOptions::default()
    };
    let plan = Plan::build(sites, &variants(names), &[], &options).expect("plan");
    assert!(!plan.probes.is_empty());
    let _ = fake;
    let engine = Engine::new(config).expect("engine");
    engine.run(&plan, |_| {}, std::future::pending()).await
}

/// (platform, username) -> (status, reason)
fn outcomes(
    evidence: &Evidence,
) -> HashMap<(String, String), (ProbeStatus, Option<UnknownReason>)> {
    evidence
        .probes
        .iter()
        .map(|p| {
            (
                (p.platform.clone(), p.username.clone()),
                (p.status, p.reason),
            )
        })
        .collect()
}

fn spec(name: &str, behaviour: Behaviour) -> PlatformSpec {
    PlatformSpec::new(name, behaviour)
}

fn alice() -> Vec<String> {
    users(&[ALICE])
}

use ProbeStatus::{Absent, Found, Unknown};
use UnknownReason::{Blocked, LoginWall, Network, RateLimited, Unrecognised, Unreliable};

type Expect = (ProbeStatus, Option<UnknownReason>);
const FOUND: Expect = (Found, None);
const ABSENT: Expect = (Absent, None);
const fn unknown(reason: UnknownReason) -> Expect {
    (Unknown, Some(reason))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_behaviour_gets_the_honest_answer() {
    let in_a_second = SystemTime::now() + Duration::from_secs(1);
    let cases: Vec<(&str, Behaviour, Expect, Expect)> = vec![
        (
            "normal",
            Behaviour::Normal { existing: alice() },
            FOUND,
            ABSENT,
        ),
        (
            "soft404",
            Behaviour::Soft404 { existing: alice() },
            FOUND,
            ABSENT,
        ),
        (
            "redirect-home",
            Behaviour::RedirectHome { existing: alice() },
            FOUND,
            ABSENT,
        ),
        (
            "login-wall",
            Behaviour::LoginWall,
            unknown(LoginWall),
            unknown(LoginWall),
        ),
        (
            "login-page",
            Behaviour::LoginWallPage,
            unknown(LoginWall),
            unknown(LoginWall),
        ),
        (
            "cloudflare",
            Behaviour::CloudflareChallenge,
            unknown(Blocked),
            unknown(Blocked),
        ),
        (
            "captcha",
            Behaviour::Captcha,
            unknown(Blocked),
            unknown(Blocked),
        ),
        (
            "status-999",
            Behaviour::Status999,
            unknown(Blocked),
            unknown(Blocked),
        ),
        (
            "rate-limit-then-ok",
            Behaviour::RateLimitThen {
                times: 2,
                retry_after: RetryAfter::Seconds(1),
                then: Box::new(Behaviour::Normal { existing: alice() }),
            },
            FOUND,
            ABSENT,
        ),
        (
            "rate-limit-date",
            Behaviour::RateLimitThen {
                times: 1,
                retry_after: RetryAfter::HttpDate(in_a_second),
                then: Box::new(Behaviour::Normal { existing: alice() }),
            },
            FOUND,
            ABSENT,
        ),
        (
            "rate-limit-forever",
            Behaviour::RateLimitForever {
                retry_after: RetryAfter::Seconds(1),
            },
            unknown(RateLimited),
            unknown(RateLimited),
        ),
        (
            "rate-limit-too-long",
            Behaviour::RateLimitForever {
                retry_after: RetryAfter::Seconds(3600),
            },
            unknown(RateLimited),
            unknown(RateLimited),
        ),
        (
            "server-error-then-ok",
            Behaviour::ServerErrorThen {
                times: 1,
                status: 500,
                then: Box::new(Behaviour::Normal { existing: alice() }),
            },
            FOUND,
            ABSENT,
        ),
        ("hang", Behaviour::Hang, unknown(Network), unknown(Network)),
        (
            "reset",
            Behaviour::Reset,
            unknown(Network),
            unknown(Network),
        ),
        (
            "huge-body",
            Behaviour::HugeBody {
                existing: alice(),
                bytes: 10 * 1024 * 1024,
            },
            FOUND,
            unknown(Unrecognised),
        ),
        (
            "always-found",
            Behaviour::AlwaysFound,
            unknown(Unreliable),
            unknown(Unreliable),
        ),
        (
            "slow",
            Behaviour::Slow {
                existing: alice(),
                delay: Duration::from_secs(5),
            },
            unknown(Network),
            unknown(Network),
        ),
    ];
    let specs = cases
        .iter()
        .map(|(n, b, _, _)| spec(n, b.clone()))
        .collect();
    let fake = FakePlatforms::start(specs).await.expect("fake platforms");
    let evidence = run(&fake, sites(&fake), &[ALICE, NOBODY], fast_config()).await;
    assert!(!evidence.partial);
    let got = outcomes(&evidence);
    let mut wrong = Vec::new();
    for (name, _, for_alice, for_nobody) in &cases {
        for (user, want) in [(ALICE, for_alice), (NOBODY, for_nobody)] {
            let key = (name.to_string(), user.to_string());
            match got.get(&key) {
                Some(have) if have == want => {}
                other => wrong.push(format!("{name}/{user}: want {want:?}, got {other:?}")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every unknown carries the URL to check by hand and a detail.
    for p in evidence.probes.iter().filter(|p| p.status == Unknown) {
        assert!(p.url.starts_with("http://127.0.0.1:"), "{p:?}");
        assert!(p.detail.is_some(), "{p:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_more_than_two_requests_in_flight_per_host() {
    let fake = FakePlatforms::start(vec![
        spec("busy", Behaviour::Normal { existing: alice() })
            .with_latency(Duration::from_millis(40), Duration::from_millis(60)),
    ])
    .await
    .expect("fake platforms");
    let names: Vec<String> = (0..12).map(|i| format!("user{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let evidence = run(&fake, sites(&fake), &refs, fast_config()).await;
    assert_eq!(evidence.probes.len(), 12);
    let stats = fake.stats(0);
    assert_eq!(stats.requests, 13, "12 probes and one control");
    assert!(
        stats.max_in_flight <= 2,
        "{} in flight",
        stats.max_in_flight
    );
    assert_eq!(stats.max_in_flight, 2, "the two slots are used");
    assert!(
        stats.connections <= 4,
        "connections are reused: {}",
        stats.connections
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_minimum_interval_spaces_requests_out() {
    let fake = FakePlatforms::start(vec![spec(
        "slowly",
        Behaviour::Normal { existing: alice() },
    )])
    .await
    .expect("fake platforms");
    let mut sites = sites(&fake);
    sites[0].min_interval_ms = Some(150);
    let evidence = run(&fake, sites, &[ALICE, NOBODY, "carol"], fast_config()).await;
    assert_eq!(evidence.count(Found), 1);
    let gap = fake.stats(0).min_gap().expect("several requests");
    assert!(gap >= Duration::from_millis(140), "gap {gap:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_sites_on_one_origin_are_spaced_by_the_larger_interval_from_the_first_request() {
    let fake = FakePlatforms::start(vec![spec(
        "shared",
        Behaviour::Normal { existing: alice() },
    )])
    .await
    .expect("fake platforms");
    let mut sites = sites(&fake);
    // The lax site is planned first, so its requests would go out first.
    sites[0].min_interval_ms = None;
    let mut strict = sites[0].clone();
    strict.name = "shared-strict".into();
    strict.min_interval_ms = Some(200);
    sites.push(strict);
    let evidence = run(&fake, sites, &[ALICE, NOBODY, "carol"], fast_config()).await;
    assert_eq!(evidence.count(Found), 2, "{:?}", evidence.probes);
    let stats = fake.stats(0);
    assert_eq!(stats.requests, 8, "three probes and a control per site");
    // Arrival gaps can differ from send gaps by a few milliseconds (a new connection, a
    // busy machine); unspaced requests arrive well under a millisecond apart.
    let gap = stats.min_gap().expect("several requests");
    assert!(gap >= Duration::from_millis(150), "gap {gap:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_host_is_paused_for_every_probe() {
    // Only the first request gets the 429; every other answer takes a while, so the host's
    // other slot is still busy when the 429 is read.
    let fake = FakePlatforms::start(vec![spec(
        "limited",
        Behaviour::RateLimitThen {
            times: 1,
            retry_after: RetryAfter::Seconds(1),
            then: Box::new(Behaviour::Slow {
                existing: alice(),
                delay: Duration::from_millis(300),
            }),
        },
    )])
    .await
    .expect("fake platforms");
    let evidence = run(
        &fake,
        sites(&fake),
        &[ALICE, NOBODY, "carol", "dave"],
        fast_config(),
    )
    .await;
    assert_eq!(evidence.count(Unknown), 0, "{:?}", evidence.probes);
    let stats = fake.stats(0);
    let first = stats.arrivals[0];
    let since: Vec<_> = stats
        .arrivals
        .iter()
        .map(|t| t.duration_since(first))
        .collect();
    // Before the pause only the requests already in flight when the 429 was read arrive:
    // one per slot of the host (two), the 429 itself included. The pause is set before the
    // 429's slot is handed on, and a probe checks it again right before it sends, so no
    // request that was waiting gets in.
    let early = since
        .iter()
        .filter(|d| **d < Duration::from_millis(900))
        .count();
    assert!(early <= 2, "{since:?}");
    let after_pause = since
        .iter()
        .filter(|d| **d >= Duration::from_millis(900))
        .count();
    assert!(after_pause >= 2, "{since:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_page_is_read_only_up_to_the_cap() {
    let fake = FakePlatforms::start(vec![spec(
        "huge",
        Behaviour::HugeBody {
            existing: alice(),
            bytes: 50 * 1024 * 1024,
        },
    )])
    .await
    .expect("fake platforms");
    let started = std::time::Instant::now();
    let evidence = run(&fake, sites(&fake), &[NOBODY], fast_config()).await;
    let p = &evidence.probes[0];
    assert_eq!(p.reason, Some(Unrecognised));
    assert!(
        p.detail.as_deref().unwrap_or_default().contains("cut off"),
        "{p:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_keeps_what_finished_and_marks_it_partial() {
    let fake = FakePlatforms::start(vec![
        spec("quick", Behaviour::Normal { existing: alice() }),
        spec("stuck", Behaviour::Hang),
    ])
    .await
    .expect("fake platforms");
    let plan = Plan::build(
        sites(&fake),
        &variants(&[ALICE, NOBODY]),
        &[],
        &PlanOptions::default(),
    )
    .expect("plan");
    let config = EngineConfig {
        timeout: Duration::from_secs(60),
        ..fast_config()
    };
    let engine = Engine::new(config).expect("engine");
    let started = std::time::Instant::now();
    let evidence = engine
        .run(
            &plan,
            |_| {},
            tokio::time::sleep(Duration::from_millis(700)),
        )
        .await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(evidence.partial);
    assert_eq!(evidence.planned, 4);
    assert_eq!(evidence.probes.len(), 2, "{:?}", evidence.probes);
    assert!(evidence.probes.iter().all(|p| p.platform == "quick"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manual_sites_are_never_requested() {
    let fake = FakePlatforms::start(vec![spec(
        "by-hand",
        Behaviour::Normal { existing: alice() },
    )])
    .await
    .expect("fake platforms");
    let mut sites = sites(&fake);
    sites[0].manual_reason = Some("a person must look".into());
    let evidence = run(&fake, sites, &[ALICE], fast_config()).await;
    assert_eq!(evidence.probes[0].reason, Some(UnknownReason::Manual));
    assert_eq!(fake.stats(0).requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_host_is_given_up_on_after_a_few_failures() {
    let fake = FakePlatforms::start(vec![spec("dead", Behaviour::Reset)])
        .await
        .expect("fake platforms");
    let names: Vec<String> = (0..15).map(|i| format!("user{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let evidence = run(&fake, sites(&fake), &refs, fast_config()).await;
    assert_eq!(evidence.probes.len(), 15);
    assert!(evidence.probes.iter().all(|p| p.reason == Some(Network)));
    assert!(evidence.probes.iter().any(|p| {
        p.detail
            .as_deref()
            .unwrap_or_default()
            .starts_with("not tried")
    }));
    // Three failed exchanges in a row, plus what was already in flight.
    let requests = fake.stats(0).requests;
    assert!(requests <= 5, "{requests} requests to a dead host");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_that_walls_every_probe_is_given_up_on_after_three() {
    let fake = FakePlatforms::start(vec![
        spec("bot-wall", Behaviour::Captcha),
        spec("login-page", Behaviour::LoginWallPage),
    ])
    .await
    .expect("fake platforms");
    let names: Vec<String> = (0..15).map(|i| format!("user{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let evidence = run(&fake, sites(&fake), &refs, fast_config()).await;
    assert_eq!(evidence.probes.len(), 30);
    let cases = [
        (
            0,
            "bot-wall",
            Blocked,
            "not tried: the site blocked the last 3 checks",
        ),
        (
            1,
            "login-page",
            LoginWall,
            "not tried: the site showed a login page for the last 3 checks",
        ),
    ];
    for (index, platform, reason, not_tried) in cases {
        let results: Vec<_> = (evidence.probes.iter().chain(&evidence.controls))
            .filter(|p| p.platform == platform)
            .collect();
        assert_eq!(results.len(), 16, "15 probes and one control");
        assert!(
            results.iter().all(|p| p.reason == Some(reason)),
            "{results:?}"
        );
        // Three walls in a row, plus the one already in flight on the host's other slot.
        let requests = fake.stats(index).requests;
        assert!(
            (3..=4).contains(&requests),
            "{requests} requests to {platform}"
        );
        let skipped = results
            .iter()
            .filter(|p| {
                p.detail
                    .as_deref()
                    .unwrap_or_default()
                    .starts_with(not_tried)
            })
            .count();
        assert_eq!(skipped, 16 - requests, "{results:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absent_note_travels_with_every_absent_answer() {
    let fake = FakePlatforms::start(vec![spec(
        "embeds",
        Behaviour::Normal { existing: alice() },
    )])
    .await
    .expect("fake platforms");
    let mut sites = sites(&fake);
    sites[0].absent_note = Some("a private account looks the same".into());
    let evidence = run(&fake, sites, &[ALICE, NOBODY], fast_config()).await;
    let nobody = evidence
        .probes
        .iter()
        .find(|p| p.username == NOBODY)
        .expect("nobody");
    assert_eq!(nobody.status, Absent);
    assert_eq!(
        nobody.detail.as_deref(),
        Some("a private account looks the same")
    );
    let alice = evidence
        .probes
        .iter()
        .find(|p| p.username == ALICE)
        .expect("alice");
    assert_eq!((alice.status, alice.detail.as_deref()), (Found, None));
}
