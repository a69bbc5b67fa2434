//! Berth: tells a team where to run a container, and hands them the manifests to deploy it.
//!
//! # Implementation note
//! - [`core`] is pure Rust with no web dependencies: the questionnaire, the embedded
//!   catalog, the evaluation and the manifest generators. It is tested natively.
//! - [`ui`] is the Yew front end. It renders what `core` decides and sends events;
//!   it never decides a verdict itself. It exists on `wasm32` with the default `ui`
//!   feature (the manifests worker, `src/bin/berth_manifests.rs`, is built without it),
//!   and natively with the `ssr` feature, which pre-renders its first screen.
//! - Evaluation is deterministic: the same answers always give the same report.

pub mod core;

#[cfg(all(feature = "ui", any(target_arch = "wasm32", feature = "ssr")))]
pub mod ui;
