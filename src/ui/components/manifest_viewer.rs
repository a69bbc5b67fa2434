//! The generated files, one tab each, with copy and download per file, the whole bundle
//! as a .zip, the deploy steps and what the files leave out.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::manifest_request::BundleData;
use crate::ui::browser;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct ManifestViewerProps {
    pub bundle: Shared<BundleData>,
    /// Asks the manifests worker for the files as a ZIP archive.
    pub zip: Callback<Callback<Result<Vec<u8>, String>>>,
}

fn tab_id(i: usize) -> String {
    ["manifest-tab-", &i.to_string()].concat()
}

#[component]
pub fn ManifestViewer(props: &ManifestViewerProps) -> Html {
    let selected = use_state(|| 0usize);
    let status = use_state(String::new);
    let bundle = &*props.bundle;
    let count = bundle.files.len();
    let at = (*selected).min(count.saturating_sub(1));
    let Some(file) = bundle.files.get(at) else {
        return html! { <p>{ "No files for this platform." }</p> };
    };

    // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes to the panel.
    let onkeydown = {
        let selected = selected.clone();
        Callback::from(move |e: KeyboardEvent| {
            let tablist = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let next = match e.key().as_str() {
                "ArrowRight" => (at + 1) % count,
                "ArrowLeft" => (at + count - 1) % count,
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            e.prevent_default();
            selected.set(next);
            if let Some(tablist) = tablist {
                browser::focus_in(&tablist, &["#", &tab_id(next)].concat());
            }
        })
    };
    let copy = {
        let (status, text, path) = (status.clone(), file.contents.clone(), file.path.clone());
        Callback::from(move |_| {
            let (status, path) = (status.clone(), path.clone());
            browser::copy_text(&text, move |ok| {
                status.set(if ok {
                    [path.as_str(), " copied."].concat()
                } else {
                    "Copy failed: select the text and copy it.".into()
                })
            });
        })
    };
    let download = {
        let file = file.clone();
        Callback::from(move |_| {
            let name = file.path.rsplit('/').next().unwrap_or(&file.path);
            browser::download(name, &file.media_type, file.contents.as_bytes());
        })
    };
    let zip = {
        let (ask, status) = (props.zip.clone(), status.clone());
        let name = [bundle.platform_id.as_str(), "-manifests.zip"].concat();
        Callback::from(move |_| {
            let (status, name) = (status.clone(), name.clone());
            status.set("Making the .zip\u{2026}".into());
            ask.emit(Callback::from(
                move |made: Result<Vec<u8>, String>| match made {
                    Ok(bytes) => {
                        browser::download(&name, "application/zip", &bytes);
                        status.set(String::new());
                    }
                    Err(why) => status.set(["The .zip could not be made: ", &why].concat()),
                },
            ));
        })
    };
    html! {
        <section class="manifests card" aria-labelledby="files-title">
            <h3 id="files-title">{ "Files" }</h3>
            <div class="tabs" role="tablist" aria-label="Generated files" {onkeydown}>
                { for bundle.files.iter().enumerate().map(|(i, f)| {
                    let selected = selected.clone();
                    html! {
                        <button key={f.path.clone()} type="button" role="tab" id={tab_id(i)}
                                aria-selected={if i == at { "true" } else { "false" }}
                                aria-controls="manifest-panel" tabindex={if i == at { "0" } else { "-1" }}
                                onclick={Callback::from(move |_| selected.set(i))}>{ f.path.clone() }</button>
                    }
                }) }
            </div>
            <div id="manifest-panel" role="tabpanel" aria-labelledby={tab_id(at)}>
                <p class="help">{ file.about.clone() }</p>
                <div class="row actions">
                    <button type="button" onclick={copy}>{ "Copy " }{ file.path.clone() }</button>
                    <button type="button" onclick={download}>{ "Download " }{ file.path.clone() }</button>
                    <button type="button" onclick={zip}>{ "Download all (.zip)" }</button>
                </div>
                <p class="status" role="status">{ (*status).clone() }</p>
                <pre tabindex="0" aria-label={["Contents of ", file.path.as_str()].concat()}><code>{ file.contents.clone() }</code></pre>
            </div>
            <h3>{ "Deploy steps" }</h3>
            <ol class="steps-list">{ for bundle.steps.iter().map(|s| html! { <li><code>{ s.clone() }</code></li> }) }</ol>
            if !bundle.migration_notes.is_empty() {
                <h3>{ "Migration notes" }</h3>
                <ul class="migration-notes">
                    { for bundle.migration_notes.iter().map(|n| html! { <li>{ inline_code(n) }</li> }) }
                </ul>
            }
            if !bundle.not_translated.is_empty() {
                <h3>{ "Not in these files" }</h3>
                <ul>
                    { for bundle.not_translated.iter().map(|n| html! {
                        <li><strong>{ n.item.clone() }</strong>{ ": " }{ n.why.clone() }</li>
                    }) }
                </ul>
            }
        </section>
    }
}

/// A Markdown line with `code` spans, as text and `<code>` elements.
fn inline_code(line: &str) -> Html {
    html! {
        { for line.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <code>{ part.to_string() }</code> }
        } else {
            html! { { part.to_string() } }
        }) }
    }
}
