//! findable shows a member of school staff what a pupil could find about them online.
//!
//! The library is the pipeline from `DESIGN.md`: a [`Subject`] becomes [`Variants`] (every
//! name and username a pupil might try), which combine with the [`Catalog`] of per-platform
//! checks. Every document a person reads is made from these stages' plain data by
//! [`render`]. The binary in `main.rs` is a thin shell over these stages.

pub mod assess;
pub mod audit;
pub mod catalog;
pub mod changes;
pub mod checklist;
pub mod contacts;
pub mod due;
pub mod engine;
pub mod evidence;
pub mod incident;
pub mod input_file;
pub mod onboard;
pub mod plan;
pub mod private_file;
pub mod relevance;
pub mod render;
pub mod report;
pub mod school;
pub mod school_scan;
pub mod search_results;
pub mod selftest;
pub mod store;
pub mod subject;
pub mod variants;

pub use catalog::Catalog;
pub use evidence::Evidence;
pub use plan::Plan;
pub use subject::Subject;
pub use variants::Variants;
