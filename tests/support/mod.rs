//! Helpers shared by the integration tests (`mod support;`).

pub mod fake_platforms;
pub mod replay;
