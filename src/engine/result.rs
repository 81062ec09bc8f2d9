//! One probe's request and result: the request made from the plan, the answer read into
//! found, absent or unknown with [`detect`], and a site's answers discredited when its
//! made-up control username also "exists". No network here: the caller sends.

use std::collections::HashMap;
use std::sync::Arc;

use super::detect::{self, Observed, Verdict};
use super::fetch::{Fetched, Prepared};
use super::politeness::Failure;
use crate::catalog::Site;
use crate::evidence::{ProbeResult, ProbeStatus, UnknownReason};
use crate::plan::PlannedProbe;

/// A site that says a made-up username exists says so of anyone: none of its answers
/// can be trusted, found or absent.
pub(super) fn discredit_unreliable_sites(probes: &mut [ProbeResult], controls: &[ProbeResult]) {
    for control in controls.iter().filter(|c| c.status == ProbeStatus::Found) {
        let detail = format!(
            "the made-up username {:?} also looked like a real account",
            control.username
        );
        for probe in probes.iter_mut().filter(|p| p.platform == control.platform) {
            *probe = probe
                .clone()
                .unknown(UnknownReason::Unreliable, detail.clone());
        }
    }
}

/// A probe's result before any answer: unknown, with nothing seen yet.
pub(super) fn blank_result(planned: &PlannedProbe) -> ProbeResult {
    ProbeResult {
        platform: planned.site.clone(),
        username: planned.username.clone(),
        url: planned.url.clone(),
        status: ProbeStatus::Unknown,
        reason: None,
        detail: None,
        http_status: None,
        final_url: None,
        weight: planned.weight,
        source: planned.source.clone(),
        page: None,
    }
}

/// The site and the request to send for a planned probe, or why it is not sent.
pub(super) fn request_for(
    sites: &HashMap<&str, Arc<Site>>,
    planned: &PlannedProbe,
) -> Result<(Arc<Site>, Prepared), (UnknownReason, String)> {
    let Some(site) = sites.get(planned.site.as_str()) else {
        return Err((
            UnknownReason::Unrecognised,
            "site missing from the plan".into(),
        ));
    };
    if let Some(reason) = &site.manual_reason {
        return Err((UnknownReason::Manual, reason.clone()));
    }
    let request =
        prepare(site, &planned.username).map_err(|detail| (UnknownReason::Unrecognised, detail))?;
    Ok((site.clone(), request))
}

/// Bot walls and login pages count toward giving up on a host, as failed exchanges do;
/// any other answer it could read (found, absent, unrecognised) ends the streak.
pub(super) fn health(judged: &ProbeResult) -> Result<(), (Failure, String)> {
    let failure = match judged.reason {
        Some(UnknownReason::Blocked) => Failure::Blocked,
        Some(UnknownReason::LoginWall) => Failure::LoginWall,
        _ => return Ok(()),
    };
    Err((failure, judged.detail.clone().unwrap_or_default()))
}

pub(super) fn prepare(site: &Site, username: &str) -> Result<Prepared, String> {
    let fill = |text: &str| text.replace("{username}", username);
    let url = url::Url::parse(&fill(&site.request.url))
        .map_err(|e| format!("bad probe URL {:?}: {e}", site.request.url))?;
    Ok(Prepared {
        url,
        method: site.request.method,
        headers: site
            .request
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), fill(v)))
            .collect(),
        body: site.request.body.as_deref().map(fill),
        follow_redirects: site.follow_redirects,
    })
}

pub(super) fn with_response(mut base: ProbeResult, fetched: &Fetched) -> ProbeResult {
    base.http_status = Some(fetched.status);
    if fetched.chain.len() > 1 {
        base.final_url = fetched.final_url().map(ToString::to_string);
    }
    base
}

pub(super) fn judge(
    base: ProbeResult,
    site: &Site,
    username: &str,
    fetched: &Fetched,
) -> ProbeResult {
    let body = String::from_utf8_lossy(&fetched.body);
    let final_url = fetched
        .final_url()
        .map(url::Url::as_str)
        .unwrap_or_default();
    let server = fetched.header("server").to_ascii_lowercase();
    let chain: Vec<&str> = fetched.chain.iter().map(url::Url::as_str).collect();
    let seen = Observed {
        status: fetched.status,
        final_url,
        redirected: fetched.chain.len() > 1,
        chain: &chain,
        body: &body,
        server: &server,
        mitigated: &fetched.header("cf-mitigated").to_ascii_lowercase(),
    };
    let mut result = with_response(base, fetched);
    match detect::judge(&site.detection, username, &seen) {
        Verdict::Found => {
            result.status = ProbeStatus::Found;
            result.page = super::summary::of(&body).filter(|p| !p.is_empty());
        }
        Verdict::Absent => {
            result.status = ProbeStatus::Absent;
            result.detail = site.absent_note.clone();
        }
        Verdict::Unknown(reason, mut detail) => {
            if fetched.truncated {
                detail.push_str(" (page cut off at the size limit)");
            }
            result = result.unknown(reason, detail);
        }
    }
    result
}
