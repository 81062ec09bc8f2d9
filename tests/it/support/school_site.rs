//! A fake school website on 127.0.0.1 for `findable school` tests and the benchmark: the
//! pages of `fixtures/school-site/` (`{base}` filled in), an off-site redirect to a second
//! server that counts visitors, a page that never ends, or N generated pages with latency.

// Every test binary and the benchmark include this file but each uses only part of it.
#![allow(dead_code)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue, LOCATION};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// Servers stop by themselves after this long, so a leaked site leaves nothing listening.
const MAX_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// The never-ending page stops after this many bytes anyway, so a client that reads
/// without a limit still ends (and the test fails on the size instead of hanging).
const ENDLESS_CAP: usize = 512 * 1024 * 1024;

type ResponseBody = BoxBody<Bytes, Infallible>;

/// How the site behaves.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Each answer waits a random time in this range first.
    pub latency: Option<(Duration, Duration)>,
    /// Serve N generated pages (`/page/0/` .. ) instead of the fixture site.
    pub generated: Option<usize>,
}

struct State {
    dir: PathBuf,
    options: SiteOptions,
    base: String,
    elsewhere: String,
    requested: Mutex<Vec<String>>,
}

/// A running site; dropping it stops both servers.
pub struct SchoolSite {
    addr: SocketAddr,
    state: Arc<State>,
    elsewhere_hits: Arc<AtomicUsize>,
    tasks: Vec<JoinHandle<()>>,
}

impl SchoolSite {
    /// Starts the site and the "other website" its old-site page redirects to. Call inside
    /// a Tokio runtime.
    pub async fn start(options: SiteOptions) -> std::io::Result<Self> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/school-site");
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let other = TcpListener::bind(("127.0.0.1", 0)).await?;
        let other_addr = other.local_addr()?;
        let elsewhere_hits = Arc::new(AtomicUsize::new(0));
        let state = Arc::new(State {
            dir,
            options,
            base: format!("http://{addr}"),
            // Another host name for the same machine: "localhost" is not 127.0.0.1's name.
            elsewhere: format!("http://localhost:{}/", other_addr.port()),
            requested: Mutex::new(Vec::new()),
        });
        let mut tasks = Vec::new();
        let serving = state.clone();
        tasks.push(tokio::spawn(async move {
            let _ = tokio::time::timeout(
                MAX_LIFETIME,
                accept(listener, move |req| serve(serving.clone(), req)),
            )
            .await;
        }));
        let hits = elsewhere_hits.clone();
        tasks.push(tokio::spawn(async move {
            let _ = tokio::time::timeout(
                MAX_LIFETIME,
                accept(other, move |_req| {
                    hits.fetch_add(1, Ordering::SeqCst);
                    async { Ok::<_, Infallible>(page(200, "text/html", "elsewhere".into())) }
                }),
            )
            .await;
        }));
        Ok(Self {
            addr,
            state,
            elsewhere_hits,
            tasks,
        })
    }

    /// `http://127.0.0.1:PORT`, without a final slash.
    pub fn base(&self) -> String {
        self.state.base.clone()
    }

    /// Every path asked for, in order.
    pub fn requested(&self) -> Vec<String> {
        self.state
            .requested
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Requests that reached the other website (the off-site redirect's target).
    pub fn elsewhere_hits(&self) -> usize {
        self.elsewhere_hits.load(Ordering::SeqCst)
    }
}

impl Drop for SchoolSite {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

async fn accept<F, Fut>(listener: TcpListener, handler: F)
where
    F: Fn(Request<Incoming>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Response<ResponseBody>, Infallible>> + Send + 'static,
{
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let handler = handler.clone();
        while connections.try_join_next().is_some() {}
        connections.spawn(async move {
            let service = service_fn(handler);
            let _ = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn serve(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<ResponseBody>, Infallible> {
    let path = req.uri().path().to_string();
    state
        .requested
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(path.clone());
    if let Some((low, high)) = state.options.latency {
        let spread = high.saturating_sub(low).as_millis() as u64;
        let extra = if spread == 0 {
            0
        } else {
            fastrand::u64(0..spread)
        };
        tokio::time::sleep(low + Duration::from_millis(extra)).await;
    }
    if let Some(pages) = state.options.generated {
        return Ok(generated(&state, &path, pages));
    }
    Ok(match path.as_str() {
        "/old-site/" => {
            let mut response = page(302, "text/html", "Moved".into());
            if let Ok(to) = HeaderValue::from_str(&state.elsewhere) {
                response.headers_mut().insert(LOCATION, to);
            }
            response
        }
        "/live-feed/" => {
            let mut response = Response::new(Endless { sent: 0 }.boxed());
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
            response
        }
        _ => file(&state, &path),
    })
}

/// A file of the fixture site: `/x/` is `x/index.html`; nothing outside the folder.
fn file(state: &State, path: &str) -> Response<ResponseBody> {
    let relative = path.trim_start_matches('/');
    if relative.split('/').any(|part| part == "..") {
        return page(404, "text/html", "not found".into());
    }
    let mut file = state.dir.join(relative);
    if path.ends_with('/') {
        file = file.join("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("txt") => "text/plain",
        Some("xml") => "application/xml",
        Some("pdf") => "application/pdf",
        _ => "text/html; charset=utf-8",
    };
    match std::fs::read(&file) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).replace("{base}", &state.base);
            page(200, kind, text.into())
        }
        Err(_) => page(404, "text/html", "<title>Not found</title>".into()),
    }
}

/// A site of `pages` pages: each links to the next five (so 60 pages are all within three
/// links of the home page), and every page names a member
/// of staff in a card with a portrait, as a big school's staff pages do.
fn generated(state: &State, path: &str, pages: usize) -> Response<ResponseBody> {
    match path {
        "/robots.txt" => {
            return page(
                200,
                "text/plain",
                "User-agent: *\nDisallow: /private/\n".into(),
            );
        }
        "/sitemap.xml" => return page(404, "text/html", "no sitemap".into()),
        _ => {}
    }
    let index = match path {
        "/" => Some(0),
        _ => path
            .strip_prefix("/page/")
            .and_then(|p| p.trim_end_matches('/').parse::<usize>().ok())
            .filter(|i| *i < pages),
    };
    let Some(index) = index else {
        return page(404, "text/html", "not found".into());
    };
    let links: String = (1..=5)
        .map(|k| index * 5 + k)
        .filter(|i| *i < pages)
        .map(|i| {
            format!(
                "<li><a href=\"{}/page/{i}/\">Staff page {i}</a></li>",
                state.base
            )
        })
        .collect();
    let body = format!(
        "<!DOCTYPE html><html><head><title>Page {index}</title></head><body>\
         <div class=\"staff-card\"><img src=\"/img/{index}.jpg\" alt=\"\"><h3>Mrs Teacher{index} Smith</h3>\
         <p>Year {} teacher</p></div><ul>{links}</ul></body></html>",
        index % 6 + 1
    );
    page(200, "text/html", body.into())
}

fn page(status: u16, kind: &'static str, body: Bytes) -> Response<ResponseBody> {
    let mut response = Response::new(Full::new(body).boxed());
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

/// A page that never ends: the same paragraph, again and again.
struct Endless {
    sent: usize,
}

impl Body for Endless {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.sent >= ENDLESS_CAP {
            return Poll::Ready(None);
        }
        let chunk = Bytes::from("<p>Live: nothing new yet, still waiting.</p>\n".repeat(200));
        self.sent += chunk.len();
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }
}
