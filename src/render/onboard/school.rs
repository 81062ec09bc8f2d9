//! The school's two handouts: the one-page cheat sheet for every member of staff, and the
//! letter to parents about contacting staff on social media. Each fits one A4 page; the
//! words are findable's own, from the UK guidance (The Key, INEQE, the NEU).

use std::fmt::Write as _;

use jiff::civil::Date;
use maud::html;

use super::{Official, dsl, long_date, official_accounts, official_list, police_line, posh_line};
use crate::Catalog;
use crate::onboard::WhatToDo;
use crate::render::escape::{markdown as md, markdown_target};
use crate::render::page::{self, Page, link, text as t};
use crate::school::School;

const SHEET_TITLE: &str = "Staying private online";
const LOCK_DOWN: &str = "Before pupils look";
/// What every member of staff can do in an evening, most telling first.
const LOCK_DOWN_STEPS: &[&str] = &[
    "Make your personal accounts private, and look again after app updates: they can change settings.",
    "Hide your friends and followers lists: pupils find staff through colleagues, partners and family.",
    "Leave the school and your job off personal profiles, and think about your display name and profile photo (some staff go by a middle name or a partner's surname online).",
    "Switch off being found by your phone number or email address, and contact syncing.",
    "Ask friends and family not to tag you, and turn on approving tags before they show.",
    "Don't accept friend or follow requests from pupils, their parents or former pupils.",
    "Keep your personal phone number and email to yourself: use the school's for school.",
    "Each term, search for yourself as a pupil would: your full name, \"Miss\" or \"Mr\" and your surname with the school's name, and your usernames.",
];
const CONTACTED: &str = "If a pupil or parent contacts you";
const TARGETED: &str = "If you are targeted (posts, videos, a fake account)";
const NEVER_ALONE: &str = "Screenshots are evidence: keep them, with the username, date and \
time showing, even after the post is gone. Never answer back: staff have been disciplined for \
replying, even when they did not start it.";

fn sheet_meta(school: &School) -> String {
    format!("One page for everyone who works at {}.", school.name)
}

fn who_to_tell(school: &School) -> String {
    format!(
        "Tell your designated safeguarding lead, {}, the same day.",
        dsl(school)
    )
}

fn official_line(school: &School, accounts: &[Official]) -> Option<String> {
    (!accounts.is_empty()).then(|| {
        format!(
            "{}'s only official accounts are {}. Any other account using the school's name is \
             not ours.",
            school.name,
            official_list(accounts)
        )
    })
}

/// The cheat sheet: one A4 page.
pub fn cheat_sheet_html(school: &School, catalog: &Catalog, what_to_do: &WhatToDo) -> String {
    let accounts = official_accounts(school, catalog);
    page::render(Page {
        title: &format!("{SHEET_TITLE}: {}", school.name),
        header: html! {
            h1 { (SHEET_TITLE) }
            p.meta { (t(&sheet_meta(school))) }
        },
        nav: None,
        main: html! {
            div.sheet {
                section aria-labelledby="lock-h" {
                    h2 #lock-h { (LOCK_DOWN) }
                    ul.compact { @for step in LOCK_DOWN_STEPS { li { (step) } } }
                }
                section aria-labelledby="contacted-h" {
                    h2 #contacted-h { (CONTACTED) }
                    ol.compact { @for line in &what_to_do.if_contacted { li { (t(line)) } } }
                }
                section aria-labelledby="targeted-h" {
                    h2 #targeted-h { (TARGETED) }
                    ol.compact { @for line in &what_to_do.if_targeted { li { (t(line)) } } }
                    p { (NEVER_ALONE) }
                    p { (police_line()) }
                }
                section aria-labelledby="who-h" {
                    h2 #who-h { "Who to tell" }
                    p.notice { strong { (t(&who_to_tell(school))) } }
                    p { (posh_line()) }
                    @if let Some(line) = official_line(school, &accounts) { p { (t(&line)) } }
                    @if let Some(url) = &school.policy_url {
                        p { (link(url, &format!("{}'s social media policy", school.name))) }
                    }
                }
            }
        },
        footer: html! {
            p { "Made by findable. Run it yourself to see what a pupil could find about you: it never logs in to anything." }
        },
    })
}

pub fn cheat_sheet_markdown(school: &School, catalog: &Catalog, what_to_do: &WhatToDo) -> String {
    let accounts = official_accounts(school, catalog);
    let mut out = format!(
        "# {SHEET_TITLE}\n\n{}\n\n## {LOCK_DOWN}\n\n",
        md(&sheet_meta(school))
    );
    for step in LOCK_DOWN_STEPS {
        let _ = writeln!(out, "- {step}");
    }
    for (heading, lines) in [
        (CONTACTED, &what_to_do.if_contacted),
        (TARGETED, &what_to_do.if_targeted),
    ] {
        let _ = write!(out, "\n## {heading}\n\n");
        for (i, line) in lines.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, md(line));
        }
    }
    let _ = write!(
        out,
        "\n{NEVER_ALONE}\n\n{}\n\n## Who to tell\n\n**{}**\n\n{}\n",
        police_line(),
        md(&who_to_tell(school)),
        posh_line()
    );
    if let Some(line) = official_line(school, &accounts) {
        let _ = write!(out, "\n{}\n", md(&line));
    }
    if let Some(url) = &school.policy_url {
        let _ = write!(
            out,
            "\n{}'s social media policy: {}\n",
            md(&school.name),
            markdown_target(url)
        );
    }
    out
}

const LETTER_TITLE: &str = "Contacting staff on social media";

/// The letter's paragraphs after the greeting, in the school's voice.
fn letter_paragraphs(
    school: &School,
    accounts: &[Official],
) -> Vec<(Option<&'static str>, String)> {
    let name = &school.name;
    let reach = match &school.website {
        Some(site) => format!(
            "the school office, or the contact details on our website, {}",
            super::site_shown(site)
        ),
        None => "the school office".to_string(),
    };
    let mut out = vec![
        (
            None,
            format!(
                "At {name} we want you to be able to reach us easily about your child, and we \
                 want our staff to have a private life outside school. This letter explains how \
                 the two fit together."
            ),
        ),
        (
            Some("Please contact staff through the school."),
            format!(
                "Our staff keep their personal social media private. They will not accept \
                 friend or follow requests from parents or pupils, or reply to messages sent to \
                 their personal accounts, however kindly meant. Every member of staff does the \
                 same, as our policy asks: it is not unfriendliness. To get in touch, use {reach}."
            ),
        ),
        (
            Some("Please talk with your child about staff online."),
            "Some pupils look up their teachers online, share photos of them, or open accounts \
             that pretend to be a teacher or the school. What starts as a joke can hurt people \
             badly, and some of it is against the law. Please ask your child not to film, \
             photograph or post about staff, and not to follow or message staff on their \
             personal accounts."
                .to_string(),
        ),
    ];
    let accounts_words = match accounts {
        [] => format!(
            "News from {name} comes from the school itself, through the school's usual routes. "
        ),
        _ => format!(
            "Our only official accounts are {}. ",
            official_list(accounts)
        ),
    };
    out.push((
        Some("Our own accounts."),
        format!(
            "{accounts_words}Any other account using the school's name, logo or a member of \
             staff's name is not ours: if you see one, please tell us rather than share it."
        ),
    ));
    let policy = match &school.policy_url {
        Some(url) => format!(
            "Our social media policy sets out what we expect and what we do: {}. ",
            super::site_shown(url)
        ),
        None => String::new(),
    };
    let lead = match &school.dsl_name {
        Some(_) => format!("our designated safeguarding lead, {}", dsl(school)),
        None => "our designated safeguarding lead through the school office".to_string(),
    };
    out.push((
        Some("If something goes wrong."),
        format!(
            "{policy}If you are worried about your child's safety online, or about something \
             posted about a member of staff, please contact {lead}."
        ),
    ));
    out.push((None, "Thank you for your support.".to_string()));
    out
}

/// The letter to parents: one A4 page, dated `date`.
pub fn letter_html(school: &School, catalog: &Catalog, date: Date) -> String {
    let accounts = official_accounts(school, catalog);
    page::render(Page {
        title: &format!("{LETTER_TITLE}: a letter from {}", school.name),
        header: html! {
            p.meta { strong { (t(&school.name)) } @if let Some(town) = &school.town { br; (t(town)) } }
            p.meta { (long_date(date)) }
        },
        nav: None,
        main: html! {
            div.letter {
                h1 { (LETTER_TITLE) }
                p { "Dear parents and carers," }
                @for (lead, text) in letter_paragraphs(school, &accounts) {
                    p { @if let Some(lead) = lead { strong { (lead) } " " } (t(&text)) }
                }
                p { "Yours faithfully," }
                p { (t(&school.name)) }
            }
        },
        footer: html! { p.note { "Made with findable, which helps school staff keep their personal lives private." } },
    })
}

pub fn letter_markdown(school: &School, catalog: &Catalog, date: Date) -> String {
    let accounts = official_accounts(school, catalog);
    let mut out = format!("**{}**\n", md(&school.name));
    if let Some(town) = &school.town {
        let _ = writeln!(out, "{}", md(town));
    }
    let _ = write!(
        out,
        "\n{}\n\n# {LETTER_TITLE}\n\nDear parents and carers,\n",
        long_date(date)
    );
    for (lead, text) in letter_paragraphs(school, &accounts) {
        match lead {
            Some(lead) => {
                let _ = write!(out, "\n**{lead}** {}\n", md(&text));
            }
            None => {
                let _ = write!(out, "\n{}\n", md(&text));
            }
        }
    }
    let _ = write!(out, "\nYours faithfully,\n\n{}\n", md(&school.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures::readable;
    use crate::render::onboard::fixtures;

    fn what_to_do() -> WhatToDo {
        WhatToDo::new(&fixtures::catalog())
    }

    #[test]
    fn cheat_sheet_snapshots() {
        let (school, catalog) = (fixtures::school(), fixtures::catalog());
        let page = cheat_sheet_html(&school, &catalog, &what_to_do());
        assert_eq!(page::problems(&page), Vec::<String>::new());
        insta::assert_snapshot!("onboard_cheat_sheet_html", readable(&page));
        insta::assert_snapshot!(
            "onboard_cheat_sheet_markdown",
            cheat_sheet_markdown(&school, &catalog, &what_to_do())
        );
    }

    #[test]
    fn letter_snapshots() {
        let (school, catalog) = (fixtures::school(), fixtures::catalog());
        let page = letter_html(&school, &catalog, fixtures::today());
        assert_eq!(page::problems(&page), Vec::<String>::new());
        insta::assert_snapshot!("onboard_letter_html", readable(&page));
        insta::assert_snapshot!(
            "onboard_letter_markdown",
            letter_markdown(&school, &catalog, fixtures::today())
        );
    }

    #[test]
    fn a_school_file_with_only_a_name_still_makes_sense() {
        let school = School::from_toml("s.toml", "name = \"Elm Park Primary\"\n").expect("school");
        let catalog = fixtures::catalog();
        let letter = letter_markdown(&school, &catalog, fixtures::today());
        assert!(letter.contains("use the school office."), "{letter}");
        assert!(letter.contains("comes from the school itself"), "{letter}");
        assert!(
            letter.contains("lead through the school office."),
            "{letter}"
        );
        let sheet = cheat_sheet_html(&school, &catalog, &what_to_do());
        assert_eq!(page::problems(&sheet), Vec::<String>::new());
    }
}
