//! A tiny HTTP server on 127.0.0.1 that answers every request with whatever a test's
//! closure returns, and records when each request arrived: for replaying search-backend
//! fixtures (SearXNG JSON, DuckDuckGo pages, Brave JSON) without the internet.

#![allow(dead_code)]

use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// What the server saw of one request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query, e.g. `/search?q=...&format=json`.
    pub target: String,
    pub body: String,
    pub headers: Vec<(String, String)>,
    pub at: Instant,
}

impl Seen {
    /// A query-string or form parameter, decoded.
    pub fn param(&self, name: &str) -> Option<String> {
        let query = self.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        url::form_urlencoded::parse(query.as_bytes())
            .chain(url::form_urlencoded::parse(self.body.as_bytes()))
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A reply: status, headers, body.
pub type Reply = (u16, Vec<(&'static str, String)>, String);

pub struct Replay {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

impl Replay {
    pub async fn start<F>(answer: F) -> std::io::Result<Self>
    where
        F: Fn(&Seen) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let base = format!("http://{}", listener.local_addr()?);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let answer = Arc::new(answer);
        let task = tokio::spawn({
            let seen = seen.clone();
            async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let seen = seen.clone();
                    let answer = answer.clone();
                    tokio::spawn(async move {
                        let service = service_fn(move |req: Request<hyper::body::Incoming>| {
                            let seen = seen.clone();
                            let answer = answer.clone();
                            async move {
                                let at = Instant::now();
                                let method = req.method().to_string();
                                let target = req.uri().to_string();
                                let headers = req
                                    .headers()
                                    .iter()
                                    .map(|(k, v)| {
                                        (k.to_string(), v.to_str().unwrap_or_default().to_string())
                                    })
                                    .collect();
                                let body = req
                                    .into_body()
                                    .collect()
                                    .await
                                    .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
                                    .unwrap_or_default();
                                let request = Seen {
                                    method,
                                    target,
                                    body,
                                    headers,
                                    at,
                                };
                                let (status, headers, body) = answer(&request);
                                seen.lock()
                                    .unwrap_or_else(PoisonError::into_inner)
                                    .push(request);
                                let mut response = Response::builder().status(status);
                                for (k, v) in headers {
                                    response = response.header(k, v);
                                }
                                Ok::<_, Infallible>(
                                    response
                                        .body(Full::new(Bytes::from(body)))
                                        .unwrap_or_default(),
                                )
                            }
                        });
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            }
        });
        Ok(Self { base, seen, task })
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        self.task.abort();
    }
}
