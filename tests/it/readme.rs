//! Keeps README.md true: every ```console block that starts with `$ findable` is run
//! and its output compared with what the README shows. A line `...` in a block skips any
//! number of lines of output there. Each runs in a fresh folder of its own that sees the
//! project's `fixtures` and `checks`, so an example that writes files (`onboard --out
//! packs`) starts from nothing every time and leaves nothing in the project; and with a
//! data folder of its own whose history holds the made-up year of audits in
//! `support::history`, so `findable history`, `diff` and `due` show real output for it.

struct Example {
    line: usize,
    args: Vec<String>,
    expected: Vec<String>,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = readme.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let Some((number, command)) = lines.next() else {
            break;
        };
        let block: Vec<String> = lines
            .by_ref()
            .take_while(|(_, l)| l.trim() != "```")
            .map(|(_, l)| l.to_string())
            .collect();
        // `$ findable` on its own counts too.
        let Some(rest) = command
            .strip_prefix("$ findable")
            .filter(|rest| rest.is_empty() || rest.starts_with(' '))
        else {
            continue;
        };
        let args = shlex::split(rest).expect("README command is valid shell");
        out.push(Example {
            line: number + 1,
            args,
            expected: block,
        });
    }
    out
}

fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.iter().position(|l| l == "...") {
        None => expected
            .iter()
            .map(String::as_str)
            .eq(actual.iter().copied()),
        Some(gap) => {
            let (head, tail) = (&expected[..gap], &expected[gap + 1..]);
            actual.len() >= head.len() + tail.len()
                && head.iter().zip(actual).all(|(e, a)| e == a)
                && tail
                    .iter()
                    .rev()
                    .zip(actual.iter().rev())
                    .all(|(e, a)| e == a)
        }
    }
}

#[cfg(unix)]
fn link(target: &std::path::Path, at: &std::path::Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

#[cfg(windows)]
fn link(target: &std::path::Path, at: &std::path::Path) {
    std::os::windows::fs::symlink_dir(target, at).expect("symlink");
}

#[test]
fn readme_examples_are_real_output() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let examples = examples(&readme);
    assert!(examples.len() >= 4, "README should show usage examples");
    let data = tempfile::tempdir().expect("tempdir");
    crate::support::history::seed(&data.path().join("findable/history.db"));
    let project = std::env::current_dir().expect("the project folder");
    for ex in examples {
        let here = tempfile::tempdir().expect("a folder for the example");
        for shared in ["fixtures", "checks"] {
            link(&project.join(shared), &here.path().join(shared));
        }
        let out = crate::support::findable()
            .env("XDG_DATA_HOME", data.path())
            .current_dir(here.path())
            .args(&ex.args)
            .output()
            .expect("runs");
        // What a person sees: output, then any error line.
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let actual: Vec<&str> = text.lines().collect();
        assert!(
            matches(&ex.expected, &actual),
            "README.md line {}: `findable {}` prints:\n{}\nbut the README shows:\n{}",
            ex.line,
            ex.args.join(" "),
            text,
            ex.expected.join("\n")
        );
    }
}
