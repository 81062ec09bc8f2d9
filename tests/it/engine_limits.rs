//! The engine's limits against hostile fake sites: secrets never follow a redirect to
//! another origin, and a host that keeps asking for long waits is given up on instead of
//! holding a run for minutes.

use std::time::{Duration, Instant};

use crate::support::fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, RetryAfter, users};
use findable::Catalog;
use findable::catalog::Site;
use findable::engine::{Engine, EngineConfig};
use findable::evidence::UnknownReason;
use findable::plan::{Plan, PlanOptions};
use findable::variants::Variant;

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

fn config() -> EngineConfig {
    EngineConfig {
        timeout: Duration::from_millis(1500),
        connect_timeout: Duration::from_millis(500),
        backoff_base: Duration::from_millis(20),
        backoff_cap: Duration::from_millis(100),
        system_proxy: false,
        ..EngineConfig::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_stay_behind_when_a_redirect_leaves_the_origin() {
    let target = FakePlatforms::start(vec![PlatformSpec::new(
        "elsewhere",
        Behaviour::Normal {
            existing: users(&["alice"]),
        },
    )])
    .await
    .expect("target");
    let first = FakePlatforms::start(vec![PlatformSpec::new(
        "redirector",
        Behaviour::RedirectElsewhere {
            to: target.url_for(0, "alice"),
        },
    )])
    .await
    .expect("redirector");
    let catalog = Catalog::from_sources(first.check_files()).expect("checks");
    let mut site = Site::from_check(&catalog.checks[0]).expect("site");
    for (name, value) in [
        ("Authorization", "Bearer list-token"),
        ("Cookie", "session=1"),
        ("X-Subscription-Token", "brave-key"),
        ("X-From-The-List", "yes"),
    ] {
        site.request.headers.insert(name.into(), value.into());
    }
    let plan = Plan::build(
        vec![site],
        &variants(&["alice"]),
        &[],
        &PlanOptions::default(),
    )
    .expect("plan");
    let engine = Engine::new(config()).expect("engine");
    let evidence = engine.run(&plan, |_| {}, std::future::pending()).await;
    assert_eq!(evidence.probes.len(), 1);
    let sent = first.stats(0).headers;
    assert!(
        sent[0]
            .iter()
            .any(|(n, v)| n == "x-subscription-token" && v == "brave-key"),
        "the first origin gets them: {sent:?}"
    );
    let received = target.stats(0).headers;
    assert!(!received.is_empty(), "the redirect was followed");
    for headers in received {
        for secret in [
            "authorization",
            "cookie",
            "x-subscription-token",
            "x-from-the-list",
        ] {
            assert!(
                !headers.iter().any(|(n, _)| n == secret),
                "{secret} reached another origin: {headers:?}"
            );
        }
        assert!(
            headers
                .iter()
                .any(|(n, v)| n == "user-agent" && v.starts_with("findable/"))
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_that_keeps_asking_for_long_waits_is_given_up_on() {
    // Each wait is longer than a request may take (1.5 s): the first is honoured, the
    // second ends every probe of the host.
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "slowpoke",
        Behaviour::RateLimitForever {
            retry_after: RetryAfter::Seconds(2),
        },
    )])
    .await
    .expect("fake platforms");
    let catalog = Catalog::from_sources(fake.check_files()).expect("checks");
    let sites: Vec<Site> = catalog.checks.iter().filter_map(Site::from_check).collect();
    let names: Vec<String> = (0..20).map(|i| format!("user{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let plan = Plan::build(sites, &variants(&refs), &[], &PlanOptions::default()).expect("plan");
    let engine = Engine::new(config()).expect("engine");
    let started = Instant::now();
    let evidence = engine.run(&plan, |_| {}, std::future::pending()).await;
    let took = started.elapsed();
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert_eq!(evidence.probes.len(), 20);
    assert!(
        evidence
            .probes
            .iter()
            .all(|p| p.reason == Some(UnknownReason::RateLimited)),
        "{:?}",
        evidence.probes
    );
    assert!(evidence.probes.iter().any(|p| {
        p.detail
            .as_deref()
            .unwrap_or_default()
            .contains("kept asking findable to wait")
    }));
    let requests = fake.stats(0).requests;
    assert!(
        requests <= 4,
        "{requests} requests to a host that asked to wait"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_longer_than_the_host_may_take_ends_it_at_once() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "forever",
        Behaviour::RateLimitForever {
            retry_after: RetryAfter::Seconds(29),
        },
    )])
    .await
    .expect("fake platforms");
    let catalog = Catalog::from_sources(fake.check_files()).expect("checks");
    let sites: Vec<Site> = catalog.checks.iter().filter_map(Site::from_check).collect();
    let names: Vec<String> = (0..20).map(|i| format!("user{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let plan = Plan::build(sites, &variants(&refs), &[], &PlanOptions::default()).expect("plan");
    // 29 s is within the 30 s any one wait may be, but not within the budget of a host of
    // 21 requests at a 0.5 s timeout.
    let engine = Engine::new(EngineConfig {
        timeout: Duration::from_millis(500),
        ..config()
    })
    .expect("engine");
    let started = Instant::now();
    let evidence = engine.run(&plan, |_| {}, std::future::pending()).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        evidence
            .probes
            .iter()
            .all(|p| p.reason == Some(UnknownReason::RateLimited))
    );
    assert!(fake.stats(0).requests <= 2);
}
