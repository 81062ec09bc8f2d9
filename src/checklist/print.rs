//! The printable checklist: every setting of the chosen platforms with where it is, what
//! to choose and why, for a staff training session or an onboarding pack. Markdown, or
//! one self-contained HTML page (inline CSS, no scripts, nothing fetched) that prints on A4.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use crate::catalog::{Check, Priority, Setting};

const INTRO: &str = "Work through these on your phone or computer, logged in to each account. \
Highest priority first. Tick each one when it is set the way the checklist suggests.";

fn ordered(check: &Check) -> Vec<&Setting> {
    let mut settings: Vec<&Setting> = check.settings.iter().collect();
    settings.sort_by_key(|s| std::cmp::Reverse(s.priority));
    settings
}

fn priority(p: Priority) -> &'static str {
    match p {
        Priority::High => "high",
        Priority::Medium => "medium",
        Priority::Low => "low",
    }
}

const UNVERIFIED: &str = "This menu may look different: the path could not be checked against the platform's own help pages.";

pub fn markdown(checks: &[&Check]) -> String {
    let mut out = format!("# Privacy checklist for school staff\n\n{INTRO}\n");
    for check in checks {
        let _ = writeln!(out, "\n## {}\n", check.name);
        for s in ordered(check) {
            let _ = writeln!(
                out,
                "- [ ] **{}** ({} priority)",
                s.label,
                priority(s.priority)
            );
            let _ = writeln!(out, "  - Where: {}", s.location);
            let _ = writeln!(out, "  - Choose: {}", s.recommended);
            let _ = writeln!(out, "  - Why: {}", s.risk);
            if !s.verified {
                let _ = writeln!(out, "  - Note: {UNVERIFIED}");
            }
            let _ = writeln!(out, "  - Help: <{}> (checked {})", s.help_url, s.as_of);
        }
        if let Some(report) = &check.report {
            let _ = writeln!(
                out,
                "\nReport abuse: <{}>; report an account pretending to be you: <{}>",
                report.abuse, report.impersonation
            );
        }
    }
    out
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.45;\
color:#1a1a1a;background:#fff;max-width:48rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:2px solid #1a1a1a;padding-bottom:.2rem;margin-top:2rem}\
ol{padding-left:0;list-style:none}li{border:1px solid #767676;border-radius:4px;padding:.6rem .8rem;margin:.6rem 0;break-inside:avoid}\
.box{display:inline-block;width:1em;height:1em;border:2px solid #1a1a1a;margin-right:.5em;vertical-align:-0.15em}\
.p-high{color:#8b0000;font-weight:bold}.p-medium{color:#6b4500}.p-low{color:#333}\
dl{margin:.4rem 0 0;display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}dt{font-weight:bold}dd{margin:0}\
a{color:#0645ad}.note{font-size:.9rem;color:#333}\
@media print{body{max-width:none;padding:0}a{color:#000}@page{size:A4;margin:15mm}}";

/// A link only for http(s) targets; anything else is shown as text.
fn link(url: &str, label: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            attr(url),
            text(label)
        )
    } else {
        text(label).into_owned()
    }
}

pub fn html(checks: &[&Check]) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Privacy checklist for school staff</title>\n");
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(
        out,
        "<h1>Privacy checklist for school staff</h1>\n<p>{}</p>",
        text(INTRO)
    );
    for check in checks {
        let _ = writeln!(
            out,
            "<section aria-labelledby=\"c-{id}\">\n<h2 id=\"c-{id}\">{}</h2>\n<ol>",
            text(&check.name),
            id = attr(&check.id)
        );
        for s in ordered(check) {
            let p = priority(s.priority);
            let _ = writeln!(
                out,
                "<li><span class=\"box\" aria-hidden=\"true\"></span><strong>{}</strong> <span class=\"p-{p}\">({p} priority)</span>\n<dl>\
                 <dt>Where</dt><dd>{}</dd><dt>Choose</dt><dd>{}</dd><dt>Why</dt><dd>{}</dd>\
                 <dt>Help</dt><dd>{} <span class=\"note\">(checked {})</span></dd></dl>{}</li>",
                text(&s.label),
                text(&s.location),
                text(&s.recommended),
                text(&s.risk),
                link(&s.help_url, &format!("{} help: {}", check.name, s.label)),
                text(&s.as_of),
                if s.verified {
                    String::new()
                } else {
                    format!("<p class=\"note\">{}</p>", text(UNVERIFIED))
                }
            );
        }
        out.push_str("</ol>\n");
        if let Some(report) = &check.report {
            let _ = writeln!(
                out,
                "<p>{} · {}</p>",
                link(&report.abuse, &format!("Report abuse on {}", check.name)),
                link(
                    &report.impersonation,
                    &format!("Report an account pretending to be you on {}", check.name)
                )
            );
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    #[test]
    fn html_is_self_contained_and_escaped() {
        let catalog = Catalog::builtin().expect("catalog");
        let mut check = catalog.checks[0].clone();
        check.name = "<script>alert(1)</script>".into();
        check.settings[0].help_url = "javascript:alert(1)".into();
        let page = html(&[&check]);
        assert!(!page.contains("<script"));
        assert!(!page.contains("href=\"javascript:"));
        assert!(!page.contains("src="), "nothing is fetched");
        assert!(page.contains("rel=\"noopener noreferrer\""));
        assert!(page.contains("<main>") && page.contains("lang=\"en-GB\""));
    }

    #[test]
    fn markdown_lists_high_priority_first() {
        let catalog = Catalog::builtin().expect("catalog");
        let tiktok = catalog.get("tiktok").expect("tiktok");
        let md = markdown(&[tiktok]);
        let high = md.find("(high priority)").expect("a high one");
        let low = md
            .find("(low priority)")
            .or(md.find("(medium priority)"))
            .expect("a lower one");
        assert!(high < low);
        assert!(md.contains("- [ ] **Private account**"));
    }
}
