//! Keeping and sharing the result: a share link holding the answers, the report as
//! Markdown (download or copy), and printing. The share link starts with the advisor's
//! share address: the page's own on the full app, the `share-url` given to an embedded
//! one, which offers no link without it.

use yew::prelude::*;

use crate::core::answers::Answers;
use crate::core::report::Report;
use crate::core::{report_markdown, share_link};
use crate::ui::app::use_shell;
use crate::ui::browser;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub answers: Shared<Answers>,
    pub report: Shared<Report>,
    pub chosen: Option<&'static str>,
}

#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let status = use_state(String::new);
    let shell = use_shell();
    let base = if shell.embedded {
        shell.share_url
    } else {
        Some(browser::page_url().into())
    };
    let link = use_memo((props.answers.clone(), base), |(answers, base)| {
        base.as_ref().map(|base| {
            // Whatever fragment the address had gives way to the share link's own.
            let mut url = base.split('#').next().unwrap_or_default().to_string();
            url.push_str(&share_link::fragment("results", answers));
            url
        })
    });
    let said = |status: &UseStateHandle<String>, ok: bool, what: &str| {
        let status = status.clone();
        let mut message = String::from(what);
        message.push_str(if ok {
            " copied."
        } else {
            " could not be copied: select it and copy it yourself."
        });
        status.set(message);
    };
    let copy_link = {
        let (status, link) = (status.clone(), link.clone());
        Callback::from(move |_| {
            let status = status.clone();
            if let Some(link) = &*link {
                browser::copy_text(link, move |ok| said(&status, ok, "Link"));
            }
        })
    };
    let markdown = {
        let (answers, report, chosen, link) = (
            props.answers.clone(),
            props.report.clone(),
            props.chosen,
            link.clone(),
        );
        move || report_markdown::render(&answers, &report, chosen, link.as_deref())
    };
    let download = {
        let (markdown, status) = (markdown.clone(), status.clone());
        Callback::from(move |_| {
            browser::download(
                "berth-report.md",
                "text/markdown;charset=utf-8",
                markdown().as_bytes(),
            );
            status.set("Report downloaded as berth-report.md.".into());
        })
    };
    let copy_markdown = {
        let status = status.clone();
        Callback::from(move |_| {
            let status = status.clone();
            browser::copy_text(&markdown(), move |ok| said(&status, ok, "Report"));
        })
    };
    html! {
        <section class="share card" aria-labelledby="share-title">
            <h3 id="share-title">{ "Keep and share" }</h3>
            if let Some(link) = &*link {
                <div class="share-link">
                    <label for="share-url">{ "Share link (holds your answers, nothing is uploaded)" }</label>
                    <div class="row">
                        <input id="share-url" type="text" readonly=true value={link.clone()}
                               onfocus={Callback::from(|e: FocusEvent| {
                                   let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                   input.select();
                               })} />
                        <button type="button" onclick={copy_link}>{ "Copy link" }</button>
                    </div>
                </div>
            }
            <div class="row actions">
                <button type="button" onclick={download}>{ "Download report (Markdown)" }</button>
                <button type="button" onclick={copy_markdown}>{ "Copy report" }</button>
                <button type="button" onclick={Callback::from(|_| browser::print())}>{ "Print" }</button>
            </div>
            <p class="status" role="status">{ (*status).clone() }</p>
        </section>
    }
}
