//! Presentational components: they render their props and report events through
//! `Callback`s; none of them holds app state or calls the core's evaluation.

pub mod badge;
pub mod citation;
pub mod cost_chart;
pub mod cost_view;
pub mod deploy_form;
pub mod guidance;
pub mod header;
pub mod live_panel;
pub mod manifest_viewer;
pub mod notice_banner;
pub mod platform_card;
pub mod question_field;
pub mod section_steps;
pub mod share_panel;
pub mod start_from_file;
pub mod theme_switch;
pub mod top_pick;
