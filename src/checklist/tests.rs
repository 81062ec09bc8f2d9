use super::*;
use crate::Catalog;
use crate::catalog::SafeAnswer;

/// Plays back a fixed script and notes everything it was asked.
#[derive(Default)]
struct Script {
    platforms: Option<Vec<usize>>,
    /// Choices for settings, in turn; when empty, the safe answer.
    choices: Vec<Choice>,
    /// Answers to yes/no questions, in turn; when empty, no.
    offers: Vec<YesNo>,
    asked: Vec<String>,
    positions: Vec<Position>,
    previous: Vec<Option<Answer>>,
}

impl Prompter for Script {
    fn choose_platforms(
        &mut self,
        _: &[&Check],
        _: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>> {
        Ok(self.platforms.clone())
    }

    fn ask(
        &mut self,
        step: &Step,
        position: Position,
        previous: Option<Answer>,
    ) -> std::io::Result<Choice> {
        self.asked
            .push(format!("{}/{}", step.check.id, step.setting.id));
        self.positions.push(position);
        self.previous.push(previous);
        Ok(if self.choices.is_empty() {
            Choice::Answer(match step.setting.safe_answer {
                SafeAnswer::Yes => Answer::Yes,
                SafeAnswer::No => Answer::No,
            })
        } else {
            self.choices.remove(0)
        })
    }

    fn offer(&mut self, offer: &Offer, _: Option<bool>) -> std::io::Result<YesNo> {
        self.asked.push(match offer {
            Offer::Gate(g) => format!("gate:{}", g.id),
            Offer::More { check, .. } => format!("more:{}", check.id),
            Offer::Skipped { check, .. } => format!("skipped:{}", check.id),
        });
        Ok(if self.offers.is_empty() {
            YesNo::No
        } else {
            self.offers.remove(0)
        })
    }

    fn review(&mut self, item: &ReviewItem, _: usize, _: usize) -> std::io::Result<Option<Review>> {
        self.asked.push(item.url.clone());
        Ok(if self.asked.len() > 2 {
            None
        } else {
            Some(Review::Mine)
        })
    }
}

fn catalog() -> Catalog {
    Catalog::builtin().expect("built-in checks")
}

fn index_of(catalog: &Catalog, id: &str) -> usize {
    platforms(catalog)
        .iter()
        .position(|c| c.id == id)
        .expect("platform")
}

fn run(catalog: &Catalog, answers: &mut Answers, script: &mut Script) -> Outcome {
    walk(catalog, answers, &[], script, &mut |_| Ok(())).expect("walk")
}

fn settings_asked(script: &Script) -> Vec<&str> {
    script
        .asked
        .iter()
        .filter(|a| !a.contains(':'))
        .map(String::as_str)
        .collect()
}

#[test]
fn four_busy_platforms_take_at_most_thirty_questions() {
    let catalog = catalog();
    let four = ["tiktok", "instagram", "snapchat", "whatsapp"];
    let mut script = Script {
        platforms: Some(four.iter().map(|id| index_of(&catalog, id)).collect()),
        ..Script::default()
    };
    let mut answers = Answers::default();
    assert_eq!(run(&catalog, &mut answers, &mut script), Outcome::Finished);
    // Every question a person answers: settings and "does this apply to you?".
    let questions = script
        .asked
        .iter()
        .filter(|a| !a.starts_with("more:") && !a.starts_with("skipped:"))
        .count();
    assert!(questions <= 30, "{questions}: {:#?}", script.asked);
    assert!(
        questions >= 20,
        "the essentials of four platforms were asked"
    );
    let last = script.positions.last().expect("asked");
    assert_eq!(last.number, last.total, "the count shown was right");
    let first = script.positions[0];
    assert_eq!(first.minutes_left(), first.total.div_ceil(3));
}

#[test]
fn one_platform_at_a_time_riskiest_first_then_the_general_checks() {
    let catalog = catalog();
    let mut script = Script {
        platforms: Some(vec![
            index_of(&catalog, "linkedin"),
            index_of(&catalog, "tiktok"),
        ]),
        ..Script::default()
    };
    let mut answers = Answers::default();
    run(&catalog, &mut answers, &mut script);
    let order: Vec<&str> = script
        .asked
        .iter()
        .map(|a| a.split(['/', ':']).next().unwrap_or_default())
        .collect();
    let mut runs: Vec<&str> = order.clone();
    runs.dedup();
    assert_eq!(
        &runs[..2],
        &["tiktok", "more"],
        "TikTok (very high) first: {runs:?}"
    );
    assert_eq!(runs[2], "linkedin");
    // Each check's questions come together: no check appears in two runs.
    let checks: Vec<&&str> = runs
        .iter()
        .filter(|r| !["more", "gate"].contains(r))
        .collect();
    let mut unique = checks.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(checks.len(), unique.len(), "{runs:?}");
    // Only essentials unless asked for more.
    let tiktok = catalog.get("tiktok").expect("tiktok");
    let asked_tiktok = settings_asked(&script)
        .iter()
        .filter(|a| a.starts_with("tiktok/"))
        .count();
    assert_eq!(asked_tiktok, tiktok.essentials().count());
}

#[test]
fn a_gate_is_asked_once_and_no_leaves_its_checks_out() {
    let catalog = catalog();
    let mut no = Script {
        platforms: Some(vec![]),
        ..Script::default()
    };
    let mut answers = Answers::default();
    run(&catalog, &mut answers, &mut no);
    let director = no
        .asked
        .iter()
        .filter(|a| *a == "gate:director-trustee-governor")
        .count();
    assert_eq!(director, 1, "two checks, one question");
    assert!(!no.asked.iter().any(|a| a.starts_with("companies-house/")));
    assert_eq!(answers.gates.get("director-trustee-governor"), Some(&false));

    let mut yes = Script {
        platforms: Some(vec![]),
        offers: vec![YesNo::Yes; 10],
        ..Script::default()
    };
    let mut answers = Answers::default();
    run(&catalog, &mut answers, &mut yes);
    assert!(yes.asked.iter().any(|a| a.starts_with("companies-house/")));
    assert!(
        yes.asked
            .iter()
            .any(|a| a.starts_with("governor-interests/"))
    );
}

#[test]
fn more_settings_are_offered_after_a_platforms_essentials() {
    let catalog = catalog();
    let tiktok = catalog.get("tiktok").expect("tiktok");
    let mut script = Script {
        platforms: Some(vec![index_of(&catalog, "tiktok")]),
        offers: vec![YesNo::Yes],
        ..Script::default()
    };
    let mut answers = Answers::default();
    run(&catalog, &mut answers, &mut script);
    let more_at = script
        .asked
        .iter()
        .position(|a| a == "more:tiktok")
        .expect("offered");
    assert_eq!(
        more_at,
        tiktok.essentials().count(),
        "right after the essentials"
    );
    let asked_tiktok = settings_asked(&script)
        .iter()
        .filter(|a| a.starts_with("tiktok/"))
        .count();
    assert_eq!(
        asked_tiktok,
        tiktok.settings.len(),
        "then every other setting"
    );
    assert_eq!(answers.more, vec!["tiktok".to_string()]);
}

#[test]
fn back_returns_to_the_previous_question_with_its_answer() {
    let catalog = catalog();
    let mut answers = Answers {
        uses: Some(vec!["tiktok".into()]),
        ..Answers::default()
    };
    let mut script = Script {
        choices: vec![
            Choice::Answer(Answer::NotSure),
            Choice::Answer(Answer::No),
            Choice::Back,
            Choice::Answer(Answer::Yes),
            Choice::Quit,
        ],
        ..Script::default()
    };
    assert_eq!(run(&catalog, &mut answers, &mut script), Outcome::Quit);
    assert_eq!(
        script.asked[1], script.asked[3],
        "the second question again"
    );
    assert_eq!(
        script.previous[3],
        Some(Answer::No),
        "with its answer selected"
    );
    assert_eq!(script.asked[4], script.asked[2], "then on to the next one");
    let first = &steps(&catalog, &answers)[1];
    assert_eq!(
        answers.get(&first.check.id, &first.setting.id),
        Some(Answer::Yes)
    );
}

#[test]
fn a_skipped_platform_comes_back_at_the_end_and_stays_listed_if_skipped_again() {
    let catalog = catalog();
    let mut answers = Answers {
        uses: Some(vec!["tiktok".into(), "facebook".into()]),
        ..Answers::default()
    };
    // Skip the first platform at its first question; answer no to every offer.
    let mut script = Script {
        choices: vec![Choice::SkipPlatform],
        ..Script::default()
    };
    assert_eq!(run(&catalog, &mut answers, &mut script), Outcome::Finished);
    let skipped_id = answers.skipped.first().cloned().expect("one skipped");
    assert_eq!(
        script.asked.last().map(String::as_str),
        Some(format!("skipped:{skipped_id}").as_str()),
        "offered again at the end"
    );
    assert!(
        steps(&catalog, &answers)
            .iter()
            .all(|s| s.check.id != skipped_id)
    );
    assert_eq!(
        skipped(&catalog, &answers).len(),
        1,
        "listed, never dropped"
    );
    // Going through it now asks its questions.
    let mut again = Script {
        offers: vec![YesNo::No, YesNo::Yes],
        ..Script::default()
    };
    run(&catalog, &mut answers, &mut again);
    assert!(answers.skipped.is_empty(), "{:?}", again.asked);
    assert!(
        again
            .asked
            .iter()
            .any(|a| a.starts_with(&format!("{skipped_id}/")))
    );
}

#[test]
fn resume_asks_nothing_twice() {
    let catalog = catalog();
    let mut answers = Answers {
        uses: Some(vec!["youtube".into()]),
        ..Answers::default()
    };
    let mut first = Script {
        choices: vec![Choice::Answer(Answer::Yes), Choice::Quit],
        ..Script::default()
    };
    run(&catalog, &mut answers, &mut first);
    let mut second = Script {
        choices: vec![Choice::Quit],
        ..Script::default()
    };
    run(&catalog, &mut answers, &mut second);
    assert_ne!(first.asked[0], second.asked[0]);
}

#[test]
fn review_records_each_verdict_and_skips_reviewed_ones() {
    let item = |u: &str| ReviewItem {
        url: u.into(),
        title: String::new(),
        why: "names Jane Smith".into(),
        evidence: Vec::new(),
    };
    let items = vec![
        item("https://a.test/"),
        item("https://b.test/"),
        item("https://c.test/"),
    ];
    let mut answers = Answers::default();
    answers
        .reviews
        .insert("https://a.test/".into(), Review::NotMine);
    let mut script = Script::default();
    let outcome = review(&items, &mut answers, &mut script, &mut |_| Ok(())).expect("review");
    assert_eq!(outcome, Outcome::Finished);
    assert_eq!(script.asked, vec!["https://b.test/", "https://c.test/"]);
    assert_eq!(
        answers.reviews.get("https://a.test/"),
        Some(&Review::NotMine)
    );
    assert_eq!(answers.reviews.get("https://c.test/"), Some(&Review::Mine));
}

#[test]
fn not_sure_counts_as_open_never_as_safe() {
    assert!(Answer::NotSure.is_open(SafeAnswer::Yes));
    assert!(Answer::No.is_open(SafeAnswer::Yes));
    assert!(!Answer::Yes.is_open(SafeAnswer::Yes));
    assert!(!Answer::No.is_open(SafeAnswer::No));
    assert!(!Answer::NotUsed.is_open(SafeAnswer::Yes));
}

#[test]
fn the_platform_list_is_in_name_order_and_each_platform_once() {
    let catalog = catalog();
    let names: Vec<String> = platforms(&catalog)
        .iter()
        .map(|c| c.name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(
        !names
            .iter()
            .any(|n| n.contains("fitness") || n.contains("whatsapp groups")),
        "{names:?}"
    );
}
