//! Berth: tells a team where to run a container, and hands them the manifests to deploy it.
//!
//! # Implementation note
//! - [`core`] is pure Rust with no web dependencies: the questionnaire, the embedded
//!   catalog, the evaluation and the manifest generators. It is tested natively.
//! - [`ui`] is the Yew front end. It renders what `core` decides and sends events;
//!   it never decides a verdict itself. It only exists on `wasm32`.
//! - Evaluation is deterministic: the same answers always give the same report.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
