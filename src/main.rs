//! The `findable` binary: parse the command line, run one command, turn the outcome into
//! an exit code. All real work is in the library; `commands` wire it to the terminal and
//! `web` to a page in the browser.

mod cli;
mod commands;
mod web;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let Some(command) = cli.command else {
        return ExitCode::from(commands::start_here() as u8);
    };
    let exit = match commands::run(command) {
        Ok(exit) => exit,
        Err(error) => {
            let exit = commands::classify(&error);
            // Errors quote what they were given (names, site names, file contents): one
            // clean line, whatever those held.
            let line = format!("{error:#}");
            eprintln!("error: {}", findable::render::escape::text(&line));
            exit
        }
    };
    ExitCode::from(exit as u8)
}
