//! The steps themselves, in the order the guidance gives, each tailored to what the person
//! said. The wording is here; the numbers and addresses come from [`crate::contacts`].

use super::{IncidentInput, Kind, Responsible, Step, clean, report_links};
use crate::catalog::{Catalog, Check};
use crate::contacts::{self, Contact};

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
    let platform = input.platform_in(catalog);
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

fn url(contact: Contact) -> &'static str {
    contact.url.unwrap_or(contact.source)
}

/// "0345 6000 459, Monday to Friday, 10:00 to 16:00".
fn phone_and_hours(contact: Contact) -> String {
    match (contact.phone, contact.hours) {
        (Some(phone), Some(hours)) => format!("{phone}, {hours}"),
        (phone, _) => phone.unwrap_or(contact.source).to_string(),
    }
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
    if let Some(account) = input.account() {
        links.push(link("Username", &account));
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
                url(contacts::REPORT_HARMFUL_CONTENT),
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
    let posh = contacts::POSH;
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
    text.push(format!(
        "Open {}.",
        contacts::POSH.hours.unwrap_or_default()
    ));
    let text: Vec<&str> = text.iter().map(String::as_str).collect();
    step(
        &format!("Ask the {} ({})", posh.name, posh.short.unwrap_or_default()),
        lines(&text),
        vec![
            link("Phone", posh.phone.unwrap_or_default()),
            link("Email", posh.email.unwrap_or_default()),
            link("Website", url(posh)),
        ],
    )
}

fn report_harmful_content() -> Step {
    let rhc = contacts::REPORT_HARMFUL_CONTENT;
    step(
        &format!("If the platform won't act: {}", rhc.name),
        lines(&[
            "Once you have reported it to the platform and it has refused, or not answered, \
             Report Harmful Content (also run by SWGfL) can review it against the platform's \
             rules and escalate it when it disagrees with the platform.",
            "Send the platform's reply with your report: the service asks for it. If there \
             has been no answer for over a week, it may still be able to help. It covers \
             bullying and harassment, threats and impersonation, but cannot promise removal.",
        ]),
        vec![link(rhc.name, url(rhc))],
    )
}

fn police(input: &IncidentInput) -> Step {
    let (police, rph) = (contacts::POLICE, contacts::REVENGE_PORN_HELPLINE);
    let links = vec![
        link("Emergency", police.emergency),
        link("Non-emergency", police.non_emergency),
        link("When to go to the police", police.guide_url),
        link(
            &format!("{} (sexual images of you, real or faked)", rph.name),
            &phone_and_hours(rph),
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
                &format!("{} helpline", contacts::EDUCATION_SUPPORT.name),
                &phone_and_hours(contacts::EDUCATION_SUPPORT),
            ),
            link("NEU contacts", url(contacts::NEU)),
            link("NASUWT advice", url(contacts::NASUWT)),
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
