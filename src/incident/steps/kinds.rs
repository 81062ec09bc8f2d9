//! The steps only one kind of incident has: contact from a pupil or parent (The Key and
//! the NEU), abusive calls and messages (Ofcom), online sexual harassment (SWGfL).

use super::{lines, link, pick, step, url, where_it_is};
use crate::catalog::Check;
use crate::contacts;
use crate::incident::{IncidentInput, Responsible, Step, report_links};

pub(super) fn dont_accept(input: &IncidentInput) -> Step {
    let mut text = vec![pick(
        input,
        "Ignore or decline the request, and don't reply to messages. The Key advises staff to \
         ignore and delete requests and messages from pupils.",
        "Ask your colleague to ignore or decline the request and not to reply to messages. \
         The Key advises staff to ignore and delete requests and messages from pupils.",
    )];
    if input.responsible != Responsible::Pupil {
        text.push(pick(
            input,
            "If it is a parent: replying to one sets a precedent for you and for other staff, \
             and a pupil could see what you post through their parent's account (The Key).",
            "If it is a parent: replying to one sets a precedent for them and for other staff, \
             and a pupil could see what they post through their parent's account (The Key).",
        ));
    }
    text.push(pick(
        input,
        "The NEU's advice is never to be friends with current pupils on social media, and not \
         with former pupils or parents either. If you decide to anyway, tell your employer.",
        "The NEU's advice is that staff are never friends with current pupils on social \
         media, and not with former pupils or parents either. Anyone who decides to anyway \
         should tell their employer.",
    ));
    step(
        pick(
            input,
            "Don't accept it or reply",
            "Ask them not to accept it or reply",
        ),
        lines(&text),
        Vec::new(),
    )
}

pub(super) fn save_contact(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Screenshot the request and any messages first",
            "Ask them to screenshot the request and any messages first",
        ),
        lines(&[
            pick(
                input,
                "Do it before you block: blocking can hide the profile and the messages.",
                "Before they block: blocking can hide the profile and the messages.",
            ),
            "- Make sure the screenshots show the account's name and username, and the date \
             and time.",
            pick(
                input,
                "- The Key advises keeping screenshots of anything else they send too.",
                "- The Key advises keeping screenshots of anything else the account sends too.",
            ),
            "- Copy the link to the profile and keep it in the evidence log.",
        ]),
        where_it_is(input),
    )
}

pub(super) fn block(input: &IncidentInput, platform: Option<&Check>) -> Step {
    let mut links = Vec::new();
    if let Some(report) = platform.and_then(report_links) {
        links.push(link("Report abuse", &report.abuse));
        if let Some(help) = &report.help {
            links.push(link("Safety help", help));
        }
    }
    step(
        pick(input, "Block the account", "Ask them to block the account"),
        lines(&[
            pick(
                input,
                "Once you have your screenshots, block the account, so it can no longer see \
                 your profile or message you. The Key advises blocking pupils who try to make \
                 contact.",
                "Once the screenshots are taken, your colleague blocks the account, so it can \
                 no longer see their profile or message them. The Key advises blocking pupils \
                 who try to make contact.",
            ),
            pick(
                input,
                "If the messages are abusive, threatening or sexual, report them too with the \
                 platform's Report option, then block.",
                "If the messages are abusive, threatening or sexual, they (or you) report them \
                 too with the platform's Report option, then block.",
            ),
        ]),
        links,
    )
}

pub(super) fn privacy(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Check your privacy settings, name and photo",
            "Help them check their privacy settings",
        ),
        lines(&[
            pick(
                input,
                "Check who can find you, send you friend requests and message you. Limit \
                 these to friends, or to nobody, where the platform allows.",
                "Ask your colleague to check who can find them, send them friend requests and \
                 message them, and to limit these to friends, or to nobody, where the \
                 platform allows.",
            ),
            pick(
                input,
                "Think about your display name and profile picture. The Key suggests changing \
                 them; the NEU notes some staff use a partner's surname online and their own \
                 at school.",
                "They could change their display name and profile picture, as The Key \
                 suggests; the NEU notes some staff use a partner's surname online and their \
                 own at school.",
            ),
            pick(
                input,
                "Run \"findable checklist\" to go through your settings, platform by platform.",
                "\"findable checklist\" goes through the settings with them, platform by \
                 platform.",
            ),
        ]),
        Vec::new(),
    )
}

pub(super) fn if_it_persists(input: &IncidentInput) -> Step {
    let pupil = pick(
        input,
        "If a pupil keeps trying, the school reminds them of its social media policy and uses \
         its usual behaviour procedures (The Key).",
        "If a pupil keeps trying, remind them of the school's social media policy and use your \
         usual behaviour procedures (The Key).",
    );
    let parent = pick(
        input,
        "If a parent keeps trying, ask the school for a stock reply to send. It says why the \
         request is declined and how to contact the school instead (The Key).",
        "If a parent keeps trying, give staff a stock reply to send. It says why the request \
         is declined and how to contact the school instead (The Key).",
    );
    let mut text = match input.responsible {
        Responsible::Pupil => vec![pupil],
        Responsible::Parent => vec![parent],
        Responsible::Colleague | Responsible::Unknown => vec![pupil, parent],
    };
    text.push(pick(
        input,
        "The school can also write to all parents about what it expects around contacting \
         staff on social media; The Key has a template letter for this.",
        "Consider a letter to all parents about what the school expects around contacting \
         staff on social media; The Key has a template letter for this.",
    ));
    text.push(
        "A social media policy is not statutory, but The Key suggests having one: it gives \
         staff, pupils and parents something to point to.",
    );
    step(
        "If it keeps happening, the school steps in",
        lines(&text),
        Vec::new(),
    )
}

pub(super) fn hang_up(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Don't answer back: hang up",
            "Ask them not to answer back",
        ),
        lines(&[
            pick(
                input,
                "Don't argue, reply to texts or call the number back. A caller like this \
                 usually wants a reaction.",
                "Ask your colleague not to argue, reply to texts or call the number back. A \
                 caller like this usually wants a reaction.",
            ),
            pick(
                input,
                "If they call again, say nothing and hang up calmly. Don't give your name or \
                 any details.",
                "If the calls come again, they can say nothing and hang up calmly, without \
                 giving their name or any details.",
            ),
            pick(
                input,
                "Let numbers you don't know go to voicemail for now: a recording is better \
                 evidence than a conversation.",
                "Letting numbers they don't know go to voicemail for now gives them a \
                 recording, which is better evidence than a conversation.",
            ),
        ]),
        Vec::new(),
    )
}

pub(super) fn keep_record(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Keep a record of every call and message",
            "Help them keep a record of every call and message",
        ),
        lines(&[
            pick(
                input,
                "Write down each call as soon as you can: the number, if one showed, the date \
                 and time, how long it lasted and what was said.",
                "Ask your colleague to write down each call as soon as they can: the number, \
                 if one showed, the date and time, how long it lasted and what was said.",
            ),
            "- Keep voicemails, texts and app messages. Don't delete them, even the upsetting \
             ones.",
            "- Screenshot the call log, showing the numbers and times.",
            "- The phone company may ask for a diary like this, and the police need the \
             number and the details to act.",
        ]),
        where_it_is(input),
    )
}

pub(super) fn phone_company(input: &IncidentInput) -> Step {
    step(
        pick(
            input,
            "Tell your phone company",
            "Ask them to tell their phone company",
        ),
        lines(&[
            pick(
                input,
                "Ofcom's advice is to tell your phone company as soon as you can, whether or \
                 not you know who is calling. Ask for its nuisance or malicious calls team, \
                 and tell them what the caller said.",
                "Ofcom's advice is to tell the phone company as soon as possible, whether or \
                 not anyone knows who is calling. Your colleague asks for its nuisance or \
                 malicious calls team and tells them what the caller said.",
            ),
            "If the calls come to a school phone, the school contacts its own provider \
             instead.",
            "The company may suggest going to the police, especially if the caller is \
             threatening. It may offer to reject calls from withheld numbers: ask whether that \
             costs anything, and note it can block calls that are wanted, such as from abroad.",
        ]),
        vec![link(
            "Ofcom on malicious and nuisance calls",
            url(contacts::OFCOM_CALLS),
        )],
    )
}

pub(super) fn block_number(input: &IncidentInput) -> Step {
    step(
        pick(input, "Block the number", "Ask them to block the number"),
        lines(&[pick(
            input,
            "Once the record is kept, block the number in your phone's settings, and in any \
             app the messages came through, such as WhatsApp; use the app's Report option \
             there too.",
            "Once the record is kept, your colleague blocks the number in their phone's \
             settings, and in any app the messages came through, such as WhatsApp; the app's \
             Report option is there too.",
        )]),
        Vec::new(),
    )
}

pub(super) fn swgfl_guidance(input: &IncidentInput) -> Step {
    let guidance = contacts::SWGFL_SEXUAL_HARASSMENT;
    step(
        pick(
            input,
            "Ask the school to follow SWGfL's guidance",
            "Follow SWGfL's guidance for schools",
        ),
        lines(&[
            pick(
                input,
                "POSH, SWGfL's helpline, has written guidance for schools and colleges in \
                 England on responding to online sexual harassment of staff. It is for school \
                 leaders, so point your headteacher or DSL to it.",
                "POSH, SWGfL's helpline, has written guidance for schools and colleges in \
                 England on responding to online sexual harassment of staff, for leaders, \
                 governors and trusts. It covers responding, preventing more, and guidance \
                 for staff.",
            ),
            "It explains that sexual harassment is unlawful discrimination under the Equality \
             Act 2010, and that a school which does not act to protect and support its staff \
             could be failing in its duty of care.",
            "It counts a fake account made in someone's likeness as online sexual harassment \
             too, whoever is behind it: a pupil, a parent, a colleague or a stranger.",
        ]),
        vec![link(guidance.name, url(guidance))],
    )
}
