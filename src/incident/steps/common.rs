//! The steps most kinds of incident share: not engaging, keeping evidence, reporting to
//! the platform, telling the school and its route, support, and being harder to find.

use super::{lines, link, phone_and_hours, pick, step, url, where_it_is};
use crate::catalog::Check;
use crate::contacts;
use crate::incident::{IncidentInput, Kind, Responsible, Step, report_links};

pub(super) fn dont_engage(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Don't reply, comment or hit back",
            "Ask them not to reply, comment or hit back",
        ),
        lines(&[
            pick(
                input,
                "Don't reply to it, comment on it, like it or share it, and don't message the \
                 account. The NEU warns that staff have been disciplined for answering posts \
                 about them, even when they did not start it.",
                "Ask your colleague not to reply to it, comment on it, like it or share it, or \
                 message the account. The NEU warns that staff have been disciplined for \
                 answering posts about them, even when they did not start it.",
            ),
            pick(
                input,
                "Don't confront a pupil about it, and don't ask pupils to take it down \
                 yourself: once you have told the school, asking for it to be removed is the \
                 school's job.",
                "Ask them not to confront a pupil about it or ask pupils to take it down: \
                 asking for it to be removed is the school's job, so yours or the person \
                 leading.",
            ),
            pick(
                input,
                "Don't pass it round, even to warn colleagues: the Welsh Government asked \
                 schools to take care not to give trends like this more attention.",
                "Don't pass it round, even to warn staff: the Welsh Government asked schools \
                 to take care not to give trends like this more attention.",
            ),
        ]),
        Vec::new(),
    )
}

pub(super) fn keep_evidence(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Save the evidence before you report it",
            "Save the evidence before anyone reports it",
        ),
        lines(&[
            pick(
                input,
                "Do this first: a post can disappear once it is reported, and you may still \
                 need to show it to the school, a helpline or the police.",
                "Do this first: a post can disappear once it is reported, and the school, a \
                 helpline or the police may still need to see it.",
            ),
            pick(
                input,
                "- Take screenshots that show the username or handle, the date and time, and \
                 the web address (URL). INEQE stresses the username; the DfE's advice \
                 stresses the date and time.",
                "- Take screenshots, or ask your colleague for theirs, that show the username \
                 or handle, the date and time, and the web address (URL). INEQE stresses the \
                 username; the DfE's advice stresses the date and time.",
            ),
            "- Copy the link to the post or profile and keep it in the evidence log.",
            "- For a video, make a screen recording as well.",
            "- Keep everything even if the post is deleted later: it still shows what \
             happened.",
            "- Don't crop or draw on the screenshots: keep the originals as they are.",
            pick(
                input,
                "One exception: if it includes a sexual image of anyone under 18, don't \
                 screenshot, save or forward the image. Note the URL only and tell the DSL at \
                 once (UKCIS guidance for schools).",
                "One exception: if it includes a sexual image of anyone under 18, nobody \
                 screenshots, saves or forwards the image. Note the URL only and follow your \
                 child protection procedures (UKCIS guidance for schools).",
            ),
        ]),
        where_it_is(input),
    )
}

pub(super) fn report_to_platform(input: &IncidentInput, platform: Option<&Check>) -> Step {
    let Some((check, report)) = platform.and_then(|c| report_links(c).map(|r| (c, r))) else {
        return step(
            "Report it where it was posted",
            lines(&[
                pick(
                    input,
                    "Use the site's own Report option on the post or profile (often under a \
                     three-dot menu or a flag). For a fake account, choose impersonation if it \
                     is offered.",
                    "Use the site's own Report option on the post or profile (often under a \
                     three-dot menu or a flag); you or your colleague can do it. For a fake \
                     account, choose impersonation if it is offered.",
                ),
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
                pick(
                    input,
                    "Platforms often act on impersonation only when the person (or the \
                     school, for a fake school account) reports it and proves who they are; \
                     SWGfL notes this is a case where you may have to make the report \
                     yourself.",
                    "Platforms often act on impersonation only when the person (or the \
                     school, for a fake school account) reports it and proves who they are; \
                     SWGfL notes this is a case where your colleague may have to report it \
                     themselves. Help them do it.",
                ),
                keep,
            ]),
            vec![
                link("Report impersonation", &report.impersonation),
                link("Report abuse", &report.abuse),
            ],
        ),
        _ => {
            let (on, reason) = match input.kind {
                Kind::SexualHarassment => (
                    "post, message or profile",
                    "sexual harassment, nudity or unwanted sexual content",
                ),
                _ => ("post itself", "bullying or harassment"),
            };
            let who = pick(input, "", "You or your colleague can report it. ");
            (
                format!("Report it to {name}"),
                lines(&[
                    &format!(
                        "Use {name}'s Report option on the {on}, or the page below. {who}Pick \
                         the reason that fits best, for example {reason}."
                    ),
                    keep,
                ]),
                vec![link("Report abuse", &report.abuse)],
            )
        }
    };
    if let Some(help) = &report.help {
        links.push(link("Safety help", help));
    }
    step(&title, text, links)
}

pub(super) fn tell_the_school(input: &IncidentInput) -> Step {
    let mut text = vec![pick(
        input,
        "Tell your line manager or the designated safeguarding lead (DSL) the same day, and \
         show them your evidence. INEQE advises speaking to your line manager as soon as \
         possible.",
        "Record it as your safeguarding and staff policies say, with the evidence. Tell the \
         headteacher the same day, or the chair of governors or trustees if it is about the \
         headteacher (the DfE's flow).",
    )];
    if matches!(input.responsible, Responsible::Pupil | Responsible::Unknown) {
        text.push(pick(
            input,
            "If a pupil is or could be behind it, make sure the DSL knows: the pupil may need \
             safeguarding support too.",
            "If a pupil is or could be behind it, treat it as a safeguarding matter for the \
             pupil too: they may need support.",
        ));
    }
    text.push(match input.kind {
        Kind::Contact => pick(
            input,
            "The NEU advises telling your employer if pupils keep trying to friend you, and \
             warns that friending pupils leaves staff open to allegations of inappropriate \
             contact. Telling the school the first time puts it on record.",
            "The NEU advises staff to tell their employer if pupils keep trying to friend \
             them, and warns that friending pupils leaves staff open to allegations of \
             inappropriate contact. Recording it protects your colleague.",
        ),
        Kind::Calls => pick(
            input,
            "Work out together how the caller got the number. The NEU advises keeping your \
             personal number from pupils and parents: if a phone is needed for school \
             business, such as a trip, the school should provide one.",
            "Work out how the caller got the number. The NEU advises staff to keep their \
             personal number from pupils and parents: if a phone is needed for school \
             business, such as a trip, the school should provide one.",
        ),
        _ => pick(
            input,
            "Your employer has a duty of care to protect you from abuse online by pupils, \
             parents and colleagues, as it would face to face (DfE advice, quoted by the \
             NEU).",
            "The school has a duty of care to protect your colleague from abuse online by \
             pupils, parents and colleagues, as it would face to face (DfE advice, quoted by \
             the NEU).",
        ),
    });
    step(
        pick(
            input,
            "Tell your line manager or the DSL today",
            "Record it and tell the headteacher today",
        ),
        lines(&text),
        Vec::new(),
    )
}

pub(super) fn school_route(input: &IncidentInput) -> Step {
    let (title, text) = match input.responsible {
        Responsible::Pupil => (
            "The school's route: its behaviour policy",
            lines(&[
                pick(
                    input,
                    "When a pupil is responsible, the school deals with it under its behaviour \
                     policy; the Welsh Government and INEQE both point schools there.",
                    "When a pupil is responsible, deal with it under the behaviour policy; the \
                     Welsh Government and INEQE both point schools there.",
                ),
                pick(
                    input,
                    "It is the school, not you, that asks the pupil to remove it and talks to \
                     their parents. Ask which policy is being used so you know what to expect.",
                    "It is the school, not your colleague, that asks the pupil to remove it \
                     and talks to their parents. Tell your colleague which policy is being \
                     used so they know what to expect.",
                ),
            ]),
        ),
        Responsible::Parent => (
            "The school's route: the parental code of conduct",
            lines(&[
                pick(
                    input,
                    "When a parent or carer is responsible, the school uses its parental code \
                     of conduct (or its home-school agreement or social media policy, if that \
                     is where the rules are).",
                    "When a parent or carer is responsible, use the parental code of conduct \
                     (or the home-school agreement or social media policy, if that is where \
                     the rules are).",
                ),
                pick(
                    input,
                    "The DfE's advice is that the school usually starts by meeting the parent \
                     and asking for the content to be removed. Leave that meeting to the \
                     school.",
                    "The DfE's advice is that the school usually starts by meeting the parent \
                     and asking for the content to be removed. Your colleague does not need \
                     to be at that meeting.",
                ),
            ]),
        ),
        Responsible::Colleague => (
            "The school's route: the staff code of conduct",
            lines(&[
                "When a colleague is responsible, it comes under the staff code of conduct \
                 (or staff behaviour policy) and the school's bullying and harassment \
                 procedures.",
                pick(
                    input,
                    "Talk to your union rep before any meeting about it.",
                    "Suggest your colleague talks to their union rep before any meeting about \
                     it.",
                ),
            ]),
        ),
        Responsible::Unknown => (
            "The school's route: who leads",
            lines(&[
                pick(
                    input,
                    "When nobody knows who is behind it, the school decides who leads the \
                     investigation. If it is about the headteacher (or whoever would normally \
                     lead), a governor or trustee should take it on.",
                    "When nobody knows who is behind it, decide who leads the investigation. \
                     If it is about the headteacher (or whoever would normally lead), a \
                     governor or trustee should take it on.",
                ),
                pick(
                    input,
                    "The school then checks whether it meets its bullying or harassment \
                     criteria and whether the police need to be involved. If it turns out to \
                     be a pupil, a parent or a colleague, the behaviour policy, the parental \
                     code of conduct or the staff code of conduct applies.",
                    "Then check whether it meets your bullying or harassment criteria and \
                     whether the police need to be involved. If it turns out to be a pupil, a \
                     parent or a colleague, the behaviour policy, the parental code of \
                     conduct or the staff code of conduct applies.",
                ),
            ]),
        ),
    };
    step(title, text, Vec::new())
}

pub(super) fn support(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Get support for yourself",
            "Make sure your colleague has support",
        ),
        lines(&[
            pick(
                input,
                "You don't have to deal with this alone, and the Welsh Government points staff \
                 to their union for support. The NEU suggests starting with your workplace \
                 rep, or its AdviceLine if there is none; NASUWT has advice on online abuse of \
                 teachers. Other unions can help their members in the same way.",
                "The DfE's flow starts by directing the member of staff to support. The Welsh \
                 Government points staff to their union: the NEU suggests starting with a \
                 workplace rep, or its AdviceLine if there is none; NASUWT has advice on \
                 online abuse of teachers. Other unions help their members in the same way.",
            ),
            pick(
                input,
                "Education Support runs a free, confidential helpline for everyone working in \
                 education, open 24 hours a day. Your school may also have an employee \
                 assistance programme.",
                "Education Support runs a free, confidential helpline for everyone working in \
                 education, open 24 hours a day. Point them to your employee assistance \
                 programme too, if the school has one.",
            ),
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

pub(super) fn harder_to_find(input: &IncidentInput) -> Step {
    let text = match input.kind {
        Kind::Calls => pick(
            input,
            "Once it is in hand, look at where your phone number can be seen: class and club \
             WhatsApp groups, people-search sites and old posts. Run \"findable checklist\" to \
             go through them and your privacy settings.",
            "Once it is in hand, suggest your colleague looks at where their phone number can \
             be seen: class and club WhatsApp groups, people-search sites and old posts. \
             \"findable checklist\" goes through them and their privacy settings.",
        ),
        _ => pick(
            input,
            "Once it is in hand, close what pupils could use next time: run \"findable \
             checklist\" to tighten your privacy settings, and ask the school to look at what \
             its website shows about you, such as your full name and photo.",
            "Once it is in hand, suggest your colleague runs \"findable checklist\" to tighten \
             their privacy settings, and look at what the school's website shows about them, \
             such as their full name and photo.",
        ),
    };
    step(
        pick(
            input,
            "Then make yourself harder to find",
            "Then help them be harder to find",
        ),
        lines(&[text]),
        Vec::new(),
    )
}
