//! One HTTP exchange: send, follow redirects by hand (http and https only, a bounded number
//! of hops, every hop recorded; or not at all, for rules written about the first answer),
//! and read at most a capped body, stopping as soon as the caller says it has seen enough.
//! The caller's headers never leave the origin they were meant for.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Client, Method, StatusCode};
use url::Url;

use crate::catalog::HttpMethod;

/// A request ready to send: the username is already filled in.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub url: Url,
    pub method: HttpMethod,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// Follow redirects; when false the first answer is the one read, and a redirect it
    /// asks for is only recorded (as the last URL of the chain), never requested.
    pub follow_redirects: bool,
}

#[derive(Debug)]
pub struct Fetched {
    pub status: u16,
    pub headers: HeaderMap,
    /// Every URL requested, the first and the last included; when redirects are not
    /// followed, the first URL and where its redirect pointed.
    pub chain: Vec<Url>,
    pub body: Vec<u8>,
    /// Reading stopped at the size cap.
    pub truncated: bool,
}

impl Fetched {
    pub fn final_url(&self) -> Option<&Url> {
        self.chain.last()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("timed out")]
    Timeout,
    #[error("{0}")]
    Network(String),
}

/// Reads at least this much before trusting `enough`: bot-wall markers sit near the top.
const MIN_HEAD: usize = 64 * 1024;

pub async fn fetch(
    client: &Client,
    request: &Prepared,
    max_redirects: usize,
    max_body: usize,
    enough: impl Fn(&[u8]) -> bool,
) -> Result<Fetched, FetchError> {
    let mut url = request.url.clone();
    let mut method = method_of(request.method);
    let mut body = request.body.clone();
    let mut chain = vec![url.clone()];
    let home = origin(&request.url);
    // Once a hop leaves the first origin, the caller's headers (an API key, a list's
    // cookie or token) stay behind for the rest of the chain, as browsers and reqwest's
    // own redirect policy do.
    let mut crossed = false;
    let response = loop {
        let mut builder = client.request(method.clone(), url.clone());
        if !crossed {
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
        }
        if let Some(body) = &body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.map_err(classify)?;
        let status = response.status();
        let next = status
            .is_redirection()
            .then(|| response.headers().get(LOCATION))
            .flatten()
            .and_then(|l| l.to_str().ok())
            .and_then(|l| url.join(l).ok())
            .filter(|next| matches!(next.scheme(), "http" | "https"));
        match next {
            Some(next) if !request.follow_redirects => {
                chain.push(next);
                break response;
            }
            Some(next) if chain.len() <= max_redirects => {
                // Browsers turn a redirected POST into a GET except for 307/308.
                if !matches!(
                    status,
                    StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
                ) {
                    method = Method::GET;
                    body = None;
                }
                crossed |= origin(&next) != home;
                chain.push(next.clone());
                url = next;
            }
            _ => break response,
        }
    };
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut response = response;
    let mut buffer = Vec::new();
    let mut truncated = false;
    if method != Method::HEAD {
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            let room = max_body.saturating_sub(buffer.len());
            buffer.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if chunk.len() > room {
                truncated = true;
                break;
            }
            if buffer.len() >= MIN_HEAD && enough(&buffer) {
                break;
            }
        }
    }
    Ok(Fetched {
        status,
        headers,
        chain,
        body: buffer,
        truncated,
    })
}

/// Scheme, host and port: what "the same origin" means for headers.
fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_ascii_lowercase),
        url.port_or_known_default(),
    )
}

fn method_of(method: HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
    }
}

fn classify(error: reqwest::Error) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout;
    }
    // The innermost cause says what actually happened ("connection refused").
    let mut cause: &dyn std::error::Error = &error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    FetchError::Network(cause.to_string())
}
