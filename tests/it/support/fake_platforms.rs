//! Fake platforms for tests and benchmarks: each is an HTTP/1.1 server on its own 127.0.0.1
//! port acting like one kind of real site (profile site, soft 404, login wall, Cloudflare,
//! rate limiter, hang, ...), so found / absent / unknown can be tested with no internet.

// Every test binary and the benchmark include this file but each uses only part of it, so
// unused items are expected and are not a sign of dead code.
#![allow(dead_code)]

use std::convert::Infallible;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

/// Servers stop by themselves after this long, so a test that leaks its `FakePlatforms`
/// (or a crashed benchmark) leaves nothing listening.
pub const MAX_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// In every real profile page (and in the always-200 page): the `exists` body marker.
pub const PROFILE_MARKER: &str = r#"og:type" content="profile""#;
/// In the 404 page of a missing user (`Normal`, `Slow`).
pub const MISSING_MARKER: &str = "no such user";
/// In the 200 page of a missing user on a `Soft404` site.
pub const SOFT404_MARKER: &str = "Sorry, this page isn't available";
/// Where `RedirectHome` sends a missing user (the `Location` header, verbatim).
pub const MISSING_REDIRECT: &str = "/?missing=1";
/// In the home page (`/`), the page a `RedirectHome` redirect ends on.
pub const HOME_MARKER: &str = "Welcome to the home page";
/// Path of the `LoginWall` login page.
pub const LOGIN_PATH: &str = "/accounts/login/";
/// The largest request body read (and thrown away) before answering.
const MAX_REQUEST_BODY: usize = 1 << 20;

/// How a fake platform answers. Every behaviour answers GET, HEAD and POST alike; the
/// profile path is `/u/{username}` and usernames match `existing` ignoring ASCII case.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// Existing user: 200 profile page. Missing: 404 "no such user".
    Normal { existing: Vec<String> },
    /// Existing user: 200 profile page. Missing: 200 "Sorry, this page isn't available".
    Soft404 { existing: Vec<String> },
    /// Existing user: 200 profile page. Missing: 302 to `/?missing=1`, the home page.
    RedirectHome { existing: Vec<String> },
    /// Every profile: 302 to `/accounts/login/?next=/u/{username}`, a 200 login page.
    LoginWall,
    /// Every profile: 200 login page ("Log in to see this profile"), no redirect.
    LoginWallPage,
    /// Every request: 403 Cloudflare "Just a moment..." challenge.
    CloudflareChallenge,
    /// Every request: 200 "Please verify you are a human" reCAPTCHA page.
    Captcha,
    /// Every request: status 999 "Request denied" (LinkedIn-style refusal).
    Status999,
    /// The first `times` requests to the origin, whatever their path, get 429; then `then`.
    RateLimitThen {
        times: u32,
        retry_after: RetryAfter,
        then: Box<Behaviour>,
    },
    /// Every request: 429.
    RateLimitForever { retry_after: RetryAfter },
    /// The first `times` requests get `status` (meant for 5xx); then `then`.
    ServerErrorThen {
        times: u32,
        status: u16,
        then: Box<Behaviour>,
    },
    /// Reads the request and never answers (until the servers stop).
    Hang,
    /// Reads the request, then closes the socket with SO_LINGER 0: the client sees a reset.
    Reset,
    /// 200 with a body of exactly `bytes` bytes, streamed. Existing user: the profile page
    /// (markers in the first 1 KiB) then filler. Missing: filler only, with no marker at all.
    HugeBody { existing: Vec<String>, bytes: usize },
    /// 200 profile page, echoing the name, for any username.
    AlwaysFound,
    /// Like `Normal`, but waits `delay` before answering (for timeout tests).
    Slow {
        existing: Vec<String>,
        delay: Duration,
    },
    /// Existing user: 200 profile page. Missing: 301 "Object moved" to `/` (Ko-Fi, GOG).
    MovedIfMissing { existing: Vec<String> },
    /// Existing user: 301 "You are being redirected" to `/athletes/{name}` (a 200 profile
    /// page). Missing: 404 (Strava).
    MovedIfFound { existing: Vec<String> },
    /// Existing user: 200 profile page. Missing: 503 "user unavailable" (skeb).
    Missing503 { existing: Vec<String> },
    /// Existing user: 200 `{"user":"NAME","badges":[]}`. Missing: 200 `[]`: a generic
    /// missing marker that a real profile also carries.
    JsonBoth { existing: Vec<String> },
    /// Every request: 302 to `to` (another origin, for header tests).
    RedirectElsewhere { to: String },
    /// Every request: 200 with bytes that are not a page (binary noise with torn-off bits of
    /// markup), never a whole marker.
    Garbled,
    /// Like `Normal` (and the home page), but every page has invalid UTF-8 sequences between
    /// its tags, while saying `charset=utf-8`; the markers themselves stay whole.
    InvalidUtf8 { existing: Vec<String> },
    /// Every request: 302 to `/loop/1`, which redirects to `/loop/2`, which redirects back
    /// to `/loop/1`, for ever.
    RedirectLoop,
    /// `percent` % of requests get a fault instead of `then`'s answer; which ones depends on
    /// `seed` and the request's index only (see [`fault_for`]), so a run can be recounted
    /// afterwards, and platforms with different seeds fail differently. A request on the
    /// redirect loop's `/loop/` path always stays on the loop.
    Faulty {
        percent: u8,
        seed: u64,
        then: Box<Behaviour>,
    },
}

/// What a `Faulty` platform answers with instead of the real answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fault {
    /// 429 with `Retry-After: 1` for [`STORM_LENGTH`] requests in a row.
    RateLimitStorm,
    /// The connection is reset (as `Reset`).
    Reset,
    /// No answer at all (as `Hang`).
    Hang,
    /// [`FAULT_HUGE_BYTES`] bytes (as `HugeBody`): the profile page first for an existing user.
    HugeBody,
    /// As `Garbled`.
    Garbled,
    /// As `InvalidUtf8`: the right answer, badly encoded.
    InvalidUtf8,
    /// As `RedirectLoop`.
    RedirectLoop,
}

/// The faults a `Faulty` platform picks from besides storms, in turn.
const SINGLE_FAULTS: [Fault; 6] = [
    Fault::Reset,
    Fault::Hang,
    Fault::HugeBody,
    Fault::Garbled,
    Fault::InvalidUtf8,
    Fault::RedirectLoop,
];

/// Requests in one 429 storm: requests are grouped in blocks this long, and a storm takes a
/// whole block.
pub const STORM_LENGTH: u64 = 8;

/// How long a `Faulty` platform's huge body is: twice findable's 2 MiB reading limit.
pub const FAULT_HUGE_BYTES: usize = 4 << 20;

/// The fault, if any, that request number `index` to a `Faulty { percent, seed, .. }`
/// platform gets. One sixth of `percent` goes to whole 429 storms; the rest is spread
/// evenly over the other faults, request by request, so that `percent` % of all requests
/// are faults.
pub fn fault_for(percent: u8, seed: u64, index: u64) -> Option<Fault> {
    let percent = u64::from(percent.min(100));
    let storms = percent / 6;
    let seed = mix(seed);
    // Salted, so whether a block storms says nothing about its requests' own rolls.
    if mix(seed ^ (index / STORM_LENGTH) ^ 0x5157_4f52_4d00) % 100 < storms {
        return Some(Fault::RateLimitStorm);
    }
    // Among requests outside storms, the share that keeps the overall rate at `percent`.
    let rest = (percent - storms) * 10_000 / (100 - storms).max(1);
    let roll = mix(seed ^ index);
    (roll % 10_000 < rest).then(|| SINGLE_FAULTS[(roll / 10_000 % 6) as usize])
}

/// A fixed, well-spread hash of a request index (splitmix64's finaliser).
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The `Retry-After` header on a 429.
#[derive(Debug, Clone, Copy)]
pub enum RetryAfter {
    /// No header.
    None,
    /// `Retry-After: <seconds>`.
    Seconds(u64),
    /// `Retry-After: <IMF-fixdate>`, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    HttpDate(SystemTime),
}

/// One fake platform to start.
#[derive(Debug, Clone)]
pub struct PlatformSpec {
    /// Also the check id in [`check_toml`]: lowercase letters, digits and `-`.
    pub name: String,
    pub behaviour: Behaviour,
    /// A uniformly random delay in this range before answering any request.
    pub latency: (Duration, Duration),
}

impl PlatformSpec {
    /// A platform that answers without added latency.
    pub fn new(name: &str, behaviour: Behaviour) -> Self {
        Self {
            name: name.to_string(),
            behaviour,
            latency: (Duration::ZERO, Duration::ZERO),
        }
    }

    /// Adds a random latency between `min` and `max` before every answer.
    pub fn with_latency(mut self, min: Duration, max: Duration) -> Self {
        self.latency = (min, max);
        self
    }
}

/// `["alice", "bob"]` as owned strings, for the `existing` lists.
pub fn users(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_string()).collect()
}

/// What one platform has seen so far.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Requests received (counted when their head has been read).
    pub requests: usize,
    /// TCP connections accepted; fewer than `requests` means keep-alive reuse.
    pub connections: usize,
    /// The most requests being answered at the same moment.
    pub max_in_flight: usize,
    /// When each request arrived, in order.
    pub arrivals: Vec<Instant>,
    /// `"METHOD /path?query"` of each request, in order.
    pub targets: Vec<String>,
    /// The request headers of each request (names lower-cased), in order.
    pub headers: Vec<Vec<(String, String)>>,
}

impl Stats {
    /// The smallest gap between two consecutive arrivals (for minimum-interval tests).
    pub fn min_gap(&self) -> Option<Duration> {
        self.arrivals
            .windows(2)
            .map(|w| w[1].saturating_duration_since(w[0]))
            .min()
    }
}

/// Running fake platforms. Dropping this stops every server and every open connection.
pub struct FakePlatforms {
    servers: Vec<Server>,
}

struct Server {
    spec: PlatformSpec,
    addr: SocketAddr,
    state: Arc<Platform>,
    task: JoinHandle<()>,
}

impl FakePlatforms {
    /// Starts one server per spec, each on its own `127.0.0.1` port. Must be called inside a
    /// Tokio runtime; do not use with paused time (the lifetime limit would fire at once).
    pub async fn start(specs: Vec<PlatformSpec>) -> std::io::Result<Self> {
        let mut servers = Vec::with_capacity(specs.len());
        for spec in specs {
            let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
            let addr = listener.local_addr()?;
            let state = Arc::new(Platform {
                behaviour: spec.behaviour.clone(),
                latency: spec.latency,
                may_reset: spec.behaviour.may_reset(),
                stats: Mutex::new(Counters::default()),
            });
            let task = tokio::spawn({
                let state = state.clone();
                async move {
                    // Dropping `accept_loop` (on timeout or abort) drops its JoinSet, which
                    // aborts every connection task too, hanging ones included.
                    let _ = tokio::time::timeout(MAX_LIFETIME, accept_loop(listener, state)).await;
                }
            });
            servers.push(Server {
                spec,
                addr,
                state,
                task,
            });
        }
        Ok(Self { servers })
    }

    pub fn len(&self) -> usize {
        self.servers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.servers.is_empty()
    }

    /// The spec platform `index` was started with. Panics if `index` is out of range.
    pub fn spec(&self, index: usize) -> &PlatformSpec {
        &self.servers[index].spec
    }

    /// `http://127.0.0.1:PORT`, no trailing slash. Panics if `index` is out of range.
    pub fn base_url(&self, index: usize) -> String {
        format!("http://{}", self.servers[index].addr)
    }

    /// `http://127.0.0.1:PORT/u/{username}` with a literal `{username}` placeholder.
    pub fn profile_url(&self, index: usize) -> String {
        format!("{}/u/{{username}}", self.base_url(index))
    }

    /// The profile URL of one username.
    pub fn url_for(&self, index: usize, username: &str) -> String {
        format!("{}/u/{username}", self.base_url(index))
    }

    /// A snapshot of what platform `index` has seen.
    pub fn stats(&self, index: usize) -> Stats {
        lock(&self.servers[index].state.stats).stats.clone()
    }

    /// `(name, profile URL, behaviour)` for every platform, as [`wmn_json`] and
    /// [`sherlock_json`] take them.
    pub fn entries(&self) -> Vec<(String, String, &Behaviour)> {
        (0..self.len())
            .map(|i| {
                let spec = self.spec(i);
                (spec.name.clone(), self.profile_url(i), &spec.behaviour)
            })
            .collect()
    }

    /// [`check_toml`] for every platform, as `(file name, text)` pairs.
    pub fn check_files(&self) -> Vec<(String, String)> {
        (0..self.len())
            .map(|i| {
                let spec = self.spec(i);
                (
                    format!("{}.toml", slug(&spec.name)),
                    check_toml(&spec.name, &self.profile_url(i), &spec.behaviour),
                )
            })
            .collect()
    }
}

impl Drop for FakePlatforms {
    fn drop(&mut self) {
        for server in &self.servers {
            server.task.abort();
        }
    }
}

impl Behaviour {
    /// The usernames that exist, looking through rate-limit and error wrappers.
    pub fn existing(&self) -> &[String] {
        match self {
            Self::Normal { existing }
            | Self::Soft404 { existing }
            | Self::RedirectHome { existing }
            | Self::HugeBody { existing, .. }
            | Self::Slow { existing, .. }
            | Self::MovedIfMissing { existing }
            | Self::MovedIfFound { existing }
            | Self::Missing503 { existing }
            | Self::JsonBoth { existing }
            | Self::InvalidUtf8 { existing } => existing,
            Self::RateLimitThen { then, .. }
            | Self::ServerErrorThen { then, .. }
            | Self::Faulty { then, .. } => then.existing(),
            _ => &[],
        }
    }

    /// The behaviour that decides detection rules, looking through the wrappers.
    fn underlying(&self) -> &Self {
        match self {
            Self::RateLimitThen { then, .. }
            | Self::ServerErrorThen { then, .. }
            | Self::Faulty { then, .. } => then.underlying(),
            other => other,
        }
    }

    fn may_reset(&self) -> bool {
        match self {
            Self::Reset | Self::Faulty { .. } => true,
            Self::RateLimitThen { then, .. } | Self::ServerErrorThen { then, .. } => {
                then.may_reset()
            }
            _ => false,
        }
    }

    fn knows(&self, name: &str) -> bool {
        self.existing().iter().any(|e| e.eq_ignore_ascii_case(name))
    }
}

// ---------------------------------------------------------------------------------------
// Serving

type ResponseBody = BoxBody<Bytes, Infallible>;

struct Platform {
    behaviour: Behaviour,
    latency: (Duration, Duration),
    may_reset: bool,
    stats: Mutex<Counters>,
}

#[derive(Default)]
struct Counters {
    stats: Stats,
    in_flight: usize,
}

/// A poisoned lock only means another request's task panicked; the counters are still usable.
fn lock(m: &Mutex<Counters>) -> MutexGuard<'_, Counters> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Counts a request as in flight until dropped, even when the client goes away mid-answer.
struct InFlight(Arc<Platform>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut c = lock(&self.0.stats);
        c.in_flight = c.in_flight.saturating_sub(1);
    }
}

impl Platform {
    /// Records an arrival; returns its index on this origin (0 = first request).
    fn arrive(self: &Arc<Self>, target: String, headers: Vec<(String, String)>) -> (u64, InFlight) {
        let mut c = lock(&self.stats);
        let index = c.stats.requests as u64;
        c.stats.requests += 1;
        c.stats.arrivals.push(Instant::now());
        c.stats.targets.push(target);
        c.stats.headers.push(headers);
        c.in_flight += 1;
        c.stats.max_in_flight = c.stats.max_in_flight.max(c.in_flight);
        drop(c);
        (index, InFlight(self.clone()))
    }

    fn latency(&self) -> Duration {
        let (lo, hi) = self.latency;
        if hi <= lo {
            return lo;
        }
        let span = u64::try_from((hi - lo).as_nanos()).unwrap_or(u64::MAX);
        lo + Duration::from_nanos(fastrand::u64(0..=span))
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<Platform>) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Usually "too many open files" under a big benchmark: back off, don't spin.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        // Small answers must not wait for Nagle's algorithm on a kept-alive connection.
        let _ = stream.set_nodelay(true);
        lock(&state.stats).stats.connections += 1;
        while connections.try_join_next().is_some() {}
        connections.spawn(serve_connection(stream, state.clone()));
    }
}

async fn serve_connection(stream: TcpStream, state: Arc<Platform>) {
    // Hyper owns the stream, so a behaviour that must reset the connection keeps a second
    // handle on the same socket to set SO_LINGER 0 on before the last handle closes.
    let (stream, spare) = if state.may_reset {
        match split_handle(stream) {
            Some(pair) => pair,
            None => return,
        }
    } else {
        (stream, None)
    };
    let reset = Arc::new(Notify::new());
    let service = {
        let state = state.clone();
        let reset = reset.clone();
        service_fn(move |req| handle(state.clone(), reset.clone(), req))
    };
    let conn = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    // A malformed request makes hyper answer 400 and close; any error just ends the task.
    tokio::select! {
        _ = conn => {}
        () = reset.notified() => {
            if let Some(spare) = spare {
                let _ = TcpSocket::from_std_stream(spare).set_zero_linger();
            }
        }
    }
}

fn split_handle(stream: TcpStream) -> Option<(TcpStream, Option<std::net::TcpStream>)> {
    let std_stream = stream.into_std().ok()?;
    let spare = std_stream.try_clone().ok();
    let stream = TcpStream::from_std(std_stream).ok()?;
    Some((stream, spare))
}

async fn handle(
    state: Arc<Platform>,
    reset: Arc<Notify>,
    req: Request<Incoming>,
) -> Result<Response<ResponseBody>, Infallible> {
    let path = req.uri().path().to_string();
    let target = match req.uri().query() {
        Some(q) => format!("{} {path}?{q}", req.method()),
        None => format!("{} {path}", req.method()),
    };
    let headers = req
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        })
        .collect();
    let (index, _in_flight) = state.arrive(target, headers);
    // Read the whole (capped) request body so a POST leaves the connection reusable.
    let _ = Limited::new(req.into_body(), MAX_REQUEST_BODY)
        .collect()
        .await;
    let latency = state.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match plan(&state.behaviour, index, &path) {
        Action::Reply(response) => Ok(response),
        Action::Delay(delay, response) => {
            tokio::time::sleep(delay).await;
            Ok(response)
        }
        Action::Hang => std::future::pending().await,
        Action::Reset => {
            reset.notify_one();
            std::future::pending().await
        }
    }
}

enum Action {
    Reply(Response<ResponseBody>),
    Delay(Duration, Response<ResponseBody>),
    Hang,
    Reset,
}

/// Decides the answer to request number `index` (on this origin) for `path`.
fn plan(behaviour: &Behaviour, index: u64, path: &str) -> Action {
    let profile = path
        .strip_prefix("/u/")
        .filter(|name| !name.is_empty() && !name.contains('/'));
    let home = path == "/";
    let reply = Action::Reply;
    match behaviour {
        Behaviour::RateLimitThen {
            times,
            retry_after,
            then,
        } => {
            if index < u64::from(*times) {
                reply(rate_limited(*retry_after))
            } else {
                plan(then, index - u64::from(*times), path)
            }
        }
        Behaviour::RateLimitForever { retry_after } => reply(rate_limited(*retry_after)),
        Behaviour::ServerErrorThen {
            times,
            status,
            then,
        } => {
            if index < u64::from(*times) {
                reply(html(
                    *status,
                    &[],
                    format!("<html><body><h1>Server error {status}</h1></body></html>"),
                ))
            } else {
                plan(then, index - u64::from(*times), path)
            }
        }
        Behaviour::Faulty { .. } if path.starts_with(LOOP_PATH) => redirect_loop(path),
        Behaviour::Faulty {
            percent,
            seed,
            then,
        } => match fault_for(*percent, *seed, index) {
            None => plan(then, index, path),
            Some(Fault::RateLimitStorm) => reply(rate_limited(RetryAfter::Seconds(1))),
            Some(Fault::Reset) => Action::Reset,
            Some(Fault::Hang) => Action::Hang,
            Some(Fault::HugeBody) => {
                let huge = Behaviour::HugeBody {
                    existing: then.existing().to_vec(),
                    bytes: FAULT_HUGE_BYTES,
                };
                plan(&huge, index, path)
            }
            Some(Fault::Garbled) => reply(html(200, &[], garbled(index))),
            Some(Fault::InvalidUtf8) => reply(invalid_utf8(then, path)),
            Some(Fault::RedirectLoop) => redirect_loop(path),
        },
        Behaviour::Garbled => reply(html(200, &[], garbled(index))),
        Behaviour::InvalidUtf8 { .. } => reply(invalid_utf8(behaviour, path)),
        Behaviour::RedirectLoop => redirect_loop(path),
        Behaviour::Hang => Action::Hang,
        Behaviour::Reset => Action::Reset,
        Behaviour::CloudflareChallenge => reply(cloudflare()),
        Behaviour::Captcha => reply(html(200, &[], CAPTCHA_PAGE)),
        Behaviour::Status999 => reply(html(999, &[], "<html><body>Request denied</body></html>")),
        Behaviour::RedirectElsewhere { to } => reply(html(
            302,
            &[("location", to.clone())],
            "<p>Moved elsewhere</p>",
        )),
        _ if home => reply(html(200, &[], HOME_PAGE)),
        Behaviour::LoginWall if path == LOGIN_PATH => reply(html(200, &[], LOGIN_PAGE)),
        Behaviour::MovedIfFound { .. } if path.starts_with("/athletes/") => {
            let name = path.trim_start_matches("/athletes/");
            reply(html(200, &[], profile_page(name)))
        }
        _ => match profile {
            None => reply(html(404, &[], NOT_FOUND_PAGE)),
            Some(name) => profile_answer(behaviour, name),
        },
    }
}

/// The answer to `/u/{name}` for the behaviours that have profiles.
fn profile_answer(behaviour: &Behaviour, name: &str) -> Action {
    let known = behaviour.knows(name);
    let reply = Action::Reply;
    match behaviour {
        Behaviour::AlwaysFound => reply(html(200, &[], profile_page(name))),
        Behaviour::LoginWall => {
            let to = format!("{LOGIN_PATH}?next=/u/{name}");
            reply(html(
                302,
                &[("location", to)],
                "<p>Redirecting to log in</p>",
            ))
        }
        Behaviour::LoginWallPage => reply(html(200, &[], LOGIN_WALL_PAGE)),
        Behaviour::MovedIfFound { .. } if known => reply(html(
            301,
            &[("location", format!("/athletes/{name}"))],
            "<p>You are being redirected</p>",
        )),
        Behaviour::MovedIfFound { .. } => reply(html(404, &[], MISSING_PAGE)),
        Behaviour::JsonBoth { .. } if known => reply(json(
            200,
            format!("{{\"user\":\"{}\",\"badges\":[]}}", escape_html(name)),
        )),
        Behaviour::JsonBoth { .. } => reply(json(200, "[]".to_string())),
        Behaviour::HugeBody { bytes, .. } => {
            let head = if known {
                Bytes::from(profile_page(name))
            } else {
                Bytes::new()
            };
            reply(streamed(head, *bytes))
        }
        _ if known => reply(html(200, &[], profile_page(name))),
        Behaviour::Soft404 { .. } => reply(html(200, &[], SOFT404_PAGE)),
        Behaviour::RedirectHome { .. } => reply(html(
            302,
            &[("location", MISSING_REDIRECT.to_string())],
            "<p>Redirecting to the home page</p>",
        )),
        Behaviour::MovedIfMissing { .. } => reply(html(
            301,
            &[("location", "/".to_string())],
            "<h2>Object moved</h2>",
        )),
        Behaviour::Missing503 { .. } => reply(html(503, &[], "<p>user unavailable</p>")),
        _ => reply(html(404, &[], MISSING_PAGE)),
    }
    .slowed(behaviour)
}

impl Action {
    /// `Slow` delays every profile answer, found or not.
    fn slowed(self, behaviour: &Behaviour) -> Self {
        match (self, behaviour) {
            (Self::Reply(r), Behaviour::Slow { delay, .. }) => Self::Delay(*delay, r),
            (action, _) => action,
        }
    }
}

/// Where `RedirectLoop` (and a `Faulty` redirect loop) sends every request.
const LOOP_PATH: &str = "/loop/";

/// The next hop of the loop: `/loop/1` and `/loop/2` send to each other, anything else to
/// `/loop/1`.
fn redirect_loop(path: &str) -> Action {
    let next = if path == "/loop/1" {
        "/loop/2"
    } else {
        "/loop/1"
    };
    Action::Reply(html(
        302,
        &[("location", next.to_string())],
        "<p>Redirecting</p>",
    ))
}

/// 1 to 16 KiB of noise for request `index`: random bytes with torn-off bits of markup in
/// between, never a whole marker.
fn garbled(index: u64) -> Bytes {
    const TORN: &[&[u8]] = &[
        b"<html><he",
        b"<meta property=\"og:ty",
        b"</div></bo",
        b"\xef\xbb\xbf<!DOC",
        b"no such u",
        b"Sorry, this page is",
        b"\x00\x00\x00",
    ];
    let mut rng = fastrand::Rng::with_seed(index);
    let len = rng.usize(1024..=16 * 1024);
    let mut out = Vec::with_capacity(len + 32);
    while out.len() < len {
        if rng.u8(..) < 16 {
            out.extend_from_slice(TORN[rng.usize(..TORN.len())]);
        } else {
            out.push(rng.u8(..));
        }
    }
    Bytes::from(out)
}

/// The answer `then` would give, each page with invalid UTF-8 sequences after each `>`:
/// truncated multi-byte characters, lone continuation bytes, overlong forms, 0xFF.
fn invalid_utf8(then: &Behaviour, path: &str) -> Response<ResponseBody> {
    let spoil = |page: &str| -> Bytes {
        const BAD: &[&[u8]] = &[
            b"\xff",
            b"\xc3\x28",
            b"\xe2\x82",
            b"\x80\xbf",
            b"\xc0\xaf",
            b"\xf0\x9f\x98",
        ];
        let mut out = Vec::with_capacity(page.len() * 2);
        for (i, piece) in page.split_inclusive('>').enumerate() {
            out.extend_from_slice(piece.as_bytes());
            out.extend_from_slice(BAD[i % BAD.len()]);
        }
        Bytes::from(out)
    };
    if path == "/" {
        return html(200, &[], spoil(HOME_PAGE));
    }
    let Some(name) = path
        .strip_prefix("/u/")
        .filter(|name| !name.is_empty() && !name.contains('/'))
    else {
        return html(404, &[], spoil(NOT_FOUND_PAGE));
    };
    if then.knows(name) {
        return html(200, &[], spoil(&profile_page(name)));
    }
    match then.underlying() {
        Behaviour::Soft404 { .. } => html(200, &[], spoil(SOFT404_PAGE)),
        Behaviour::RedirectHome { .. } => html(
            302,
            &[("location", MISSING_REDIRECT.to_string())],
            spoil("<p>Redirecting to the home page</p>"),
        ),
        _ => html(404, &[], spoil(MISSING_PAGE)),
    }
}

fn profile_page(name: &str) -> String {
    let name = escape_html(name);
    // The og:type marker comes first so it is inside the first 1 KiB whatever the name.
    format!(
        "<!doctype html>\n<html><head><meta property=\"og:type\" content=\"profile\">\
         <meta charset=\"utf-8\"><title>{name} • Fake</title></head>\n\
         <body><main class=\"profile\" data-username=\"{name}\"><h1>@{name}</h1>\
         <p>12 posts · 34 followers</p></main></body></html>\n"
    )
}

const MISSING_PAGE: &str = "<!doctype html>\n<html><head><title>Not found • Fake</title></head>\
<body><h1>Not found</h1><p>There is no such user here.</p></body></html>\n";

const NOT_FOUND_PAGE: &str = "<!doctype html>\n<html><head><title>Page not found</title></head>\
<body><h1>Page not found</h1></body></html>\n";

const SOFT404_PAGE: &str = "<!doctype html>\n<html><head><title>Fake</title></head><body>\
<h1>Sorry, this page isn't available.</h1><p>The link you followed may be broken.</p>\
</body></html>\n";

const HOME_PAGE: &str = "<!doctype html>\n<html><head><title>Fake</title></head><body>\
<h1>Welcome to the home page</h1></body></html>\n";

const LOGIN_PAGE: &str = "<!doctype html>\n<html><head><title>Log in • Fake</title></head><body>\
<form method=\"post\" action=\"/accounts/login/\"><input name=\"username\">\
<input type=\"password\" name=\"password\"><button>Log in</button></form></body></html>\n";

const LOGIN_WALL_PAGE: &str = "<!doctype html>\n<html><head><title>Log in</title></head><body>\
<h1>Log in to see this profile</h1><form method=\"post\" action=\"/login\">\
<input name=\"username\"><input type=\"password\" name=\"password\"><button>Log in</button>\
</form></body></html>\n";

const CAPTCHA_PAGE: &str = "<!doctype html>\n<html><head><title>Security check</title></head>\
<body><h1>Please verify you are a human</h1><form method=\"post\">\
<div class=\"g-recaptcha\" data-sitekey=\"fake-site-key\"></div></form></body></html>\n";

const CLOUDFLARE_PAGE: &str = "<!DOCTYPE html><html lang=\"en-US\"><head>\
<title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to \
continue</noscript><script>(function(){window._cf_chl_opt={cvId:'3',cType:'managed'};}());\
</script></body></html>\n";

fn cloudflare() -> Response<ResponseBody> {
    html(
        403,
        &[
            ("server", "cloudflare".to_string()),
            ("cf-mitigated", "challenge".to_string()),
        ],
        CLOUDFLARE_PAGE,
    )
}

fn rate_limited(retry_after: RetryAfter) -> Response<ResponseBody> {
    let value = match retry_after {
        RetryAfter::None => None,
        RetryAfter::Seconds(s) => Some(s.to_string()),
        RetryAfter::HttpDate(t) => Some(imf_fixdate(t)),
    };
    let headers: Vec<_> = value.map(|v| ("retry-after", v)).into_iter().collect();
    html(
        429,
        &headers,
        "<html><body><h1>Too Many Requests</h1></body></html>",
    )
}

fn json(status: u16, body: String) -> Response<ResponseBody> {
    let mut response = html(status, &[], body);
    response.headers_mut().insert(
        HeaderName::from_static("content-type"),
        HeaderValue::from_static("application/json"),
    );
    response
}

/// A complete HTML answer. Bad statuses become 500 and bad header values are left out, so
/// odd input never panics.
fn html(
    status: u16,
    headers: &[(&'static str, String)],
    body: impl Into<Bytes>,
) -> Response<ResponseBody> {
    respond(status, headers, Full::new(body.into()).boxed())
}

fn streamed(head: Bytes, bytes: usize) -> Response<ResponseBody> {
    respond(
        200,
        &[],
        Streamed {
            head,
            remaining: bytes,
        }
        .boxed(),
    )
}

fn respond(
    status: u16,
    headers: &[(&'static str, String)],
    body: ResponseBody,
) -> Response<ResponseBody> {
    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = response.headers_mut();
    h.insert(
        HeaderName::from_static("content-type"),
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            h.insert(HeaderName::from_static(name), value);
        }
    }
    response
}

/// A body of exactly `remaining` bytes: `head` first (cut short if it is longer), then
/// marker-free filler, sent in chunks so large sizes never sit in memory at once.
struct Streamed {
    head: Bytes,
    remaining: usize,
}

fn filler() -> Bytes {
    static FILLER: OnceLock<Bytes> = OnceLock::new();
    FILLER
        .get_or_init(|| {
            let line = "<p>lorem ipsum dolor sit amet, consectetur adipiscing elit</p>\n";
            Bytes::from(line.repeat(64 * 1024 / line.len()))
        })
        .clone()
}

impl Body for Streamed {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.remaining == 0 {
            return Poll::Ready(None);
        }
        let source = if self.head.is_empty() {
            filler()
        } else {
            std::mem::take(&mut self.head)
        };
        let chunk = source.slice(..source.len().min(self.remaining));
        self.remaining -= chunk.len();
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        // Exact, so hyper sends Content-Length rather than chunked encoding.
        SizeHint::with_exact(self.remaining as u64)
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `t` as an HTTP IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. Times before 1970 are
/// written as 1970-01-01.
pub fn imf_fixdate(t: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let (hour, minute, second) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{}, {day:02} {} {year} {hour:02}:{minute:02}:{second:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize]
    )
}

// ---------------------------------------------------------------------------------------
// Detection descriptions: the same platforms as findable check files and imported lists.

/// The absent rule a client should use, as findable's `[profile.absent]` sees it.
enum Absent {
    Status404,
    Body(&'static str),
    Redirect(&'static str),
}

/// Walls, limits and errors get the `Normal` rules: the engine must not be fooled by them.
fn absent_rule(behaviour: &Behaviour) -> Absent {
    match behaviour.underlying() {
        Behaviour::Soft404 { .. } => Absent::Body(SOFT404_MARKER),
        Behaviour::RedirectHome { .. } => Absent::Redirect(MISSING_REDIRECT),
        _ => Absent::Status404,
    }
}

/// `name` made into a valid check id: lowercase letters, digits and `-`.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_start_matches('-');
    if s.is_empty() {
        "fake".to_string()
    } else {
        s.to_string()
    }
}

/// A findable check file (see `checks/README.md`) for a platform with this behaviour at
/// `profile_url` (which contains `{username}`). `id` is `name` made into a valid id.
pub fn check_toml(name: &str, profile_url: &str, behaviour: &Behaviour) -> String {
    let id = slug(name);
    let absent = match absent_rule(behaviour) {
        Absent::Status404 => "status = [404]".to_string(),
        Absent::Body(text) => format!("body = [{}]", toml_str(text)),
        Absent::Redirect(text) => format!("redirect = {}", toml_str(text)),
    };
    let mut out = format!(
        "# A fake platform from tests/it/support/fake_platforms.rs; it is not a real site.\n\
         id = {id}\n\
         name = {name}\n\
         category = \"social\"\n\
         pupil_use = \"high\"\n\
         as_of = 2026-01-01\n\
         \n\
         [profile]\n\
         url = {url}\n\
         username_rule = '^[A-Za-z0-9_.-]{{1,40}}$'\n\
         method = \"http\"\n\
         source = \"https://example.test/fake-platforms\"\n\
         as_of = 2026-01-01\n\
         \n\
         [profile.exists]\n\
         status = [200]\n\
         body = [{marker}]\n\
         \n\
         [profile.absent]\n\
         {absent}\n\
         \n\
         [[search]]\n\
         query = '\"{{name}}\" \"{{username}}\"'\n\
         why = \"Finds pages that show your name next to your username.\"\n",
        id = toml_str(&id),
        name = toml_str(name),
        url = toml_str(profile_url),
        marker = toml_str(PROFILE_MARKER),
    );
    let settings = [
        ("private-account", "Private account", "On", "high"),
        ("who-can-message", "Who can message you", "Friends", "high"),
        ("find-by-phone", "Find me by phone number", "Off", "medium"),
        (
            "search-engines",
            "Show profile in search engines",
            "Off",
            "low",
        ),
    ];
    for (sid, label, recommended, priority) in settings {
        // The two that stop someone finding or contacting you: the short walkthrough.
        let essential = matches!(sid, "private-account" | "who-can-message");
        let _ = write!(
            out,
            "\n[[settings]]\n\
             id = \"{sid}\"\n\
             label = \"{label}\"\n\
             where = \"Profile → Settings → Privacy → {label}\"\n\
             recommended = \"{recommended}\"\n\
             risk = \"A pupil could see more of you than you meant to share.\"\n\
             priority = \"{priority}\"\n\
             essential = {essential}\n\
             question = \"Is '{label}' set to {recommended}?\"\n\
             safe_answer = \"yes\"\n\
             help_url = \"https://example.test/{id}/help/{sid}\"\n\
             as_of = 2026-01-01\n"
        );
    }
    let _ = write!(
        out,
        "\n[report]\n\
         abuse = \"https://example.test/{id}/report/abuse\"\n\
         impersonation = \"https://example.test/{id}/report/impersonation\"\n"
    );
    out
}

/// The same sites as a WhatsMyName list. Each entry is `(name, profile URL with
/// {username}, behaviour)`; `known` lists the existing usernames. For `RedirectHome` the
/// missing signal is the redirect itself (302 + "Redirecting"): WhatsMyName's codes and
/// strings describe the first answer, before any redirect.
pub fn wmn_json(entries: &[(String, String, &Behaviour)]) -> String {
    let mut sites = Vec::with_capacity(entries.len());
    for (name, url, behaviour) in entries {
        let (m_code, m_string) = match absent_rule(behaviour) {
            Absent::Status404 => (404, MISSING_MARKER),
            Absent::Body(text) => (200, text),
            Absent::Redirect(_) => (302, "Redirecting"),
        };
        let known: Vec<String> = behaviour.existing().iter().map(|k| json_str(k)).collect();
        sites.push(format!(
            "    {{\"name\": {}, \"uri_check\": {}, \"e_code\": 200, \"e_string\": {}, \
             \"m_code\": {m_code}, \"m_string\": {}, \"known\": [{}], \"cat\": \"social\"}}",
            json_str(name),
            json_str(&url.replace("{username}", "{account}")),
            json_str(PROFILE_MARKER),
            json_str(m_string),
            known.join(", "),
        ));
    }
    format!(
        "{{\n  \"license\": [],\n  \"authors\": [],\n  \"categories\": [\"social\"],\n  \
         \"sites\": [\n{}\n  ]\n}}\n",
        sites.join(",\n")
    )
}

/// The same sites as a Sherlock `data.json`: `status_code` 404 by default, `message` for
/// `Soft404`, `response_url` for `RedirectHome`. `username_claimed` is the first existing
/// username (or `alice` when the behaviour has none).
pub fn sherlock_json(entries: &[(String, String, &Behaviour)]) -> String {
    let mut out = String::from(
        "{\n  \"$schema\": \"https://raw.githubusercontent.com/sherlock-project/sherlock/\
         master/sherlock_project/resources/data.schema.json\"",
    );
    for (name, url, behaviour) in entries {
        let base = origin(url);
        let error = match absent_rule(behaviour) {
            Absent::Status404 => "\"errorType\": \"status_code\", \"errorCode\": 404".to_string(),
            Absent::Body(text) => {
                format!(
                    "\"errorType\": \"message\", \"errorMsg\": {}",
                    json_str(text)
                )
            }
            Absent::Redirect(to) => format!(
                "\"errorType\": \"response_url\", \"errorUrl\": {}",
                json_str(&format!("{base}{to}"))
            ),
        };
        let claimed = behaviour.existing().first().map_or("alice", String::as_str);
        let _ = write!(
            out,
            ",\n  {}: {{\"url\": {}, \"urlMain\": {}, {error}, \"username_claimed\": {}}}",
            json_str(name),
            json_str(&url.replace("{username}", "{}")),
            json_str(&format!("{base}/")),
            json_str(claimed),
        );
    }
    out.push_str("\n}\n");
    out
}

/// `scheme://host:port` of a URL, without the path.
fn origin(url: &str) -> &str {
    let start = url.find("://").map_or(0, |i| i + 3);
    match url[start..].find('/') {
        Some(i) => &url[..start + i],
        None => url,
    }
}

fn json_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML basic string; same escapes as JSON for what we write.
fn toml_str(text: &str) -> String {
    json_str(text)
}
