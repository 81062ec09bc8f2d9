//! findable shows a member of school staff what a pupil could find about them online.
//!
//! The library is the pipeline from `DESIGN.md`: a [`Subject`] becomes [`Variants`] (every
//! name and username a pupil might try), which combine with the [`Catalog`] of per-platform
//! checks. The binary in `main.rs` is a thin shell over these stages.

pub mod catalog;
pub mod subject;
pub mod variants;

pub use catalog::Catalog;
pub use subject::Subject;
pub use variants::Variants;
