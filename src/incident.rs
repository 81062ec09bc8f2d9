//! What to do after finding something abusive about you online: the steps in order,
//! tailored to the platform, the kind of incident and who is behind it, and an evidence log
//! to fill in. Pure data and rendering; asking questions and writing files is the binary's job.
//!
//! The facts (numbers, hours, addresses, the order of the steps) come from the UK guidance
//! summarised in the project's reference notes: the DfE cyberbullying advice, INEQE, the NEU,
//! NASUWT, the Welsh Government, SWGfL (POSH and Report Harmful Content), UKCIS and The Key.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Category, Check, Report};

/// The Professionals Online Safety Helpline (SWGfL, UK Safer Internet Centre).
pub const POSH_PHONE: &str = "0344 381 4772";
pub const POSH_EMAIL: &str = "helpline@saferinternet.org.uk";
pub const POSH_HOURS: &str = "Monday to Friday, 10:00 to 16:00";
pub const POSH_URL: &str = "https://saferinternet.org.uk/professionals-online-safety-helpline";
pub const REPORT_HARMFUL_CONTENT_URL: &str = "https://reportharmfulcontent.com/";
pub const POLICE_GUIDE_URL: &str =
    "https://reportharmfulcontent.com/when-should-you-go-to-the-police/";
pub const REVENGE_PORN_HELPLINE_PHONE: &str = "0345 6000 459";
pub const EDUCATION_SUPPORT_PHONE: &str = "08000 562 561";
pub const NEU_CONTACT_URL: &str = "https://neu.org.uk/contact-us";
pub const NASUWT_ADVICE_URL: &str =
    "https://www.nasuwt.org.uk/advice/health-safety/social-media-and-online-abuse-of-teachers.html";

/// Blank rows added under the pre-filled one, for later posts, reports and replies.
pub const BLANK_LOG_ROWS: usize = 5;

const WIDTH: usize = 80;
const BODY_INDENT: &str = "    ";

/// One thing to do, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// 1-based position in the list.
    pub number: usize,
    pub title: String,
    /// Plain words, one paragraph per line; a line starting with "- " is a bullet point.
    pub what_to_do: String,
    /// (label, target): a web address, a phone number or an email address.
    pub links: Vec<(String, String)>,
    /// Do this now, before the rest (the police when there are threats or sexual content).
    pub urgent: bool,
}

/// Who posted it, as far as the member of staff knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Responsible {
    Pupil,
    Parent,
    Colleague,
    #[default]
    Unknown,
}

/// Abusive posts, videos or comments, or an account pretending to be the person or school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[default]
    Content,
    Impersonation,
}

/// What the member of staff told us about the incident. Anything not known stays empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentInput {
    /// Check id of the platform it is on; `None` when it is somewhere else or not known.
    pub platform: Option<String>,
    pub kind: Kind,
    pub responsible: Responsible,
    /// Threats, hate, sexual content or upskirting, or persistent anonymous abuse.
    pub threats_or_sexual: bool,
    /// Where it is: the post, video or profile.
    pub url: Option<String>,
    /// The username or handle that posted it, or the fake account's.
    pub handle: Option<String>,
    /// When the log is started (`YYYY-MM-DD`), noted in its first row. Passed in so the
    /// library stays free of clocks.
    pub today: Option<String>,
}

/// The platform's report links, when `check` is a platform someone can post on. Checks for
/// search engines, public records, the school's own site and habits have no "Report" button
/// for a post, so they never count, even when their file lists somewhere to report.
pub fn report_links(check: &Check) -> Option<&Report> {
    match check.category {
        Category::Search | Category::Records | Category::School | Category::Habits => None,
        _ => check.report.as_ref(),
    }
}

/// Every platform in the catalog that has report links, the ones pupils use most first.
pub fn platforms(catalog: &Catalog) -> Vec<&Check> {
    let mut list: Vec<&Check> = catalog
        .checks
        .iter()
        .filter(|c| report_links(c).is_some())
        .collect();
    list.sort_by(|a, b| b.pupil_use.cmp(&a.pupil_use).then(a.name.cmp(&b.name)));
    list
}

/// The platform for `wanted`, matched on its check id or its name, ignoring case.
pub fn find_platform<'c>(catalog: &'c Catalog, wanted: &str) -> Option<&'c Check> {
    let wanted = wanted.trim();
    platforms(catalog)
        .into_iter()
        .find(|c| c.id.eq_ignore_ascii_case(wanted) || c.name.eq_ignore_ascii_case(wanted))
}

/// Text the person pasted, trimmed and without control characters: an escape sequence in a
/// copied URL would otherwise reach the terminal or the spreadsheet as it is.
fn clean(text: Option<&str>) -> String {
    text.unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

fn link(label: &str, target: &str) -> (String, String) {
    (label.to_string(), target.to_string())
}

fn lines(parts: &[&str]) -> String {
    parts.join("\n")
}

/// The steps for this incident, in the order to do them.
///
/// The usual order follows the guidance: don't engage, keep evidence, report to the
/// platform, tell the school, the school's route, POSH, Report Harmful Content, then the
/// police. With threats or sexual content the police step moves up to right after saving
/// the evidence and is marked urgent: the reference notes put the police first in that
/// case, and the Revenge Porn Helpline advises going to the police before the platform.
pub fn steps(input: &IncidentInput, catalog: &Catalog) -> Vec<Step> {
    let platform = input
        .platform
        .as_deref()
        .and_then(|id| find_platform(catalog, id));
    let mut list = vec![dont_engage(), keep_evidence(input)];
    if input.threats_or_sexual {
        list.push(police(input));
    }
    list.push(report_to_platform(input, platform));
    list.push(tell_the_school(input));
    list.push(school_route(input.responsible));
    list.push(posh(platform));
    list.push(report_harmful_content());
    if !input.threats_or_sexual {
        list.push(police(input));
    }
    list.push(support());
    list.push(harder_to_find());
    for (i, step) in list.iter_mut().enumerate() {
        step.number = i + 1;
    }
    list
}

fn step(title: &str, what_to_do: String, links: Vec<(String, String)>) -> Step {
    Step {
        number: 0,
        title: title.to_string(),
        what_to_do,
        links,
        urgent: false,
    }
}

fn dont_engage() -> Step {
    step(
        "Don't reply, comment or hit back",
        lines(&[
            "Don't reply to it, comment on it, like it or share it, and don't message the \
             account. The NEU warns that staff have been disciplined for answering posts about \
             them, even when they did not start it.",
            "Don't confront a pupil about it, and don't ask pupils to take it down yourself: \
             once you have told the school, asking for it to be removed is the school's job.",
            "Don't pass it round, even to warn colleagues: the Welsh Government asked schools \
             to take care not to give trends like this more attention.",
        ]),
        Vec::new(),
    )
}

fn keep_evidence(input: &IncidentInput) -> Step {
    let mut links = Vec::new();
    let url = clean(input.url.as_deref());
    if !url.is_empty() {
        links.push(link("Where it is", &url));
    }
    step(
        "Save the evidence before you report it",
        lines(&[
            "Do this first: a post can disappear once it is reported, and you may still need \
             to show it to the school, a helpline or the police.",
            "- Take screenshots that show the username or handle, the date and time, and the \
             web address (URL). INEQE stresses the username; the DfE's advice stresses the \
             date and time.",
            "- Copy the link to the post or profile and keep it in the evidence log.",
            "- For a video, make a screen recording as well.",
            "- Keep everything even if the post is deleted later: it still shows what \
             happened.",
            "- Don't crop or draw on the screenshots: keep the originals as they are.",
            "One exception: if it includes a sexual image of anyone under 18, don't \
             screenshot, save or forward the image. Note the URL only and tell the DSL at \
             once (UKCIS guidance for schools).",
        ]),
        links,
    )
}

fn report_to_platform(input: &IncidentInput, platform: Option<&Check>) -> Step {
    let Some((check, report)) = platform.and_then(|c| report_links(c).map(|r| (c, r))) else {
        return step(
            "Report it where it was posted",
            lines(&[
                "Use the site's own Report option on the post or profile (often under a \
                 three-dot menu or a flag). For a fake account, choose impersonation if it is \
                 offered.",
                "Screenshot the confirmation, and keep any reference number and the reply: \
                 the helplines in the next steps ask about them if the site does not act. \
                 Report Harmful Content lists where to report on the most common platforms.",
            ]),
            vec![link(
                "Where to report, by platform",
                REPORT_HARMFUL_CONTENT_URL,
            )],
        );
    };
    let name = &check.name;
    let keep = "Screenshot the confirmation, and keep any reference number and the reply: \
                POSH and Report Harmful Content ask about them if the platform does not act.";
    let (title, text, mut links) = match input.kind {
        Kind::Impersonation => (
            format!("Report the fake account to {name}"),
            lines(&[
                &format!(
                    "Report the account as impersonation, using {name}'s form below. Report \
                     any abusive posts it has made as well, with the abuse route."
                ),
                "Platforms often act on impersonation only when the person (or the school, \
                 for a fake school account) reports it and proves who they are; SWGfL notes \
                 this is a case where you may have to make the report yourself.",
                keep,
            ]),
            vec![
                link("Report impersonation", &report.impersonation),
                link("Report abuse", &report.abuse),
            ],
        ),
        Kind::Content => (
            format!("Report it to {name}"),
            lines(&[
                &format!(
                    "Use {name}'s Report option on the post itself, or the page below. Pick \
                     the reason that fits best, for example bullying or harassment."
                ),
                keep,
            ]),
            vec![link("Report abuse", &report.abuse)],
        ),
    };
    if let Some(help) = &report.help {
        links.push(link("Safety help", help));
    }
    step(&title, text, links)
}

fn tell_the_school(input: &IncidentInput) -> Step {
    let mut text = vec![
        "Tell your line manager or the designated safeguarding lead (DSL) the same day, and \
         show them your evidence. INEQE advises speaking to your line manager as soon as \
         possible.",
    ];
    if matches!(input.responsible, Responsible::Pupil | Responsible::Unknown) {
        text.push(
            "If a pupil is or could be behind it, make sure the DSL knows: the pupil may need \
             safeguarding support too.",
        );
    }
    text.push(
        "Your employer has a duty of care to protect you from abuse online by pupils, parents \
         and colleagues, as it would face to face (DfE advice, quoted by the NEU).",
    );
    step(
        "Tell your line manager or the DSL today",
        lines(&text),
        Vec::new(),
    )
}

fn school_route(responsible: Responsible) -> Step {
    let (title, text) = match responsible {
        Responsible::Pupil => (
            "The school's route: its behaviour policy",
            lines(&[
                "When a pupil is responsible, the school deals with it under its behaviour \
                 policy; the Welsh Government and INEQE both point schools there.",
                "It is the school, not you, that asks the pupil to remove it and talks to \
                 their parents. Ask which policy is being used so you know what to expect.",
            ]),
        ),
        Responsible::Parent => (
            "The school's route: the parental code of conduct",
            lines(&[
                "When a parent or carer is responsible, the school uses its parental code of \
                 conduct (or its home-school agreement or social media policy, if that is \
                 where the rules are).",
                "The DfE's advice is that the school usually starts by meeting the parent and \
                 asking for the content to be removed. Leave that meeting to the school.",
            ]),
        ),
        Responsible::Colleague => (
            "The school's route: the staff code of conduct",
            lines(&[
                "When a colleague is responsible, it comes under the staff code of conduct \
                 (or staff behaviour policy) and the school's bullying and harassment \
                 procedures.",
                "Talk to your union rep before any meeting about it.",
            ]),
        ),
        Responsible::Unknown => (
            "The school's route: who leads",
            lines(&[
                "When nobody knows who is behind it, the school decides who leads the \
                 investigation. If it is about the headteacher (or whoever would normally \
                 lead), a governor or trustee should take it on.",
                "The school then checks whether it meets its bullying or harassment criteria \
                 and whether the police need to be involved. If it turns out to be a pupil, \
                 a parent or a colleague, the behaviour policy, the parental code of conduct \
                 or the staff code of conduct applies.",
            ]),
        ),
    };
    step(title, text, Vec::new())
}

fn posh(platform: Option<&Check>) -> Step {
    let mut text = vec![
        "POSH is a free helpline for anyone working with children in the UK, run by SWGfL for \
         the UK Safer Internet Centre. It gives advice, and when the usual reporting route \
         fails it can escalate to its contacts at the platforms (among them Meta, X, Google \
         and YouTube, TikTok and Snapchat)."
            .to_string(),
        "SWGfL suggests giving the platform about 48 hours to respond first, but contact POSH \
         straight away if there is a safeguarding concern or you are not sure where to report."
            .to_string(),
    ];
    if platform.is_some_and(|c| c.id == "tiktok") {
        text.push(
            "For TikTok there is an agreed escalation route: in 2021 the UK Safer Internet \
             Centre set one up with TikTok for reports made through POSH, and the NEU tells \
             schools to report TikTok content through POSH."
                .to_string(),
        );
    }
    text.push(format!("Open {POSH_HOURS}."));
    let text: Vec<&str> = text.iter().map(String::as_str).collect();
    step(
        "Ask the Professionals Online Safety Helpline (POSH)",
        lines(&text),
        vec![
            link("Phone", POSH_PHONE),
            link("Email", POSH_EMAIL),
            link("Website", POSH_URL),
        ],
    )
}

fn report_harmful_content() -> Step {
    step(
        "If the platform won't act: Report Harmful Content",
        lines(&[
            "Once you have reported it to the platform and it has refused, or not answered, \
             Report Harmful Content (also run by SWGfL) can review it against the platform's \
             rules and escalate it when it disagrees with the platform.",
            "Send the platform's reply with your report: the service asks for it. If there \
             has been no answer for over a week, it may still be able to help. It covers \
             bullying and harassment, threats and impersonation, but cannot promise removal.",
        ]),
        vec![link("Report Harmful Content", REPORT_HARMFUL_CONTENT_URL)],
    )
}

fn police(input: &IncidentInput) -> Step {
    let links = vec![
        link("Emergency", "999"),
        link("Non-emergency", "101"),
        link("When to go to the police", POLICE_GUIDE_URL),
        link(
            "Revenge Porn Helpline (sexual images of you, real or faked)",
            &format!("{REVENGE_PORN_HELPLINE_PHONE}, Monday to Friday, 10:00 to 16:00"),
        ),
    ];
    let sexual_images = "If it includes a sexual image of you, real or faked, the Revenge Porn \
                         Helpline can help get it removed; it advises going to the police \
                         before reporting to the platform if you may want legal action.";
    if input.threats_or_sexual {
        let mut text = vec![
            "You said it includes threats, hate, sexual content or upskirting, or anonymous \
             abuse that keeps coming: report it to the police now. Call 999 if anyone is in \
             immediate danger or a life is threatened; otherwise call 101.",
            "The DfE's advice is that you, or someone acting for you such as the school or \
             your union, should contact the police about threatening, sexual or sexist \
             content and hate crime. Take your evidence with you.",
        ];
        if input.responsible != Responsible::Colleague {
            text.push("Tell the DSL as well, straight away, if a pupil may be involved.");
        }
        text.push(sexual_images);
        let mut s = step("Report it to the police now", lines(&text), links);
        s.urgent = true;
        return s;
    }
    step(
        "Go to the police if it crosses the line",
        lines(&[
            "INEQE advises considering the police when there are threats, hate, allegations \
             of abuse, sexual harassment or upskirting, when it is harming your wellbeing, \
             reputation or work, or when the abuse is persistent, anonymous and the platform \
             is not removing it.",
            "Call 999 if anyone is in immediate danger; otherwise call 101. The DfE's advice \
             is that you, or someone acting for you, should contact the police about \
             threatening, sexual or sexist content and hate crime.",
            sexual_images,
        ]),
        links,
    )
}

fn support() -> Step {
    step(
        "Get support for yourself",
        lines(&[
            "You don't have to deal with this alone, and the Welsh Government points staff to \
             their union for support. The NEU suggests starting with your workplace rep, or \
             its AdviceLine if there is none; NASUWT has advice on online abuse of teachers. \
             Other unions can help their members in the same way.",
            "Education Support runs a free, confidential helpline for everyone working in \
             education, open 24 hours a day. Your school may also have an employee \
             assistance programme.",
        ]),
        vec![
            link(
                "Education Support helpline",
                &format!("{EDUCATION_SUPPORT_PHONE}, 24 hours a day"),
            ),
            link("NEU contacts", NEU_CONTACT_URL),
            link("NASUWT advice", NASUWT_ADVICE_URL),
        ],
    )
}

fn harder_to_find() -> Step {
    step(
        "Then make yourself harder to find",
        lines(&[
            "Once it is in hand, close what pupils could use next time: run \"findable \
             checklist\" to tighten your privacy settings, and ask the school to look at \
             what its website shows about you, such as your full name and photo.",
        ]),
        Vec::new(),
    )
}

fn wrap_options<'a>(indent: &'a str, subsequent: &'a str) -> textwrap::Options<'a> {
    // Never split a word or URL, not even at a hyphen: a broken address cannot be copied.
    textwrap::Options::new(WIDTH)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
        .subsequent_indent(subsequent)
}

/// The steps as plain text that fits 80 columns (a long web address gets a line of its own).
pub fn render_text(steps: &[Step]) -> String {
    let mut out = String::from("What to do, in order\n");
    out.push_str("If anyone is in immediate danger, call 999 now.\n");
    for s in steps {
        let marker = if s.urgent { "URGENT: " } else { "" };
        let _ = writeln!(out, "\n{:>2}. {marker}{}", s.number, s.title);
        for line in s.what_to_do.lines() {
            let (first, rest, body) = match line.strip_prefix("- ") {
                Some(bullet) => ("    - ", "      ", bullet),
                None => (BODY_INDENT, BODY_INDENT, line),
            };
            for wrapped in textwrap::wrap(body, wrap_options(first, rest)) {
                let _ = writeln!(out, "{wrapped}");
            }
        }
        for (label, target) in &s.links {
            let one_line = format!("{BODY_INDENT}{label}: {target}");
            if textwrap::core::display_width(&one_line) <= WIDTH {
                let _ = writeln!(out, "{one_line}");
            } else {
                for wrapped in textwrap::wrap(&format!("{label}:"), wrap_options("    ", "    ")) {
                    let _ = writeln!(out, "{wrapped}");
                }
                for wrapped in textwrap::wrap(target, wrap_options("      ", "      ")) {
                    let _ = writeln!(out, "{wrapped}");
                }
            }
        }
    }
    out
}

/// The steps as Markdown, to save or print.
pub fn render_markdown(steps: &[Step]) -> String {
    let mut out = String::from("# What to do, in order\n\n");
    out.push_str("**If anyone is in immediate danger, call 999 now.**\n");
    for s in steps {
        let marker = if s.urgent { "Urgent: " } else { "" };
        // Exactly one blank line before each heading, whatever the last block ended with.
        while out.ends_with("\n\n") {
            out.pop();
        }
        let _ = writeln!(out, "\n## {}. {marker}{}\n", s.number, md_text(&s.title));
        let mut in_list = false;
        for line in s.what_to_do.lines() {
            match line.strip_prefix("- ") {
                Some(bullet) => {
                    let _ = writeln!(out, "- {}", md_text(bullet));
                    in_list = true;
                }
                None => {
                    if in_list {
                        out.push('\n');
                        in_list = false;
                    }
                    let _ = writeln!(out, "{}\n", md_text(line));
                }
            }
        }
        if in_list {
            out.push('\n');
        }
        for (label, target) in &s.links {
            let _ = writeln!(out, "- {}: {}", md_text(label), md_target(target));
        }
    }
    out
}

/// Escapes the characters Markdown would read as formatting or HTML, for text from us or
/// from the user (a pasted URL can hold anything).
fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A web address as an autolink when it is a plain http(s) URL; anything else as text.
fn md_target(target: &str) -> String {
    let plain = (target.starts_with("https://") || target.starts_with("http://"))
        && !target
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if plain {
        format!("<{target}>")
    } else {
        md_text(target)
    }
}

/// One row of the evidence log: one post, comment, message or account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    #[serde(rename = "Date seen")]
    pub date_seen: String,
    #[serde(rename = "Time seen")]
    pub time_seen: String,
    #[serde(rename = "Platform")]
    pub platform: String,
    #[serde(rename = "URL")]
    pub url: String,
    #[serde(rename = "Username or handle")]
    pub username_or_handle: String,
    #[serde(rename = "What it shows")]
    pub what_it_shows: String,
    #[serde(rename = "Screenshot file")]
    pub screenshot_file: String,
    #[serde(rename = "Reported to platform on")]
    pub reported_to_platform_on: String,
    #[serde(rename = "Platform reference")]
    pub platform_reference: String,
    #[serde(rename = "Told school on")]
    pub told_school_on: String,
    #[serde(rename = "Told whom")]
    pub told_whom: String,
    #[serde(rename = "Notes")]
    pub notes: String,
}

const LOG_HEADERS: [&str; 12] = [
    "Date seen",
    "Time seen",
    "Platform",
    "URL",
    "Username or handle",
    "What it shows",
    "Screenshot file",
    "Reported to platform on",
    "Platform reference",
    "Told school on",
    "Told whom",
    "Notes",
];

impl LogEntry {
    fn cells(&self) -> [&str; 12] {
        [
            &self.date_seen,
            &self.time_seen,
            &self.platform,
            &self.url,
            &self.username_or_handle,
            &self.what_it_shows,
            &self.screenshot_file,
            &self.reported_to_platform_on,
            &self.platform_reference,
            &self.told_school_on,
            &self.told_whom,
            &self.notes,
        ]
    }
}

/// The log to start with: one row filled in from what we were told, then blank rows.
pub fn log_entries(input: &IncidentInput, catalog: &Catalog) -> Vec<LogEntry> {
    let platform = input
        .platform
        .as_deref()
        .map(|id| find_platform(catalog, id).map_or_else(|| id.to_string(), |c| c.name.clone()))
        .unwrap_or_default();
    let mut shows = match input.kind {
        Kind::Content => "A post, video or comment about me".to_string(),
        Kind::Impersonation => "An account pretending to be me or the school".to_string(),
    };
    if input.threats_or_sexual {
        shows.push_str(" (threats, hate, sexual content or persistent anonymous abuse)");
    }
    let mut notes = match input.responsible {
        Responsible::Pupil => "Thought to be posted by a pupil.",
        Responsible::Parent => "Thought to be posted by a parent or carer.",
        Responsible::Colleague => "Thought to be posted by a colleague.",
        Responsible::Unknown => "Not known who posted it.",
    }
    .to_string();
    let today = clean(input.today.as_deref());
    if !today.is_empty() {
        let _ = write!(notes, " Log started {today}.");
    }
    let first = LogEntry {
        platform,
        url: clean(input.url.as_deref()),
        username_or_handle: clean(input.handle.as_deref()),
        what_it_shows: shows,
        notes,
        ..LogEntry::default()
    };
    std::iter::once(first)
        .chain(std::iter::repeat_n(LogEntry::default(), BLANK_LOG_ROWS))
        .collect()
}

/// A spreadsheet opens a cell starting with one of these as a formula; a handle or URL
/// pasted from a hostile account could use that, so such cells get a leading apostrophe.
fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The evidence log as CSV with a header row, to open in a spreadsheet and fill in.
pub fn evidence_log_csv(entries: &[LogEntry]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(LOG_HEADERS)?;
    for entry in entries {
        writer.write_record(entry.cells().map(spreadsheet_safe))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // Every cell came from a &str, so the bytes are UTF-8; lossy is only a belt and braces.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

const KEEPING: &[&str] = &[
    "Keep this log, your screenshots and recordings together in a private place: a folder \
     only you can open, not a shared drive. findable saves this file so only your account \
     can read it.",
    "Don't crop, edit or draw on screenshots. Keep the originals as they are; if you need to \
     point something out, do it on a copy.",
    "Note dates and times as you go: when you saw it, when you reported it, when the \
     platform answered and when you told the school, with any reference numbers.",
    "Add a row for each new post, comment, message or account, and keep rows for posts that \
     have since been deleted.",
    "Never save a sexual image of anyone under 18, not even as evidence: note the URL and \
     tell the DSL.",
];

/// The evidence log as a Markdown table, with a short note on how to keep it.
pub fn evidence_log_markdown(entries: &[LogEntry]) -> String {
    let mut out = String::from("# Evidence log\n\n");
    out.push_str("| ");
    out.push_str(&LOG_HEADERS.join(" | "));
    out.push_str(" |\n|");
    out.push_str(&"---|".repeat(LOG_HEADERS.len()));
    out.push('\n');
    for entry in entries {
        out.push('|');
        for cell in entry.cells() {
            let _ = write!(out, " {} |", md_text(cell));
        }
        out.push('\n');
    }
    out.push_str("\n## How to keep this\n\n");
    for line in KEEPING {
        let _ = writeln!(out, "- {line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().expect("built-in catalog")
    }

    fn input() -> IncidentInput {
        IncidentInput::default()
    }

    fn titles(steps: &[Step]) -> Vec<&str> {
        steps.iter().map(|s| s.title.as_str()).collect()
    }

    fn position(steps: &[Step], needle: &str) -> usize {
        steps
            .iter()
            .position(|s| s.title.contains(needle))
            .unwrap_or_else(|| panic!("no step titled {needle:?} in {:?}", titles(steps)))
    }

    fn all_links(steps: &[Step]) -> Vec<&str> {
        steps
            .iter()
            .flat_map(|s| s.links.iter().map(|(_, t)| t.as_str()))
            .collect()
    }

    #[test]
    fn steps_come_in_the_order_the_guidance_gives() {
        let steps = steps(&input(), &catalog());
        let order = [
            "Don't reply",
            "Save the evidence",
            "Report it",
            "line manager or the DSL",
            "school's route",
            "POSH",
            "Report Harmful Content",
            "police",
            "support",
            "harder to find",
        ];
        let positions: Vec<usize> = order.iter().map(|t| position(&steps, t)).collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{:?}",
            titles(&steps)
        );
        assert_eq!(steps.len(), order.len());
        for (i, s) in steps.iter().enumerate() {
            assert_eq!(s.number, i + 1);
            assert!(!s.what_to_do.trim().is_empty());
        }
        assert!(
            steps.iter().all(|s| !s.urgent),
            "no threats: nothing urgent"
        );
    }

    #[test]
    fn the_platforms_own_report_links_are_used() {
        let catalog = catalog();
        let tiktok = catalog.get("tiktok").and_then(|c| c.report.clone());
        let tiktok = tiktok.expect("tiktok has report links");
        let content = IncidentInput {
            platform: Some("tiktok".into()),
            ..input()
        };
        let steps_content = steps(&content, &catalog);
        let report = &steps_content[position(&steps_content, "Report it to TikTok")];
        assert_eq!(report.links[0].1, tiktok.abuse);
        assert!(!all_links(&steps_content).contains(&tiktok.impersonation.as_str()));

        let fake = IncidentInput {
            platform: Some("TikTok".into()),
            kind: Kind::Impersonation,
            ..input()
        };
        let steps_fake = steps(&fake, &catalog);
        let report = &steps_fake[position(&steps_fake, "fake account to TikTok")];
        assert_eq!(
            report.links[0].1, tiktok.impersonation,
            "impersonation first"
        );
        assert!(report.links.iter().any(|(_, t)| *t == tiktok.abuse));
        // TikTok has an agreed escalation route through POSH.
        let posh = &steps_fake[position(&steps_fake, "POSH")];
        assert!(posh.what_to_do.contains("TikTok"));
    }

    #[test]
    fn without_a_known_platform_the_generic_route_is_given() {
        let catalog = catalog();
        for platform in [None, Some("no-such-site"), Some("self-search")] {
            let steps = steps(
                &IncidentInput {
                    platform: platform.map(String::from),
                    ..input()
                },
                &catalog,
            );
            let report = &steps[position(&steps, "Report it where it was posted")];
            assert_eq!(report.links[0].1, REPORT_HARMFUL_CONTENT_URL);
        }
    }

    #[test]
    fn only_platforms_with_a_report_button_are_offered() {
        let catalog = catalog();
        let ids: Vec<&str> = platforms(&catalog).iter().map(|c| c.id.as_str()).collect();
        assert!(ids.contains(&"tiktok") && ids.contains(&"instagram"));
        assert!(!ids.contains(&"self-search"), "a habit, not a platform");
        assert!(!ids.contains(&"electoral-register"));
        assert!(find_platform(&catalog, "X (Twitter)").is_some());
        assert!(find_platform(&catalog, "nope").is_none());
    }

    #[test]
    fn who_is_responsible_picks_the_school_policy() {
        let catalog = catalog();
        let cases = [
            (Responsible::Pupil, "behaviour policy"),
            (Responsible::Parent, "parental code of conduct"),
            (Responsible::Colleague, "staff code of conduct"),
            (Responsible::Unknown, "governor or trustee"),
        ];
        for (responsible, policy) in cases {
            let steps = steps(
                &IncidentInput {
                    responsible,
                    ..input()
                },
                &catalog,
            );
            let route = &steps[position(&steps, "school's route")];
            assert!(
                route.title.contains(policy) || route.what_to_do.contains(policy),
                "{responsible:?}: {route:?}"
            );
        }
        let pupil = steps(
            &IncidentInput {
                responsible: Responsible::Pupil,
                ..input()
            },
            &catalog,
        );
        let route = &pupil[position(&pupil, "school's route")];
        assert!(!route.what_to_do.contains("parental code"));
    }

    #[test]
    fn threats_bring_the_police_forward_and_mark_it_urgent() {
        let catalog = catalog();
        let calm = steps(&input(), &catalog);
        let serious = steps(
            &IncidentInput {
                threats_or_sexual: true,
                ..input()
            },
            &catalog,
        );
        let police = position(&serious, "police");
        assert!(serious[police].urgent);
        assert_eq!(serious.iter().filter(|s| s.urgent).count(), 1);
        assert_eq!(
            serious
                .iter()
                .filter(|s| s.title.contains("police"))
                .count(),
            1
        );
        assert!(
            police < position(&serious, "where it was posted"),
            "before the platform"
        );
        assert!(police > position(&serious, "Save the evidence"));
        assert!(police < position(&calm, "police"));
        let links: Vec<&str> = serious[police]
            .links
            .iter()
            .map(|(_, t)| t.as_str())
            .collect();
        assert!(links.contains(&"999") && links.contains(&"101"));
        let text = render_text(&serious);
        assert!(text.contains("URGENT: Report it to the police now"));
        assert!(render_markdown(&serious).contains("Urgent: Report it to the police now"));
    }

    #[test]
    fn posh_number_email_and_hours_are_given() {
        let steps = steps(&input(), &catalog());
        let posh = &steps[position(&steps, "POSH")];
        let links: Vec<&str> = posh.links.iter().map(|(_, t)| t.as_str()).collect();
        assert!(links.contains(&"0344 381 4772"));
        assert!(links.contains(&"helpline@saferinternet.org.uk"));
        assert!(posh.what_to_do.contains("Monday to Friday, 10:00 to 16:00"));
        assert!(render_text(&steps).contains("0344 381 4772"));
        assert!(render_markdown(&steps).contains("0344 381 4772"));
        let all = all_links(&steps);
        assert!(all.iter().any(|t| t.contains("08000 562 561")));
        assert!(all.contains(&"https://reportharmfulcontent.com/"));
    }

    #[test]
    fn text_fits_80_columns_except_unbreakable_addresses() {
        let catalog = catalog();
        for platform in platforms(&catalog) {
            for kind in [Kind::Content, Kind::Impersonation] {
                let input = IncidentInput {
                    platform: Some(platform.id.clone()),
                    kind,
                    threats_or_sexual: true,
                    url: Some("https://www.tiktok.com/@someone/video/7300000000000000000".into()),
                    ..input()
                };
                for line in render_text(&steps(&input, &catalog)).lines() {
                    let width = textwrap::core::display_width(line);
                    let single_token = !line.trim().contains(' ');
                    assert!(width <= WIDTH || single_token, "{width}: {line}");
                }
            }
        }
    }

    #[test]
    fn the_url_given_is_shown_with_the_evidence_step() {
        let url = "https://www.instagram.com/fake_account/";
        let steps = steps(
            &IncidentInput {
                url: Some(url.into()),
                ..input()
            },
            &catalog(),
        );
        let evidence = &steps[position(&steps, "Save the evidence")];
        assert_eq!(evidence.links, vec![link("Where it is", url)]);
        let pasted = IncidentInput {
            url: Some(format!(" \u{1b}[31m{url}\n")),
            ..input()
        };
        let cleaned = super::steps(&pasted, &catalog());
        let evidence = &cleaned[position(&cleaned, "Save the evidence")];
        assert_eq!(
            evidence.links[0].1,
            format!("[31m{url}"),
            "no escape character left"
        );
    }

    #[test]
    fn markdown_escapes_a_hostile_url() {
        let steps = steps(
            &IncidentInput {
                url: Some("javascript:alert(1)<script>".into()),
                ..input()
            },
            &catalog(),
        );
        let md = render_markdown(&steps);
        assert!(!md.contains("<script>"));
        assert!(md.contains("<https://reportharmfulcontent.com/>"));
        assert!(!md.contains("\n\n\n"), "one blank line between blocks");
    }

    fn filled() -> IncidentInput {
        IncidentInput {
            platform: Some("instagram".into()),
            kind: Kind::Impersonation,
            responsible: Responsible::Pupil,
            url: Some("https://www.instagram.com/mr_smith_fake/".into()),
            handle: Some("=HYPERLINK(\"x\")".into()),
            today: Some("2026-11-22".into()),
            ..input()
        }
    }

    #[test]
    fn the_log_starts_with_a_filled_row_and_blank_ones() {
        let entries = log_entries(&filled(), &catalog());
        assert_eq!(entries.len(), 1 + BLANK_LOG_ROWS);
        let first = &entries[0];
        assert_eq!(first.platform, "Instagram");
        assert_eq!(first.url, "https://www.instagram.com/mr_smith_fake/");
        assert!(first.what_it_shows.contains("pretending"));
        assert!(first.notes.contains("pupil") && first.notes.contains("2026-11-22"));
        assert!(first.date_seen.is_empty(), "never guessed");
        assert!(entries[1..].iter().all(|e| *e == LogEntry::default()));
    }

    #[test]
    fn csv_parses_back_with_its_header_and_rows() {
        let entries = log_entries(&filled(), &catalog());
        let text = evidence_log_csv(&entries).expect("csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().expect("headers").clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), LOG_HEADERS.to_vec());
        let rows: Vec<LogEntry> = reader
            .deserialize()
            .collect::<Result<_, _>>()
            .expect("rows parse");
        assert_eq!(rows.len(), entries.len());
        assert_eq!(rows[0].url, entries[0].url);
        assert_eq!(rows[0].what_it_shows, entries[0].what_it_shows);
        // A formula in a pasted handle is defused, not run by the spreadsheet.
        assert_eq!(rows[0].username_or_handle, "'=HYPERLINK(\"x\")");
        assert!(rows[1..].iter().all(|r| *r == LogEntry::default()));
    }

    #[test]
    fn markdown_log_is_a_well_formed_table_with_a_keeping_note() {
        let mut entries = log_entries(&filled(), &catalog());
        entries[1].notes = "a | pipe\nand a newline".into();
        let md = evidence_log_markdown(&entries);
        let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(
            table.len(),
            2 + entries.len(),
            "header, rule, one line a row"
        );
        let columns = |line: &str| {
            // Unescaped pipes separate cells.
            let bytes = line.as_bytes();
            (0..bytes.len())
                .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
                .count()
                - 1
        };
        for line in &table {
            assert_eq!(columns(line), LOG_HEADERS.len(), "{line}");
            assert!(line.ends_with('|'));
        }
        assert!(table[1].chars().all(|c| c == '|' || c == '-'));
        assert!(md.contains("## How to keep this"));
        assert!(md.contains("private"));
        assert!(md.contains("Don't crop, edit"));
        assert!(md.to_lowercase().contains("times"));
    }
}
