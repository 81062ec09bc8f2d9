//! Moved: the printable checklist is rendered by [`crate::render::checklist`]. This path
//! stays only until `checklist/mod.rs` (owned elsewhere for now) stops declaring it.

pub use crate::render::checklist::{html, markdown};
