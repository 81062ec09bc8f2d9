//! The fake platforms in `tests/it/support` answer exactly as documented, checked with plain
//! reqwest calls: other tests trust these servers, so their behaviour is pinned here.

use std::error::Error as _;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::support::fake_platforms::{
    Behaviour, FakePlatforms, Fault, HOME_MARKER, MISSING_MARKER, MISSING_REDIRECT, PROFILE_MARKER,
    PlatformSpec, RetryAfter, SOFT404_MARKER, STORM_LENGTH, check_toml, fault_for, imf_fixdate,
    sherlock_json, users, wmn_json,
};
use reqwest::{Client, Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn client(timeout: Duration) -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .build()
        .expect("client")
}

async fn one(behaviour: Behaviour) -> FakePlatforms {
    FakePlatforms::start(vec![PlatformSpec::new("fake", behaviour)])
        .await
        .expect("start")
}

/// Status, one header and the body of `method url`.
async fn fetch(
    c: &Client,
    method: Method,
    url: &str,
    header: &str,
) -> (StatusCode, Option<String>, String) {
    let r = c.request(method, url).send().await.expect("answer");
    let status = r.status();
    let value = r
        .headers()
        .get(header)
        .map(|v| v.to_str().expect("ascii").to_string());
    (status, value, r.text().await.expect("body"))
}

async fn get(c: &Client, url: &str) -> (StatusCode, String) {
    let (s, _, b) = fetch(c, Method::GET, url, "x-none").await;
    (s, b)
}

#[tokio::test]
async fn normal_answers_get_head_and_post_on_one_kept_alive_connection() {
    let fp = one(Behaviour::Normal {
        existing: users(&["alice"]),
    })
    .await;
    let c = client(Duration::from_secs(5));
    let (s, body) = get(&c, &fp.url_for(0, "alice")).await;
    assert_eq!(s, 200);
    assert!(body.contains(PROFILE_MARKER) && body.contains(r#"data-username="alice""#));
    let (s, body) = get(&c, &fp.url_for(0, "ALICE")).await;
    assert_eq!(s, 200, "usernames match ignoring ASCII case");
    assert!(
        body.contains(r#"data-username="ALICE""#),
        "the name is echoed"
    );
    let (s, body) = get(&c, &fp.url_for(0, "nobody")).await;
    assert_eq!(s, 404);
    assert!(body.contains(MISSING_MARKER) && !body.contains(PROFILE_MARKER));
    let (s, len, body) = fetch(&c, Method::HEAD, &fp.url_for(0, "alice"), "content-length").await;
    assert_eq!(s, 200);
    assert!(body.is_empty() && len.is_some_and(|l| l != "0"));
    let (s, _, body) = fetch(&c, Method::POST, &fp.url_for(0, "alice"), "x-none").await;
    assert_eq!(s, 200);
    assert!(body.contains(PROFILE_MARKER));
    let (s, _, _) = fetch(&c, Method::HEAD, &fp.url_for(0, "nobody"), "x-none").await;
    assert_eq!(s, 404);
    let (s, _) = get(&c, &format!("{}/other/page", fp.base_url(0))).await;
    assert_eq!(s, 404);

    let stats = fp.stats(0);
    assert_eq!(stats.requests, 7);
    assert_eq!(stats.connections, 1, "keep-alive reuses the connection");
    assert_eq!(stats.max_in_flight, 1);
    assert_eq!(stats.arrivals.len(), 7);
    assert_eq!(stats.targets[0], "GET /u/alice");
    assert_eq!(stats.targets[3], "HEAD /u/alice");
    assert_eq!(stats.targets[4], "POST /u/alice");
    assert!(fp.profile_url(0).ends_with("/u/{username}"));
}

#[tokio::test]
async fn soft404_and_redirect_home() {
    let fp = FakePlatforms::start(vec![
        PlatformSpec::new(
            "soft",
            Behaviour::Soft404 {
                existing: users(&["alice"]),
            },
        ),
        PlatformSpec::new(
            "redirect",
            Behaviour::RedirectHome {
                existing: users(&["alice"]),
            },
        ),
    ])
    .await
    .expect("start");
    assert_ne!(
        fp.base_url(0),
        fp.base_url(1),
        "each platform has its own origin"
    );
    let c = client(Duration::from_secs(5));

    let (s, body) = get(&c, &fp.url_for(0, "alice")).await;
    assert!(s == 200 && body.contains(PROFILE_MARKER));
    let (s, body) = get(&c, &fp.url_for(0, "nobody")).await;
    assert_eq!(s, 200);
    assert!(body.contains("<h1>Sorry, this page isn't available.</h1>"));
    assert!(body.contains(SOFT404_MARKER) && !body.contains(PROFILE_MARKER));

    let (s, body) = get(&c, &fp.url_for(1, "alice")).await;
    assert!(s == 200 && body.contains(PROFILE_MARKER));
    let (s, location, _) = fetch(&c, Method::GET, &fp.url_for(1, "nobody"), "location").await;
    assert_eq!(s, 302);
    assert_eq!(location.as_deref(), Some(MISSING_REDIRECT));
    for home in [MISSING_REDIRECT, "/"] {
        let (s, body) = get(&c, &format!("{}{home}", fp.base_url(1))).await;
        assert!(s == 200 && body.contains(HOME_MARKER));
    }
}

#[tokio::test]
async fn walls_challenges_and_refusals_never_look_like_profiles() {
    let fp = FakePlatforms::start(vec![
        PlatformSpec::new("wall", Behaviour::LoginWall),
        PlatformSpec::new("wall-page", Behaviour::LoginWallPage),
        PlatformSpec::new("cloudflare", Behaviour::CloudflareChallenge),
        PlatformSpec::new("captcha", Behaviour::Captcha),
        PlatformSpec::new("status999", Behaviour::Status999),
    ])
    .await
    .expect("start");
    let c = client(Duration::from_secs(5));

    let (s, location, _) = fetch(&c, Method::GET, &fp.url_for(0, "alice"), "location").await;
    assert_eq!(s, 302);
    let location = location.expect("location");
    assert_eq!(location, "/accounts/login/?next=/u/alice");
    let (s, body) = get(&c, &format!("{}{location}", fp.base_url(0))).await;
    assert_eq!(s, 200);
    assert!(body.contains("<title>Log in • Fake</title>") && body.contains("type=\"password\""));

    let (s, body) = get(&c, &fp.url_for(1, "alice")).await;
    assert_eq!(s, 200);
    assert!(body.contains("<title>Log in</title>"));
    assert!(body.contains("Log in to see this profile") && body.contains("type=\"password\""));

    for method in [Method::GET, Method::HEAD, Method::POST] {
        let r = c
            .request(method.clone(), fp.url_for(2, "alice"))
            .send()
            .await
            .expect("answer");
        assert_eq!(r.status(), 403);
        assert_eq!(r.headers()["server"], "cloudflare");
        assert_eq!(r.headers()["cf-mitigated"], "challenge");
        let body = r.text().await.expect("body");
        if method != Method::HEAD {
            assert!(
                body.contains("<title>Just a moment...</title>") && body.contains("cf_chl_opt")
            );
        }
    }

    let (s, body) = get(&c, &fp.url_for(3, "alice")).await;
    assert_eq!(s, 200);
    assert!(
        body.contains("Please verify you are a human")
            && body.contains("<div class=\"g-recaptcha\"")
    );

    let (s, body) = get(&c, &fp.url_for(4, "alice")).await;
    assert_eq!(s.as_u16(), 999);
    assert!(body.contains("Request denied"));

    for i in 0..fp.len() {
        let (_, body) = get(&c, &fp.url_for(i, "alice")).await;
        assert!(!body.contains(PROFILE_MARKER), "{}", fp.spec(i).name);
    }
}

#[tokio::test]
async fn rate_limits_and_server_errors_then_recover() {
    let date = UNIX_EPOCH + Duration::from_secs(4_000_000_000);
    let fp = FakePlatforms::start(vec![
        PlatformSpec::new(
            "limited",
            Behaviour::RateLimitThen {
                times: 2,
                retry_after: RetryAfter::Seconds(3),
                then: Box::new(Behaviour::Normal {
                    existing: users(&["alice"]),
                }),
            },
        ),
        PlatformSpec::new(
            "forever",
            Behaviour::RateLimitForever {
                retry_after: RetryAfter::HttpDate(date),
            },
        ),
        PlatformSpec::new(
            "bare",
            Behaviour::RateLimitForever {
                retry_after: RetryAfter::None,
            },
        ),
        PlatformSpec::new(
            "errors",
            Behaviour::ServerErrorThen {
                times: 1,
                status: 503,
                then: Box::new(Behaviour::Soft404 {
                    existing: users(&["alice"]),
                }),
            },
        ),
    ])
    .await
    .expect("start");
    let c = client(Duration::from_secs(5));
    let url = fp.url_for(0, "alice");
    for _ in 0..2 {
        let (s, retry, _) = fetch(&c, Method::GET, &url, "retry-after").await;
        assert_eq!(s, 429);
        assert_eq!(retry.as_deref(), Some("3"));
    }
    let (s, body) = get(&c, &url).await;
    assert!(s == 200 && body.contains(PROFILE_MARKER));
    let (s, _) = get(&c, &fp.url_for(0, "nobody")).await;
    assert_eq!(s, 404);

    for _ in 0..3 {
        let (s, retry, _) = fetch(&c, Method::GET, &fp.url_for(1, "alice"), "retry-after").await;
        assert_eq!(s, 429);
        assert_eq!(retry.as_deref(), Some(imf_fixdate(date).as_str()));
    }
    let (s, retry, _) = fetch(&c, Method::GET, &fp.url_for(2, "alice"), "retry-after").await;
    assert!(s == 429 && retry.is_none());

    let (s, _) = get(&c, &fp.url_for(3, "nobody")).await;
    assert_eq!(s, 503);
    let (s, body) = get(&c, &fp.url_for(3, "nobody")).await;
    assert!(s == 200 && body.contains(SOFT404_MARKER));
}

#[test]
fn http_dates_are_imf_fixdates() {
    let at = |secs| imf_fixdate(UNIX_EPOCH + Duration::from_secs(secs));
    assert_eq!(at(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(at(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_eq!(at(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    assert_eq!(at(4_102_444_799), "Thu, 31 Dec 2099 23:59:59 GMT");
    assert_eq!(
        imf_fixdate(UNIX_EPOCH - Duration::from_secs(5)),
        "Thu, 01 Jan 1970 00:00:00 GMT"
    );
}

#[tokio::test]
async fn hang_times_out_and_stops_with_the_servers() {
    let fp = one(Behaviour::Hang).await;
    let err = client(Duration::from_millis(200))
        .get(fp.url_for(0, "alice"))
        .send()
        .await
        .expect_err("no answer");
    assert!(err.is_timeout(), "{err:?}");
    let stats = fp.stats(0);
    assert_eq!(stats.requests, 1, "the request was read");
    assert_eq!(stats.max_in_flight, 1);

    // A request hanging when the servers are dropped fails promptly instead of waiting.
    let pending = tokio::spawn(
        client(Duration::from_secs(10))
            .get(fp.url_for(0, "bob"))
            .send(),
    );
    while fp.stats(0).requests < 2 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let addr = fp.base_url(0).trim_start_matches("http://").to_string();
    let started = Instant::now();
    drop(fp);
    let result = pending.await.expect("task");
    assert!(result.is_err() && started.elapsed() < Duration::from_secs(2));
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "listener closed"
    );
}

#[tokio::test]
async fn reset_is_a_connection_reset() {
    let fp = one(Behaviour::Reset).await;
    let err = client(Duration::from_secs(5))
        .get(fp.url_for(0, "alice"))
        .send()
        .await
        .expect_err("reset");
    assert!(!err.is_timeout(), "{err:?}");
    let mut source = err.source();
    let mut reset = false;
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            reset |= io.kind() == std::io::ErrorKind::ConnectionReset;
        }
        source = e.source();
    }
    assert!(reset, "expected ECONNRESET, got {err:?}");
    assert_eq!(fp.stats(0).requests, 1);
}

#[tokio::test]
async fn huge_bodies_are_streamed_with_markers_only_for_existing_users() {
    const BYTES: usize = 3 * 1024 * 1024 + 7;
    let fp = one(Behaviour::HugeBody {
        existing: users(&["alice"]),
        bytes: BYTES,
    })
    .await;
    let c = client(Duration::from_secs(5));
    let r = c.get(fp.url_for(0, "alice")).send().await.expect("answer");
    assert_eq!(r.status(), 200);
    assert_eq!(r.content_length(), Some(BYTES as u64));
    let body = r.bytes().await.expect("body");
    assert_eq!(body.len(), BYTES);
    let head = String::from_utf8_lossy(&body[..1024]);
    assert!(head.contains(PROFILE_MARKER) && head.contains(r#"data-username="alice""#));

    let r = c.get(fp.url_for(0, "nobody")).send().await.expect("answer");
    assert_eq!(r.status(), 200);
    let body = r.bytes().await.expect("body");
    assert_eq!(body.len(), BYTES);
    let text = String::from_utf8_lossy(&body);
    for marker in [
        PROFILE_MARKER,
        MISSING_MARKER,
        SOFT404_MARKER,
        "og:type",
        "nobody",
    ] {
        assert!(!text.contains(marker), "{marker}");
    }

    let (s, len, body) = fetch(&c, Method::HEAD, &fp.url_for(0, "alice"), "content-length").await;
    assert_eq!(s, 200);
    assert_eq!(len, Some(BYTES.to_string()));
    assert!(body.is_empty());
}

#[tokio::test]
async fn always_found_accepts_any_name() {
    let fp = one(Behaviour::AlwaysFound).await;
    let c = client(Duration::from_secs(5));
    for name in ["alice", "zz-no-one-9", "a.b_c"] {
        let (s, body) = get(&c, &fp.url_for(0, name)).await;
        assert_eq!(s, 200);
        assert!(
            body.contains(PROFILE_MARKER) && body.contains(&format!("data-username=\"{name}\""))
        );
    }
    // Odd characters in the name are escaped, not echoed raw.
    let (s, body) = get(&c, &format!("{}/u/%3Cb%3E\"x", fp.base_url(0))).await;
    assert_eq!(s, 200);
    assert!(!body.contains("data-username=\"%3Cb%3E\"x\""));
}

#[tokio::test]
async fn slow_platforms_and_latency_delay_answers() {
    let fp = FakePlatforms::start(vec![
        PlatformSpec::new(
            "slow",
            Behaviour::Slow {
                existing: users(&["alice"]),
                delay: Duration::from_millis(300),
            },
        ),
        PlatformSpec::new(
            "latent",
            Behaviour::Normal {
                existing: users(&["alice"]),
            },
        )
        .with_latency(Duration::from_millis(40), Duration::from_millis(60)),
    ])
    .await
    .expect("start");

    let err = client(Duration::from_millis(100))
        .get(fp.url_for(0, "alice"))
        .send()
        .await
        .expect_err("too slow");
    assert!(err.is_timeout());

    let c = client(Duration::from_secs(5));
    let started = Instant::now();
    let (s, _) = get(&c, &fp.url_for(0, "nobody")).await;
    assert_eq!(s, 404);
    assert!(started.elapsed() >= Duration::from_millis(300));

    for _ in 0..3 {
        let started = Instant::now();
        let (s, _) = get(&c, &fp.url_for(1, "alice")).await;
        assert_eq!(s, 200);
        assert!(started.elapsed() >= Duration::from_millis(40));
    }
    let gap = fp.stats(1).min_gap().expect("three arrivals");
    assert!(gap >= Duration::from_millis(40), "{gap:?}");
}

#[tokio::test]
async fn stats_count_requests_in_flight_at_once() {
    let fp = one(Behaviour::Slow {
        existing: users(&["alice"]),
        delay: Duration::from_millis(150),
    })
    .await;
    let c = client(Duration::from_secs(5));
    let requests: Vec<_> = (0..4)
        .map(|i| tokio::spawn(c.get(fp.url_for(0, &format!("user{i}"))).send()))
        .collect();
    for r in requests {
        assert_eq!(r.await.expect("task").expect("answer").status(), 404);
    }
    let stats = fp.stats(0);
    assert_eq!(stats.requests, 4);
    assert_eq!(stats.max_in_flight, 4);
    assert_eq!(
        stats.connections, 4,
        "concurrent requests need their own connections"
    );
}

#[tokio::test]
async fn a_malformed_request_only_closes_its_connection() {
    let fp = one(Behaviour::Normal {
        existing: users(&["alice"]),
    })
    .await;
    let addr = fp.base_url(0).trim_start_matches("http://").to_string();
    for garbage in [
        &b"NOT HTTP AT ALL\r\n\r\n"[..],
        b"GET /u/\xff\x00 HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nno colon here\r\n\r\n",
    ] {
        let mut s = tokio::net::TcpStream::connect(&addr)
            .await
            .expect("connect");
        s.write_all(garbage).await.expect("write");
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(2), s.read_to_end(&mut answer)).await;
        assert!(read.is_ok(), "the server closes the connection");
        assert!(
            answer.is_empty() || answer.starts_with(b"HTTP/1.1 400"),
            "at most a 400"
        );
    }
    let (s, body) = get(&client(Duration::from_secs(5)), &fp.url_for(0, "alice")).await;
    assert!(s == 200 && body.contains(PROFILE_MARKER), "still serving");
}

#[tokio::test]
async fn garbled_bodies_redirect_loops_and_invalid_utf8() {
    let fp = FakePlatforms::start(vec![
        PlatformSpec::new("garbled", Behaviour::Garbled),
        PlatformSpec::new("loop", Behaviour::RedirectLoop),
        PlatformSpec::new(
            "bad-utf8",
            Behaviour::InvalidUtf8 {
                existing: users(&["alice"]),
            },
        ),
    ])
    .await
    .expect("start");
    let c = client(Duration::from_secs(5));
    for name in ["alice", "bob"] {
        let r = c.get(fp.url_for(0, name)).send().await.expect("answer");
        assert_eq!(r.status(), 200);
        let body = r.bytes().await.expect("body");
        assert!((1024..=17 * 1024).contains(&body.len()), "{}", body.len());
        for marker in [PROFILE_MARKER, MISSING_MARKER, SOFT404_MARKER] {
            assert!(!String::from_utf8_lossy(&body).contains(marker), "{marker}");
        }
    }

    let mut url = fp.url_for(1, "alice");
    let mut hops = Vec::new();
    for _ in 0..4 {
        let (s, location, _) = fetch(&c, Method::GET, &url, "location").await;
        assert_eq!(s, 302);
        let location = location.expect("location");
        url = format!("{}{location}", fp.base_url(1));
        hops.push(location);
    }
    assert_eq!(hops, ["/loop/1", "/loop/2", "/loop/1", "/loop/2"]);

    let r = c.get(fp.url_for(2, "alice")).send().await.expect("answer");
    assert_eq!(r.status(), 200);
    let body = r.bytes().await.expect("body");
    assert!(std::str::from_utf8(&body).is_err(), "not valid UTF-8");
    assert!(String::from_utf8_lossy(&body).contains(PROFILE_MARKER));
    let r = c.get(fp.url_for(2, "bob")).send().await.expect("answer");
    assert_eq!(r.status(), 404);
    let body = r.bytes().await.expect("body");
    assert!(std::str::from_utf8(&body).is_err(), "not valid UTF-8");
    assert!(String::from_utf8_lossy(&body).contains(MISSING_MARKER));
}

#[test]
fn faults_come_at_the_rate_asked_with_storms_in_whole_blocks() {
    let n = 200_000u64;
    let faults: Vec<Option<Fault>> = (0..n).map(|i| fault_for(30, 7, i)).collect();
    let share = faults.iter().flatten().count() as f64 / n as f64;
    assert!((0.28..0.32).contains(&share), "{share}");
    for kind in [
        Fault::RateLimitStorm,
        Fault::Reset,
        Fault::Hang,
        Fault::HugeBody,
        Fault::Garbled,
        Fault::InvalidUtf8,
        Fault::RedirectLoop,
    ] {
        let count = faults.iter().filter(|f| **f == Some(kind)).count();
        assert!(count as f64 > n as f64 * 0.03, "{kind:?}: {count}");
    }
    for block in faults.chunks(STORM_LENGTH as usize) {
        let storms = block
            .iter()
            .filter(|f| **f == Some(Fault::RateLimitStorm))
            .count();
        assert!(
            storms == 0 || storms == block.len(),
            "a storm is a whole block"
        );
    }
    assert!((0..n).all(|i| fault_for(0, 7, i).is_none()));
    assert!((0..1000).all(|i| fault_for(100, 7, i).is_some()));
    // Across many platforms with their own seeds, the first requests fail at the same rate.
    let first: Vec<Option<Fault>> = (0..2000u64)
        .flat_map(|seed| (0..100).map(move |i| fault_for(30, seed, i)))
        .collect();
    let share = first.iter().flatten().count() as f64 / first.len() as f64;
    assert!((0.28..0.32).contains(&share), "{share}");
}

#[tokio::test]
async fn faulty_platforms_answer_like_their_inner_behaviour_between_faults() {
    let fp = one(Behaviour::Faulty {
        percent: 30,
        seed: 1,
        then: Box::new(Behaviour::Normal {
            existing: users(&["alice"]),
        }),
    })
    .await;
    let c = client(Duration::from_millis(500));
    let mut answered = 0;
    for i in 0..40u64 {
        let fault = fault_for(30, 1, i);
        let sent = c.get(fp.url_for(0, "alice")).send().await;
        match fault {
            None => {
                let r = sent.expect("an answer between faults");
                assert_eq!(r.status(), 200, "request {i}");
                assert!(r.text().await.expect("body").contains(PROFILE_MARKER));
                answered += 1;
            }
            Some(Fault::Reset | Fault::Hang) => assert!(sent.is_err(), "request {i}"),
            Some(Fault::RateLimitStorm) => {
                assert_eq!(sent.expect("429").status(), 429, "request {i}");
            }
            Some(Fault::RedirectLoop) => {
                assert_eq!(sent.expect("302").status(), 302, "request {i}");
            }
            Some(_) => assert_eq!(sent.expect("200").status(), 200, "request {i}"),
        }
    }
    assert!(answered > 15, "{answered}");
}

fn every_behaviour() -> Vec<(String, Behaviour)> {
    let alice = || users(&["alice"]);
    let normal = || Box::new(Behaviour::Normal { existing: alice() });
    vec![
        ("normal".into(), Behaviour::Normal { existing: alice() }),
        ("soft".into(), Behaviour::Soft404 { existing: alice() }),
        (
            "redirect".into(),
            Behaviour::RedirectHome { existing: alice() },
        ),
        ("wall".into(), Behaviour::LoginWall),
        ("wall-page".into(), Behaviour::LoginWallPage),
        ("cloudflare".into(), Behaviour::CloudflareChallenge),
        ("captcha".into(), Behaviour::Captcha),
        ("status999".into(), Behaviour::Status999),
        (
            "limited".into(),
            Behaviour::RateLimitThen {
                times: 1,
                retry_after: RetryAfter::HttpDate(SystemTime::now()),
                then: Box::new(Behaviour::Soft404 { existing: alice() }),
            },
        ),
        (
            "limited-forever".into(),
            Behaviour::RateLimitForever {
                retry_after: RetryAfter::Seconds(1),
            },
        ),
        (
            "errors".into(),
            Behaviour::ServerErrorThen {
                times: 1,
                status: 502,
                then: normal(),
            },
        ),
        ("hang".into(), Behaviour::Hang),
        ("reset".into(), Behaviour::Reset),
        (
            "huge".into(),
            Behaviour::HugeBody {
                existing: alice(),
                bytes: 10,
            },
        ),
        ("always".into(), Behaviour::AlwaysFound),
        ("garbled".into(), Behaviour::Garbled),
        (
            "bad-utf8".into(),
            Behaviour::InvalidUtf8 { existing: alice() },
        ),
        ("loop".into(), Behaviour::RedirectLoop),
        (
            "faulty".into(),
            Behaviour::Faulty {
                percent: 30,
                seed: 2,
                then: Box::new(Behaviour::Soft404 { existing: alice() }),
            },
        ),
        (
            "slow".into(),
            Behaviour::Slow {
                existing: alice(),
                delay: Duration::from_millis(1),
            },
        ),
    ]
}

#[test]
fn check_files_for_every_behaviour_are_valid_findable_checks() {
    let url = "http://127.0.0.1:9/u/{username}";
    let files: Vec<(String, String)> = every_behaviour()
        .iter()
        .map(|(name, b)| (format!("{name}.toml"), check_toml(name, url, b)))
        .collect();
    let catalog = findable::Catalog::from_sources(files.clone()).expect("valid checks");
    assert_eq!(catalog.checks.len(), files.len());
    let text = |id: &str| {
        &files
            .iter()
            .find(|(f, _)| f == &format!("{id}.toml"))
            .expect("file")
            .1
    };
    assert!(text("normal").contains("[profile.absent]\nstatus = [404]"));
    assert!(
        text("soft").contains("[profile.absent]\nbody = [\"Sorry, this page isn't available\"]")
    );
    assert!(text("redirect").contains("[profile.absent]\nredirect = \"/?missing=1\""));
    assert!(
        text("limited").contains("body = [\"Sorry"),
        "wrappers use the rules of `then`"
    );
    assert!(text("wall").contains("[profile.absent]\nstatus = [404]"));
    let check = catalog.get("normal").expect("normal");
    assert_eq!(
        check.profile.as_ref().expect("profile").url_for("bob"),
        "http://127.0.0.1:9/u/bob"
    );
}

#[test]
fn site_lists_for_every_behaviour_are_wmn_and_sherlock_json() {
    let behaviours = every_behaviour();
    let entries: Vec<(String, String, &Behaviour)> = behaviours
        .iter()
        .map(|(name, b)| {
            (
                name.clone(),
                format!("http://127.0.0.1:9/{name}/u/{{username}}"),
                b,
            )
        })
        .collect();

    let wmn: serde_json::Value = serde_json::from_str(&wmn_json(&entries)).expect("wmn json");
    let sites = wmn["sites"].as_array().expect("sites");
    assert_eq!(sites.len(), entries.len());
    assert!(wmn["license"].is_array() && wmn["authors"].is_array());
    let site = |name: &str| sites.iter().find(|s| s["name"] == name).expect(name);
    let normal = site("normal");
    assert_eq!(normal["uri_check"], "http://127.0.0.1:9/normal/u/{account}");
    assert_eq!(
        (normal["e_code"].as_u64(), normal["m_code"].as_u64()),
        (Some(200), Some(404))
    );
    assert_eq!(normal["e_string"], PROFILE_MARKER);
    assert_eq!(normal["m_string"], MISSING_MARKER);
    assert_eq!(normal["known"][0], "alice");
    assert_eq!(normal["cat"], "social");
    assert_eq!(site("soft")["m_string"], SOFT404_MARKER);
    assert_eq!(site("soft")["m_code"], 200);
    // WhatsMyName describes the first answer: the redirect itself.
    assert_eq!(site("redirect")["m_code"], 302);
    assert_eq!(site("redirect")["m_string"], "Redirecting");
    assert_eq!(site("captcha")["m_code"], 404);

    let sherlock: serde_json::Value =
        serde_json::from_str(&sherlock_json(&entries)).expect("sherlock json");
    assert!(sherlock["$schema"].is_string());
    let normal = &sherlock["normal"];
    assert_eq!(normal["url"], "http://127.0.0.1:9/normal/u/{}");
    assert_eq!(normal["urlMain"], "http://127.0.0.1:9/");
    assert_eq!(normal["errorType"], "status_code");
    assert_eq!(normal["errorCode"], 404);
    assert_eq!(normal["username_claimed"], "alice");
    assert_eq!(sherlock["soft"]["errorType"], "message");
    assert_eq!(sherlock["soft"]["errorMsg"], SOFT404_MARKER);
    assert_eq!(sherlock["redirect"]["errorType"], "response_url");
    assert_eq!(
        sherlock["redirect"]["errorUrl"],
        "http://127.0.0.1:9/?missing=1"
    );
    assert_eq!(sherlock["wall"]["username_claimed"], "alice");
}
