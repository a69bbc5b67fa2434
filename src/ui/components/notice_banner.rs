//! A message about answers Berth loaded for the user: what it kept, what it dropped and
//! why, and a way back to the answers from before.

use yew::prelude::*;

use crate::ui::state::{Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct NoticeBannerProps {
    pub notice: Notice,
    pub on_restore: Callback<()>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn NoticeBanner(props: &NoticeBannerProps) -> Html {
    let n = &props.notice;
    let class = match n.kind {
        NoticeKind::Info => "notice info",
        NoticeKind::Warning => "notice warning",
        NoticeKind::Error => "notice error",
    };
    html! {
        <div class={class} role={if n.kind == NoticeKind::Info { "status" } else { "alert" }}>
            <p class="notice-title">{ n.title.clone() }</p>
            if !n.kept.is_empty() {
                <p>{ "Kept: " }{ n.kept.join(", ") }</p>
            }
            if !n.dropped.is_empty() {
                <p>{ "Dropped:" }</p>
                <ul>{ for n.dropped.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ul>
            }
            <div class="actions">
                if n.can_restore {
                    <button type="button" onclick={props.on_restore.reform(|_| ())}>{ "Restore my previous answers" }</button>
                }
                <button type="button" onclick={props.on_dismiss.reform(|_| ())}>{ "Dismiss" }</button>
            </div>
        </div>
    }
}
