//! findable's integration tests, as one test binary (one link step, one support module).
//! Every server a test talks to runs on 127.0.0.1 and replays fixtures: no test touches
//! the internet.

mod support;

mod assess;
mod audit_cli;
mod audit_session;
mod catalog;
mod checklist_cli;
mod cli;
mod engine;
mod engine_limits;
mod fake_platforms_smoke;
mod history_cli;
mod history_crash;
mod hostile;
mod hostile_input;
mod incident_cli;
mod never_panics;
mod onboard_cli;
mod output_cli;
mod probe_cli;
mod readme;
mod school_cli;
mod search_cli;
mod serve;
mod site_lists;
mod sites_check;
mod variants;
