//! The checklist walkthrough: the settings a logged-out tool cannot see, asked one by one,
//! highest priority first, each with where to find it and why it matters. The only module
//! that talks to a person; the questions come from the check files, the answers are data.

mod answers;
pub mod summary;

pub use answers::{Answer, Answers, AnswersError, AnswersFormat, Review};

use crate::catalog::{Catalog, Category, Check, Setting};

/// One question: a setting of a check.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub check: &'a Check,
    pub setting: &'a Setting,
}

/// Checks that apply to everyone (searching yourself, the electoral register...), as
/// opposed to platforms a person may or may not use.
pub fn is_general(check: &Check) -> bool {
    matches!(
        check.category,
        Category::Search | Category::Records | Category::School | Category::Habits
    )
}

/// The platforms a person is asked whether they use.
pub fn platforms(catalog: &Catalog) -> Vec<&Check> {
    catalog.checks.iter().filter(|c| !is_general(c)).collect()
}

/// Every question for the platforms in use plus the general checks: highest priority
/// first, then the platforms pupils use most, then file order.
pub fn steps<'a>(catalog: &'a Catalog, answers: &Answers) -> Vec<Step<'a>> {
    let uses = answers.uses.as_deref().unwrap_or_default();
    let mut steps: Vec<Step> = catalog
        .checks
        .iter()
        .filter(|c| is_general(c) || uses.contains(&c.id))
        .filter(|c| !answers.skipped.contains(&c.id))
        .flat_map(|check| {
            check
                .settings
                .iter()
                .map(move |setting| Step { check, setting })
        })
        .collect();
    steps.sort_by(|a, b| {
        b.setting
            .priority
            .cmp(&a.setting.priority)
            .then(b.check.pupil_use.cmp(&a.check.pupil_use))
    });
    steps
}

/// What the person chose at one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Answer(Answer),
    Back,
    SkipPlatform,
    Quit,
}

/// How the walkthrough ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Finished,
    Quit,
}

/// Something that can ask questions: a terminal, or a script in tests.
pub trait Prompter {
    /// Which platforms the person uses; `defaults` are pre-ticked. `None` means quit.
    fn choose_platforms(
        &mut self,
        platforms: &[&Check],
        defaults: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>>;
    /// One question, shown as question `number` of `total`.
    fn ask(
        &mut self,
        step: &Step,
        number: usize,
        total: usize,
        previous: Option<Answer>,
    ) -> std::io::Result<Choice>;
    /// "Is this you?" for one hit. `None` means stop reviewing.
    fn review(
        &mut self,
        item: &ReviewItem,
        number: usize,
        total: usize,
    ) -> std::io::Result<Option<Review>>;
}

/// A search result or profile the person should look at and claim or dismiss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub url: String,
    pub title: String,
    /// Why findable thinks it may be them.
    pub why: String,
}

/// Asks "Is this you?" for each item not reviewed yet; answers go into `answers.reviews`.
pub fn review(
    items: &[ReviewItem],
    answers: &mut Answers,
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Answers) -> std::io::Result<()>,
) -> std::io::Result<Outcome> {
    let pending: Vec<&ReviewItem> = items
        .iter()
        .filter(|i| !answers.reviews.contains_key(&i.url))
        .collect();
    for (n, item) in pending.iter().enumerate() {
        match prompter.review(item, n + 1, pending.len())? {
            Some(verdict) => {
                answers.reviews.insert(item.url.clone(), verdict);
                save(answers)?;
            }
            None => return Ok(Outcome::Quit),
        }
    }
    Ok(Outcome::Finished)
}

/// Runs the walkthrough, calling `save` after every change so nothing is lost whenever
/// the person stops. Questions already answered are not asked again (resume).
pub fn walk(
    catalog: &Catalog,
    answers: &mut Answers,
    preselected: &[String],
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Answers) -> std::io::Result<()>,
) -> std::io::Result<Outcome> {
    if answers.uses.is_none() {
        let list = platforms(catalog);
        let defaults: Vec<bool> = list.iter().map(|c| preselected.contains(&c.id)).collect();
        let Some(chosen) = prompter.choose_platforms(&list, &defaults)? else {
            return Ok(Outcome::Quit);
        };
        answers.uses = Some(
            chosen
                .iter()
                .filter_map(|&i| list.get(i))
                .map(|c| c.id.clone())
                .collect(),
        );
        save(answers)?;
    }
    // Back can return to any question asked in this session, answered or not.
    let mut history: Vec<(String, String)> = Vec::new();
    loop {
        let all = steps(catalog, answers);
        let total = all.len();
        let next = all
            .iter()
            .enumerate()
            .find(|(_, s)| answers.get(&s.check.id, &s.setting.id).is_none());
        let Some((index, step)) = next else {
            return Ok(Outcome::Finished);
        };
        let step = *step;
        match prompter.ask(&step, index + 1, total, None)? {
            Choice::Answer(answer) => {
                answers.set(&step.check.id, &step.setting.id, answer);
                history.push((step.check.id.clone(), step.setting.id.clone()));
                save(answers)?;
            }
            Choice::Back => {
                if let Some((check, setting)) = history.pop() {
                    answers.unset(&check, &setting);
                    save(answers)?;
                }
            }
            Choice::SkipPlatform => {
                if !answers.skipped.contains(&step.check.id) {
                    answers.skipped.push(step.check.id.clone());
                }
                save(answers)?;
            }
            Choice::Quit => return Ok(Outcome::Quit),
        }
    }
}

/// Settings left open (the unsafe answer or "not sure"), in question order.
pub fn open_settings<'a>(catalog: &'a Catalog, answers: &Answers) -> Vec<(Step<'a>, Answer)> {
    steps(catalog, answers)
        .into_iter()
        .filter_map(|s| {
            let a = answers.get(&s.check.id, &s.setting.id)?;
            a.is_open(s.setting.safe_answer).then_some((s, a))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays back a fixed list of choices.
    struct Script {
        platforms: Option<Vec<usize>>,
        choices: Vec<Choice>,
        asked: Vec<String>,
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
            n: usize,
            total: usize,
            _: Option<Answer>,
        ) -> std::io::Result<Choice> {
            self.asked
                .push(format!("{}/{} {n}/{total}", step.check.id, step.setting.id));
            Ok(if self.choices.is_empty() {
                Choice::Quit
            } else {
                self.choices.remove(0)
            })
        }
        fn review(
            &mut self,
            item: &ReviewItem,
            _: usize,
            _: usize,
        ) -> std::io::Result<Option<Review>> {
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

    #[test]
    fn asks_high_priority_first_and_only_for_platforms_in_use() {
        let catalog = catalog();
        let mut answers = Answers::default();
        let mut script = Script {
            platforms: Some(vec![index_of(&catalog, "tiktok")]),
            choices: vec![Choice::Answer(Answer::Yes); 100],
            asked: Vec::new(),
        };
        let outcome =
            walk(&catalog, &mut answers, &[], &mut script, &mut |_| Ok(())).expect("walk");
        assert_eq!(outcome, Outcome::Finished);
        assert!(
            script
                .asked
                .iter()
                .all(|a| a.starts_with("tiktok/") || !a.contains("instagram"))
        );
        let priorities: Vec<_> = steps(&catalog, &answers)
            .iter()
            .map(|s| s.setting.priority)
            .collect();
        assert!(priorities.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(answers.uses.as_deref(), Some(&["tiktok".to_string()][..]));
    }

    #[test]
    fn back_undoes_the_last_answer_and_asks_it_again() {
        let catalog = catalog();
        let mut answers = Answers {
            uses: Some(vec!["tiktok".into()]),
            ..Answers::default()
        };
        let mut script = Script {
            platforms: None,
            choices: vec![
                Choice::Answer(Answer::No),
                Choice::Back,
                Choice::Answer(Answer::Yes),
                Choice::Quit,
            ],
            asked: Vec::new(),
        };
        let outcome =
            walk(&catalog, &mut answers, &[], &mut script, &mut |_| Ok(())).expect("walk");
        assert_eq!(outcome, Outcome::Quit);
        assert_eq!(
            script.asked[0], script.asked[2],
            "the first question again after Back"
        );
        let first = &steps(&catalog, &answers)[0];
        assert_eq!(
            answers.get(&first.check.id, &first.setting.id),
            Some(Answer::Yes)
        );
    }

    #[test]
    fn skip_drops_a_platform_and_quit_keeps_answers_for_resume() {
        let catalog = catalog();
        let mut answers = Answers {
            uses: Some(vec!["tiktok".into(), "youtube".into()]),
            ..Answers::default()
        };
        let mut saves = 0;
        let mut script = Script {
            platforms: None,
            choices: vec![Choice::Answer(Answer::Yes), Choice::Quit],
            asked: Vec::new(),
        };
        walk(&catalog, &mut answers, &[], &mut script, &mut |_| {
            saves += 1;
            Ok(())
        })
        .expect("walk");
        assert_eq!(saves, 1);
        // Resume: the answered question is not asked again.
        let mut again = Script {
            platforms: None,
            choices: vec![Choice::SkipPlatform, Choice::Quit],
            asked: Vec::new(),
        };
        walk(&catalog, &mut answers, &[], &mut again, &mut |_| Ok(())).expect("walk");
        assert_ne!(script.asked[0], again.asked[0]);
        let skipped = answers.skipped.clone();
        assert_eq!(skipped.len(), 1);
        assert!(
            steps(&catalog, &answers)
                .iter()
                .all(|s| s.check.id != skipped[0])
        );
    }

    #[test]
    fn review_records_each_verdict_and_skips_reviewed_ones() {
        let item = |u: &str| ReviewItem {
            url: u.into(),
            title: String::new(),
            why: "names Jane Smith".into(),
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
        let mut script = Script {
            platforms: None,
            choices: Vec::new(),
            asked: Vec::new(),
        };
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
        use crate::catalog::SafeAnswer;
        assert!(Answer::NotSure.is_open(SafeAnswer::Yes));
        assert!(Answer::No.is_open(SafeAnswer::Yes));
        assert!(!Answer::Yes.is_open(SafeAnswer::Yes));
        assert!(!Answer::No.is_open(SafeAnswer::No));
        assert!(!Answer::NotUsed.is_open(SafeAnswer::Yes));
    }
}
