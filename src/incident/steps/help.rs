//! Where to get help outside the school, shared by most kinds of incident: POSH, Report
//! Harmful Content, and the police (now, for threats and sexual content; otherwise when it
//! crosses the line), each worded for the kind of incident and for whoever is reading.

use super::{lines, link, phone_and_hours, pick, step, url};
use crate::catalog::Check;
use crate::contacts;
use crate::incident::{IncidentInput, Kind, Responsible, Step};

pub(super) fn posh(input: &IncidentInput, platform: Option<&Check>) -> Step {
    let posh = contacts::POSH;
    let mut text = vec![
        pick(
            input,
            "POSH is a free helpline for anyone working with children in the UK, run by SWGfL \
             for the UK Safer Internet Centre.",
            "POSH is a free helpline for anyone working with children in the UK, so you can \
             call it yourself. It is run by SWGfL for the UK Safer Internet Centre.",
        )
        .to_string()
            + " It gives advice, and when the usual reporting route fails it can escalate to \
               its contacts at the platforms (among them Meta, X, Google and YouTube, TikTok \
               and Snapchat).",
    ];
    text.push(
        match input.kind {
            Kind::Contact => {
                "Contact it if you are not sure what to do, or if the contact turns into abuse."
            }
            Kind::Calls => {
                "It can advise on abusive messages sent through apps, and on how the school \
                 can work towards a resolution."
            }
            _ => {
                "SWGfL suggests giving the platform about 48 hours to respond first, but \
                 contact POSH straight away if there is a safeguarding concern or you are not \
                 sure where to report."
            }
        }
        .to_string(),
    );
    if platform.is_some_and(|c| c.id == "tiktok") && input.kind != Kind::Calls {
        text.push(
            "For TikTok there is an agreed escalation route: in 2021 the UK Safer Internet \
             Centre set one up with TikTok for reports made through POSH, and the NEU tells \
             schools to report TikTok content through POSH."
                .to_string(),
        );
    }
    text.push(format!("Open {}.", posh.hours.unwrap_or_default()));
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

pub(super) fn report_harmful_content(input: &IncidentInput) -> Step {
    let rhc = contacts::REPORT_HARMFUL_CONTENT;
    step(
        &format!("If the platform won't act: {}", rhc.name),
        lines(&[
            "Once it has been reported to the platform and the platform has refused, or not \
             answered, Report Harmful Content (also run by SWGfL) can review it against the \
             platform's rules and escalate it when it disagrees with the platform.",
            pick(
                input,
                "Send the platform's reply with your report: the service asks for it. If \
                 there has been no answer for over a week, it may still be able to help.",
                "Send the platform's reply with the report: the service asks for it. If there \
                 has been no answer for over a week, it may still be able to help.",
            ),
            "It covers bullying and harassment, threats, impersonation and unwanted sexual \
             advances, but cannot promise removal.",
        ]),
        vec![link(rhc.name, url(rhc))],
    )
}

/// The police: now, for threats and sexual content; otherwise when it crosses the line.
pub(super) fn police(input: &IncidentInput) -> Step {
    let police = contacts::POLICE;
    let mut links = vec![
        link("Emergency", police.emergency),
        link("Non-emergency", police.non_emergency),
    ];
    let urgent = input.police_first();
    let text = match input.kind {
        Kind::Calls => {
            links.push(link(
                "Ofcom on malicious and nuisance calls",
                url(contacts::OFCOM_CALLS),
            ));
            police_for_calls(input, urgent)
        }
        Kind::SexualHarassment => {
            links.push(link("When to go to the police", police.guide_url));
            links.push(revenge_porn_helpline());
            police_for_sexual_harassment(input)
        }
        _ => {
            links.push(link("When to go to the police", police.guide_url));
            links.push(revenge_porn_helpline());
            police_for_posts(input, urgent)
        }
    };
    let title = if urgent {
        "Report it to the police now"
    } else if input.kind == Kind::Calls {
        "Go to the police: malicious calls are a crime"
    } else {
        "Go to the police if it crosses the line"
    };
    let mut s = step(title, text, links);
    s.urgent = urgent;
    s
}

fn revenge_porn_helpline() -> (String, String) {
    let rph = contacts::REVENGE_PORN_HELPLINE;
    link(
        &format!("{} (sexual images, real or faked)", rph.name),
        &phone_and_hours(rph),
    )
}

fn sexual_images(input: &IncidentInput) -> &'static str {
    pick(
        input,
        "If it includes a sexual image of you, real or faked, the Revenge Porn Helpline can \
         help get it removed; it advises going to the police before reporting to the platform \
         if you may want legal action.",
        "If it includes a sexual image of your colleague, real or faked, the Revenge Porn \
         Helpline can help get it removed; it advises going to the police before reporting to \
         the platform if legal action may be wanted.",
    )
}

fn dfe_on_police(input: &IncidentInput) -> &'static str {
    pick(
        input,
        "The DfE's advice is that you, or someone acting for you such as the school or your \
         union, should contact the police about threatening, sexual or sexist content and hate \
         crime. Take your evidence with you.",
        "The DfE's advice is that the person targeted, or someone acting for them such as the \
         school or their union, should contact the police about threatening, sexual or sexist \
         content and hate crime. With your colleague's agreement, you can make the report. \
         Take the evidence.",
    )
}

fn police_for_posts(input: &IncidentInput, urgent: bool) -> String {
    if urgent {
        let mut text = vec![
            "You said it includes threats, hate, sexual content or upskirting, or anonymous \
             abuse that keeps coming: report it to the police now. Call 999 if anyone is in \
             immediate danger or a life is threatened; otherwise call 101.",
            dfe_on_police(input),
        ];
        if input.responsible != Responsible::Colleague {
            text.push(pick(
                input,
                "Tell the DSL as well, straight away, if a pupil may be involved.",
                "If a pupil may be involved, follow your child protection procedures as well.",
            ));
        }
        text.push(sexual_images(input));
        return lines(&text);
    }
    lines(&[
        pick(
            input,
            "INEQE advises considering the police when there are threats, hate, allegations of \
             abuse, sexual harassment or upskirting, when it is harming your wellbeing, \
             reputation or work, or when the abuse is persistent, anonymous and the platform \
             is not removing it.",
            "INEQE advises considering the police when there are threats, hate, allegations of \
             abuse, sexual harassment or upskirting, when it is harming the person's \
             wellbeing, reputation or work, or when the abuse is persistent, anonymous and \
             the platform is not removing it.",
        ),
        pick(
            input,
            "Call 999 if anyone is in immediate danger; otherwise call 101. The DfE's advice \
             is that you, or someone acting for you, should contact the police about \
             threatening, sexual or sexist content and hate crime.",
            "Call 999 if anyone is in immediate danger; otherwise call 101. The DfE's advice \
             is that the person targeted, or someone acting for them such as the school, \
             should contact the police about threatening, sexual or sexist content and hate \
             crime.",
        ),
        sexual_images(input),
    ])
}

fn police_for_calls(input: &IncidentInput, urgent: bool) -> String {
    let mut text = Vec::new();
    if urgent {
        text.push("You said there are threats: report them to the police now.");
    }
    text.extend([
        pick(
            input,
            "Ofcom's advice is that malicious and nuisance calls are a criminal offence, \
             whether or not you know the caller. If the caller makes a direct threat that you \
             believe is real and immediate, call 999 straight away. Otherwise call 101.",
            "Ofcom's advice is that malicious and nuisance calls are a criminal offence, \
             whether or not anyone knows the caller. If the caller makes a direct threat that \
             seems real and immediate, call 999 straight away. Otherwise call 101.",
        ),
        pick(
            input,
            "Take your record of the calls: the police need the number and the details to \
             act. Your phone company may also advise you to go to the police, especially if \
             the caller is threatening.",
            "Take the record of the calls: the police need the number and the details to \
             act. With your colleague's agreement, you can contact the police for them.",
        ),
    ]);
    lines(&text)
}

fn police_for_sexual_harassment(input: &IncidentInput) -> String {
    lines(&[
        "Some online sexual harassment is a crime: report it to the police now. Call 999 if \
         anyone is in immediate danger; otherwise call 101. If you are not sure it is a \
         crime, the police can tell you.",
        "In England and Wales, since January 2024 it has been a crime to send someone a \
         sexual image they did not ask for (cyberflashing), and to share, or threaten to \
         share, an intimate image of someone without consent, real or faked (Online Safety \
         Act 2023). Upskirting and threats are crimes too.",
        dfe_on_police(input),
        sexual_images(input),
    ])
}
