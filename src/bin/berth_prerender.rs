//! Writes the pre-rendered first screen into a built `index.html` (a build step of
//! `./x build`; see `berth::ui::prerender`). Usage: `berth-prerender DIST/index.html`.
//!
//! The HTML goes inside the mount point `<div id="berth">`, replacing what an earlier run
//! put there, so running it twice gives the same file.

use std::process::ExitCode;

use berth::ui::prerender::{first_screen, MOUNT_ID};

/// `index.html` with `html` as the only content of its mount point. The mount point's
/// end is found by counting `<div>`s: the server renderer writes every closing tag and
/// escapes text, and the page around it may leave out optional ones (`</body>`).
fn insert(page: &str, html: &str) -> Result<String, String> {
    let start = [["<div id=", MOUNT_ID, ">"], ["<div id=\"", MOUNT_ID, "\">"]]
        .iter()
        .find_map(|open| {
            let open = open.concat();
            page.find(&open).map(|i| i + open.len())
        })
        .ok_or_else(|| format!("no <div id=\"{MOUNT_ID}\"> mount point"))?;
    let mut depth = 1;
    let mut at = start;
    while depth > 0 {
        let rest = &page[at..];
        let close = rest
            .find("</div>")
            .ok_or("the mount point is never closed")?;
        match rest.find("<div") {
            Some(open) if open < close => {
                depth += 1;
                at += open + "<div".len();
            }
            _ => {
                depth -= 1;
                at += close + "</div>".len();
            }
        }
    }
    let end = at - "</div>".len();
    Ok([&page[..start], html, &page[end..]].concat())
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: berth-prerender DIST/index.html");
        return ExitCode::from(2);
    };
    let result = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|page| insert(&page, &first_screen()))
        .and_then(|page| std::fs::write(&path, page).map_err(|e| e.to_string()));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("berth-prerender: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><body><noscript><p>x</p></noscript><div id=berth></div><script src=a.js></script>";

    #[test]
    fn fills_the_mount_point_and_nothing_else() {
        let page = insert(PAGE, "<div class=a><div></div></div>").unwrap();
        assert_eq!(
            page,
            "<!doctype html><html><body><noscript><p>x</p></noscript><div id=berth><div class=a><div></div></div></div><script src=a.js></script>"
        );
    }

    #[test]
    fn a_second_run_replaces_the_first() {
        let once = insert(PAGE, "<div>old</div><div><div></div></div>").unwrap();
        let twice = insert(&once, "<p>new</p>").unwrap();
        assert_eq!(twice, insert(PAGE, "<p>new</p>").unwrap());
    }

    #[test]
    fn finds_a_quoted_mount_point_and_refuses_a_page_without_one() {
        let quoted = PAGE.replace("id=berth", "id=\"berth\"");
        assert!(insert(&quoted, "<p>x</p>")
            .unwrap()
            .contains("<div id=\"berth\"><p>x</p></div>"));
        let err = insert("<body><div id=app></div>", "<p>x</p>").unwrap_err();
        assert!(err.contains("mount point"), "{err}");
        let err = insert("<body><div id=berth><div></div>", "<p>x</p>").unwrap_err();
        assert!(err.contains("never closed"), "{err}");
    }

    /// The first screen: the header, the questionnaire's first step with the default
    /// starting point checked, and a live result ranking platforms; no style attribute
    /// (the CSP's `style-src 'self'` would block it).
    #[test]
    fn the_first_screen_is_the_questionnaires_first_step_with_its_live_result() {
        use berth::core::answers::Answers;

        let html = first_screen();
        assert!(html.contains("<h1>Berth</h1>"), "{html}");
        assert!(html.contains("<fieldset id=\"q-archetype\""), "{html}");
        let answers = serde_json::to_value(Answers::default()).unwrap();
        let default = answers["archetype"].as_str().expect("the archetype's id");
        let checked = format!("id=\"q-archetype-{default}\"");
        let input = html
            .split("<input")
            .find(|i| i.contains(&checked))
            .expect("the default starting point's radio button");
        assert!(input.contains("checked"), "{input}");
        assert!(html.contains("class=\"live card\""), "{html}");
        assert!(html.contains("<ol class=\"live-ranking\"><li"), "{html}");
        // Hydration finds each component by the markers around its HTML.
        assert!(
            html.starts_with("<!--<[berth::ui::app::App]>--><!--<[berth::ui::app::Advisor]>--><div data-theme=\"auto\" class=\"berth\">"),
            "{html}"
        );
        assert!(!html.contains(" style="), "{html}");
    }

    #[test]
    fn the_first_screens_live_result_is_the_defaults_report() {
        use berth::core::answers::Answers;
        use berth::core::evaluate::evaluate;
        use berth::ui::components::live_panel::{escape, summary};

        let html = first_screen();
        let report = evaluate(&Answers::default());
        assert!(html.contains(&escape(&summary(&report))), "{html}");
        for p in report.ranking.iter().take(3) {
            let name = report.platforms.iter().find(|r| r.id == *p).unwrap().name;
            assert!(html.contains(&escape(name)), "{name} in {html}");
        }
    }

    /// The app shows the first screen without a report or the catalog (see
    /// `berth::ui::engine`), so nothing on it may depend on either beyond the live result
    /// the server wrote: no question of the first section quotes the catalog, and none
    /// rules a platform out with the defaults.
    #[test]
    fn the_first_section_needs_neither_the_report_nor_the_catalog() {
        use berth::core::answers::Answers;
        use berth::core::evaluate::evaluate;
        use berth::core::questionnaire::{applicable, CatalogLine};
        use berth::core::report_view::ruled_out_by;

        let answers = Answers::default();
        let report = evaluate(&answers);
        let first = berth::ui::state::sections(&answers)[0];
        let questions: Vec<_> = applicable(&answers)
            .filter(|q| q.section == first)
            .collect();
        assert!(!questions.is_empty());
        for q in questions {
            assert_eq!(q.catalog_line, CatalogLine::None, "{}", q.id);
            assert!(ruled_out_by(&report, q.id).is_empty(), "{}", q.id);
        }
    }

    #[test]
    fn the_footers_review_date_is_the_catalogs() {
        assert_eq!(
            berth::core::catalog::REVIEWED,
            berth::core::catalog::catalog().reviewed
        );
    }
}
