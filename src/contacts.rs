//! Every helpline, phone number and address findable gives a person who is being abused
//! online, in one place, each with where it came from and when: the report's "If something
//! here is abusive" and the incident steps both read them from here. Not for wording.
//!
//! The facts come from UK guidance (SWGfL, the UK Safer Internet Centre, Ofcom, the
//! helplines' own pages), taken into findable on each contact's `as_of` date.

/// A helpline or service, as its own pages describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    pub name: &'static str,
    /// The short name people use, e.g. "POSH".
    pub short: Option<&'static str>,
    pub phone: Option<&'static str>,
    pub email: Option<&'static str>,
    /// When the phone line is open, as a phrase: "Monday to Friday, 10:00 to 16:00".
    pub hours: Option<&'static str>,
    /// Where a person goes to use it.
    pub url: Option<&'static str>,
    /// Where the facts above were taken from.
    pub source: &'static str,
    /// The day they were taken (`YYYY-MM-DD`).
    pub as_of: &'static str,
}

/// The police: 999 when anyone is in danger, 101 otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Police {
    pub emergency: &'static str,
    pub non_emergency: &'static str,
    /// When to go to the police about something online.
    pub guide_url: &'static str,
    pub source: &'static str,
    pub as_of: &'static str,
}

const AS_OF: &str = "2026-11-22";

/// The Professionals Online Safety Helpline, run by SWGfL for the UK Safer Internet Centre.
pub const POSH: Contact = Contact {
    name: "Professionals Online Safety Helpline",
    short: Some("POSH"),
    phone: Some("0344 381 4772"),
    email: Some("helpline@saferinternet.org.uk"),
    hours: Some("Monday to Friday, 10:00 to 16:00"),
    url: Some("https://saferinternet.org.uk/professionals-online-safety-helpline"),
    source: "https://saferinternet.org.uk/professionals-online-safety-helpline",
    as_of: AS_OF,
};

/// Report Harmful Content (SWGfL): reviews a report the platform refused or ignored.
pub const REPORT_HARMFUL_CONTENT: Contact = Contact {
    name: "Report Harmful Content",
    short: None,
    phone: None,
    email: None,
    hours: None,
    url: Some("https://reportharmfulcontent.com/"),
    source: "https://reportharmfulcontent.com/",
    as_of: AS_OF,
};

pub const POLICE: Police = Police {
    emergency: "999",
    non_emergency: "101",
    guide_url: "https://reportharmfulcontent.com/when-should-you-go-to-the-police/",
    source: "https://reportharmfulcontent.com/when-should-you-go-to-the-police/",
    as_of: AS_OF,
};

/// For adults whose intimate images, real or faked, are shared or threatened.
pub const REVENGE_PORN_HELPLINE: Contact = Contact {
    name: "Revenge Porn Helpline",
    short: None,
    phone: Some("0345 6000 459"),
    email: None,
    hours: Some("Monday to Friday, 10:00 to 16:00"),
    url: None,
    source: "https://revengepornhelpline.org.uk/faq",
    as_of: AS_OF,
};

/// Free, confidential support for everyone working in education.
pub const EDUCATION_SUPPORT: Contact = Contact {
    name: "Education Support",
    short: None,
    phone: Some("08000 562 561"),
    email: None,
    hours: Some("24 hours a day"),
    url: None,
    source: "https://www.educationsupportpartnership.org.uk/",
    as_of: AS_OF,
};

/// The NEU's contacts: a workplace rep or its AdviceLine.
pub const NEU: Contact = Contact {
    name: "NEU",
    short: None,
    phone: None,
    email: None,
    hours: None,
    url: Some("https://neu.org.uk/contact-us"),
    source: "https://neu.org.uk/contact-us",
    as_of: AS_OF,
};

/// NASUWT's advice on social media and online abuse of teachers.
pub const NASUWT: Contact = Contact {
    name: "NASUWT",
    short: None,
    phone: None,
    email: None,
    hours: None,
    url: Some(
        "https://www.nasuwt.org.uk/advice/health-safety/social-media-and-online-abuse-of-teachers.html",
    ),
    source: "https://www.nasuwt.org.uk/advice/health-safety/social-media-and-online-abuse-of-teachers.html",
    as_of: AS_OF,
};

/// The day the contacts added for abusive calls and online sexual harassment were checked.
const AS_OF_KINDS: &str = "2026-11-30";

/// Ofcom on malicious and nuisance calls. The advice the steps give (they are a criminal
/// offence; tell your phone company's nuisance or malicious calls team what was said; 999
/// for a real and immediate threat; rejecting withheld numbers can block wanted calls) is
/// from Ofcom's help page on malicious and nuisance calls (`source`); the link a person
/// gets is Ofcom's current page on tackling nuisance calls.
pub const OFCOM_CALLS: Contact = Contact {
    name: "Ofcom",
    short: None,
    phone: None,
    email: None,
    hours: None,
    url: Some(
        "https://www.ofcom.org.uk/phones-and-broadband/unwanted-calls-and-messages/tackling-nuisance-calls-messages",
    ),
    source: "https://ask.ofcom.org.uk/help/telephone/malicious_nuisance_calls",
    as_of: AS_OF_KINDS,
};

/// SWGfL's guidance for schools and colleges in England on responding to the online
/// sexual harassment of staff, written by POSH (published December 2023).
pub const SWGFL_SEXUAL_HARASSMENT: Contact = Contact {
    name: "SWGfL: responding to online sexual harassment of staff",
    short: None,
    phone: None,
    email: None,
    hours: None,
    url: Some(
        "https://swgfl.co.uk/resources/how-to-respond-to-the-online-sexual-harassment-of-school/college-staff/",
    ),
    source: "https://swgfl.co.uk/resources/how-to-respond-to-the-online-sexual-harassment-of-school/college-staff/",
    as_of: AS_OF_KINDS,
};

/// Every contact, for checks over all of them.
pub const ALL: [Contact; 8] = [
    POSH,
    REPORT_HARMFUL_CONTENT,
    REVENGE_PORN_HELPLINE,
    EDUCATION_SUPPORT,
    NEU,
    NASUWT,
    OFCOM_CALLS,
    SWGFL_SEXUAL_HARASSMENT,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn is_date(s: &str) -> bool {
        s.parse::<jiff::civil::Date>().is_ok()
    }

    #[test]
    fn every_contact_says_where_and_when_it_came_from() {
        for c in ALL {
            assert!(c.source.starts_with("https://"), "{}", c.name);
            assert!(is_date(c.as_of), "{}", c.name);
            assert!(
                c.phone.is_some() || c.url.is_some(),
                "{}: no way to reach it",
                c.name
            );
            if let Some(url) = c.url {
                assert!(crate::render::escape::web_url(url).is_some(), "{url}");
            }
            if let Some(phone) = c.phone {
                assert!(phone.chars().all(|ch| ch.is_ascii_digit() || ch == ' '));
            }
        }
        assert!(POLICE.source.starts_with("https://") && is_date(POLICE.as_of));
        assert_eq!((POLICE.emergency, POLICE.non_emergency), ("999", "101"));
    }
}
