//! The report as one self-contained HTML page: inline CSS, no scripts, nothing fetched
//! (a Content-Security-Policy says so too), readable with a screen reader and printable
//! on A4. Every piece of text from the web or the user is escaped on its way in.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute, encode_text};

use super::*;

/// Untrusted text for element content.
fn t(s: &str) -> String {
    encode_text(&clean(s)).into_owned()
}

/// Untrusted text for a double-quoted attribute.
fn a(s: &str) -> String {
    encode_double_quoted_attribute(&clean(s)).into_owned()
}

/// Our own wording, with `findable incident` shown as a command.
fn prose(s: &str) -> String {
    t(s).replace("`findable incident`", "<code>findable incident</code>")
}

/// A link only to a well-formed http(s) address, with text that says where it goes;
/// anything else is shown as text with the reason it is not a link.
fn link(url: &str, label: &str) -> String {
    if url.trim().is_empty() {
        return format!("<span class=\"note\">{}</span>", t(NO_URL));
    }
    match web_url(url) {
        Some(href) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            a(&href),
            t(label)
        ),
        None => format!(
            "<span class=\"url\">{}</span> <span class=\"note\">(not a web address, so not a link)</span>",
            t(url)
        ),
    }
}

/// A link, then the address itself: on paper the address is all there is.
fn link_and_address(url: &str, label: &str) -> String {
    match web_url(url) {
        Some(_) => format!(
            "{}<br><span class=\"url\">{}</span>",
            link(url, label),
            t(url)
        ),
        None => link(url, label),
    }
}

// Contrast: every text colour below is at least 7:1 on its background.
const CSS: &str = "*{box-sizing:border-box}\
html{color-scheme:light}\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.45;color:#1a1a1a;\
background:#fff;max-width:50rem;margin:0 auto;padding:1rem 1.5rem 1.5rem;overflow-wrap:anywhere}\
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.3rem;border-bottom:2px solid #1a1a1a;\
padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem;margin:1.4rem 0 .5rem}\
h4{font-size:1rem;margin:0 0 .3rem}.card h3{margin:0 0 .3rem}\
a{color:#0645ad}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.95em}\
.meta{margin:0;color:#333}\
nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.9rem}\
.summary{margin:.6rem 0}\
.score{margin:.6rem 0}.score strong{font-size:1.4rem;margin-right:.4rem}\
.notice{border:2px solid #8b0000;border-left-width:.5rem;background:#fdf2f2;padding:.4rem .8rem;margin:.8rem 0}#first h2{margin-top:1rem}\
.quick{margin:.4rem 0}.quick li{margin:.3rem 0}.where{display:block;font-size:.9rem;color:#333}\
.cards{padding-left:0;list-style:none}\
.card{border:1px solid #767676;border-radius:4px;padding:.6rem .8rem;margin:.6rem 0;break-inside:avoid}\
.badge{display:inline-block;border:1px solid #555;border-radius:3px;padding:0 .35rem;margin:0 .3rem .2rem 0;font-size:.85rem}\
.sev-high{color:#8b0000;border-color:#8b0000;font-weight:bold}.sev-medium{color:#6b4500;border-color:#6b4500}\
.sev-low{color:#333}\
dl{margin:.4rem 0 0;display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}\
dt{font-weight:bold}dd{margin:0}dd ul{margin:0;padding-left:1.1rem}\
.url{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;color:#333;word-break:break-all}\
.note{font-size:.9rem;color:#333}\
.flag{border-left:.4rem solid #8b0000;background:#fdf2f2;padding:.4rem .6rem;margin:.5rem 0 0}\
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #767676;padding:.3rem .6rem;text-align:left;vertical-align:top}\
td.num,th.num{text-align:right;white-space:nowrap}tfoot th,tfoot td{font-weight:bold}\
footer{margin-top:2.5rem;border-top:1px solid #767676;font-size:.9rem;color:#333}\
@media print{body{max-width:none;padding:0;font-size:10pt}.card{padding:.4rem .6rem;margin:.4rem 0}nav{display:none}a{color:#000}\
h2,h3,h4{break-after:avoid}.card,.notice,table,li{break-inside:avoid}@page{size:A4;margin:15mm}}";

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";
#[cfg(test)]
pub(super) const CSP_FOR_TESTS: &str = CSP;

pub fn html(report: &Report) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(
        out,
        "<title>{}</title>",
        t(&format!(
            "findable report: {}, {}",
            report.subject.name,
            display_date(&report.date)
        ))
    );
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>");

    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{} · audit of <time datetime=\"{}\">{}</time></p>",
        t(&heading_title(report)),
        t(&subject_line(&report.subject)),
        a(&report.date),
        t(&display_date(&report.date))
    );
    if report.partial {
        let _ = writeln!(
            out,
            "<p class=\"notice\"><strong>Partial report.</strong> {}</p>",
            prose(PARTIAL)
        );
    }
    out.push_str("</header>\n");
    nav(&mut out, report);
    out.push_str("<main>\n");
    first_screen(&mut out, report);
    findings(&mut out, report);
    actions(&mut out, report);
    unchecked(&mut out, report);
    score(&mut out, report);
    stats(&mut out, report);
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer>\n<p>{}</p>\n<p>{}</p>\n</footer>\n</body>\n</html>",
        prose(FOOTER_PRIVATE),
        footer_made(&t(&display_date(&report.date)))
    );
    out
}

fn nav(out: &mut String, report: &Report) {
    out.push_str("<nav aria-label=\"Contents\">\n<ul>");
    let mut entries = vec![
        ("#first", "Do these first"),
        ("#found", "What a pupil could find"),
    ];
    if flagged_count(report) > 0 {
        entries.push(("#abuse", "If something is abusive"));
    }
    entries.extend([
        ("#settings", "All settings to tighten"),
        ("#unchecked", "Could not check"),
        ("#score", "How the score was worked out"),
        ("#numbers", "Numbers"),
    ]);
    for (href, label) in entries {
        let _ = write!(out, "<li><a href=\"{href}\">{label}</a></li>");
    }
    out.push_str("</ul>\n</nav>\n");
}

fn first_screen(out: &mut String, report: &Report) {
    let _ = writeln!(out, "<p class=\"summary\">{}</p>", t(&report.summary));
    let _ = writeln!(
        out,
        "<p class=\"score\"><strong>Exposure {}/100</strong> <span class=\"note\">{}</span></p>",
        report.score.value,
        prose(SCORE_SCALE)
    );
    let flagged = flagged_count(report);
    if flagged > 0 {
        let _ = writeln!(
            out,
            "<p class=\"notice\"><strong>Warning:</strong> {} may be abuse or someone pretending to be you. \
             Don't reply. <a href=\"#abuse\">What to do if something is abusive</a>, or run <code>findable incident</code>.</p>",
            findings_count(flagged)
        );
    }
    let _ = writeln!(
        out,
        "<section id=\"first\" aria-labelledby=\"first-h\">\n<h2 id=\"first-h\">{}</h2>",
        prose(TOP_ACTIONS)
    );
    let quick = quick_actions(report);
    if quick.is_empty() {
        let empty = if report.actions.is_empty() {
            NO_ACTIONS
        } else {
            NO_QUICK_ACTIONS
        };
        let _ = writeln!(out, "<p>{}</p>", prose(empty));
    } else {
        out.push_str("<ol class=\"quick\">\n");
        for q in quick {
            let _ = writeln!(
                out,
                "<li><strong>{}: {}</strong> Choose: {} <span class=\"where\">Where: {}</span></li>",
                t(&q.platform),
                t(&sentence(&q.label)),
                t(&q.recommended),
                t(&q.location)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn findings(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<section id=\"found\" aria-labelledby=\"found-h\">\n<h2 id=\"found-h\">What a pupil could find ({})</h2>",
        report.findings.len()
    );
    if report.findings.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", prose(NO_FINDINGS));
    }
    if flagged_count(report) > 0 {
        let _ = writeln!(
            out,
            "<section id=\"abuse\" class=\"notice\" aria-labelledby=\"abuse-h\">\n<h3 id=\"abuse-h\">{}</h3>\n<p>{}</p>\n<ol>",
            prose(ABUSE_HEADING),
            prose(ABUSE_INTRO)
        );
        for step in ABUSE_STEPS {
            let _ = writeln!(out, "<li>{}</li>", prose(step));
        }
        out.push_str("</ol>\n</section>\n");
    }
    for (kind, members) in groups(report) {
        let _ = writeln!(
            out,
            "<h3>{} ({})</h3>\n<ol class=\"cards\">",
            kind_heading(kind),
            members.len()
        );
        for f in members {
            finding(out, f);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn finding(out: &mut String, f: &Finding) {
    let sev = severity_word(f.severity);
    let _ = write!(
        out,
        "<li class=\"card\">\n<h4>{}</h4>\n<p><span class=\"badge sev-{sev}\">{} severity</span> \
         <span class=\"badge\">{}</span></p>\n<dl>",
        t(&f.title),
        capitalise(sev),
        confidence_words(f.confidence)
    );
    let _ = write!(out, "<dt>A pupil could</dt><dd>{}</dd>", t(&f.pupil_could));
    if let Some(url) = &f.url {
        let label = format!("Open “{}”", f.title.trim());
        let _ = write!(
            out,
            "<dt>Where</dt><dd>{}</dd>",
            link_and_address(url, &label)
        );
    }
    if let Some(by) = &f.found_by {
        let _ = write!(out, "<dt>Found by</dt><dd>{}</dd>", t(by));
    }
    if !f.reasons.is_empty() {
        out.push_str("<dt>Why we think so</dt><dd><ul>");
        for r in &f.reasons {
            let _ = write!(out, "<li>{}</li>", t(r));
        }
        out.push_str("</ul></dd>");
    }
    out.push_str("</dl>\n");
    if f.needs_incident_steps {
        let _ = writeln!(
            out,
            "<p class=\"flag\"><strong>Warning:</strong> this may be abuse or someone pretending to be you. \
             Don't reply. <a href=\"#abuse\">What to do if something is abusive</a>, or run <code>findable incident</code>.</p>"
        );
    }
    out.push_str("</li>\n");
}

fn actions(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<section id=\"settings\" aria-labelledby=\"settings-h\">\n<h2 id=\"settings-h\">All settings to tighten ({})</h2>",
        report.actions.len()
    );
    if report.actions.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", prose(NO_ACTIONS));
    } else {
        out.push_str("<ol class=\"cards\">\n");
    }
    for (i, act) in report.actions.iter().enumerate() {
        let p = priority_word(act.priority);
        let _ = write!(
            out,
            "<li class=\"card\">\n<h3>{}. {}: {}</h3>\n<p><span class=\"badge sev-{p}\">{} priority</span>",
            i + 1,
            t(&act.platform),
            t(&act.label),
            capitalise(p)
        );
        if act.quick {
            out.push_str(" <span class=\"badge\">Do it first</span>");
        }
        out.push_str("</p>\n<dl>");
        let _ = write!(
            out,
            "<dt>Where</dt><dd>{}</dd><dt>Choose</dt><dd>{}</dd><dt>Why</dt><dd>{}</dd>\
             <dt>Your answer</dt><dd>{}</dd>",
            t(&act.location),
            t(&act.recommended),
            t(&act.why),
            t(&act.your_answer)
        );
        let label = format!("{} help: {}", act.platform.trim(), act.label.trim());
        let _ = writeln!(
            out,
            "<dt>Help</dt><dd>{}</dd></dl>",
            link(&act.help_url, &label)
        );
        if act.exposed {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", t(&exposed_note(act)));
        }
        if !act.verified {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", prose(UNVERIFIED));
        }
        out.push_str("</li>\n");
    }
    if !report.actions.is_empty() {
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn unchecked(out: &mut String, report: &Report) {
    let items = &report.could_not_check;
    let _ = writeln!(
        out,
        "<section id=\"unchecked\" aria-labelledby=\"unchecked-h\">\n<h2 id=\"unchecked-h\">Could not check ({})</h2>",
        items.len()
    );
    if items.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", prose(NO_UNCHECKED));
        return;
    }
    let _ = writeln!(
        out,
        "<p><strong>{}</strong></p>\n<ul class=\"cards\">",
        prose(UNCHECKED_INTRO)
    );
    for u in items {
        let label = format!("Check {} on {} by hand", u.what.trim(), u.platform.trim());
        let _ = writeln!(
            out,
            "<li class=\"card\"><strong>{}: {}</strong><dl><dt>Why not</dt><dd>{}</dd>\
             <dt>Check by hand</dt><dd>{}</dd></dl></li>",
            t(&u.platform),
            t(&u.what),
            t(&u.reason),
            link_and_address(&u.url, &label)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn score(out: &mut String, report: &Report) {
    let (sum, note) = score_sum(report);
    out.push_str(
        "<section id=\"score\" aria-labelledby=\"score-h\">\n<h2 id=\"score-h\">How the score was worked out</h2>\n\
         <table>\n<thead><tr><th scope=\"col\">What added to it</th><th scope=\"col\" class=\"num\">Points</th></tr></thead>\n<tbody>\n",
    );
    for c in &report.score.contributors {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            t(&c.what),
            c.points
        );
    }
    let _ = writeln!(
        out,
        "</tbody>\n<tfoot><tr><th scope=\"row\">Total ({})</th><td class=\"num\">{}</td></tr></tfoot>\n</table>",
        t(&sum),
        report.score.value
    );
    if let Some(note) = note {
        let _ = writeln!(out, "<p>{}</p>", t(&note));
    }
    out.push_str("</section>\n");
}

fn stats(out: &mut String, report: &Report) {
    out.push_str(
        "<section id=\"numbers\" aria-labelledby=\"numbers-h\">\n<h2 id=\"numbers-h\">Numbers</h2>\n<table>\n<tbody>\n",
    );
    for (label, value) in stats_rows(&report.stats) {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>",
            t(&value)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
