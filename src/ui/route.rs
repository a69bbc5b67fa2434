//! Hash routes (`#/results`, `#/questionnaire?q=vcpu`), so the app works under any
//! sub-path and on any static host, with no server-side rewrites.

use std::rc::Rc;

/// The screens of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Questionnaire,
    Results,
    Compare,
    About,
    /// Starter deploy manifests, reached from the results.
    Manifests,
}

impl Page {
    /// The pages the main navigation links to, in order.
    pub const NAV: [Page; 4] = [
        Page::Questionnaire,
        Page::Results,
        Page::Compare,
        Page::About,
    ];
    pub const ALL: [Page; 5] = [
        Page::Questionnaire,
        Page::Results,
        Page::Compare,
        Page::About,
        Page::Manifests,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Page::Questionnaire => "questionnaire",
            Page::Results => "results",
            Page::Compare => "compare",
            Page::About => "about",
            Page::Manifests => "manifests",
        }
    }

    pub fn href(self) -> &'static str {
        match self {
            Page::Questionnaire => "#/questionnaire",
            Page::Results => "#/results",
            Page::Compare => "#/compare",
            Page::About => "#/about",
            Page::Manifests => "#/manifests",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Questionnaire => "Questionnaire",
            Page::Results => "Results",
            Page::Compare => "Compare",
            Page::About => "About the data",
            Page::Manifests => "Starter manifests",
        }
    }
}

/// The pages an advisor shows, in the order its navigation lists them. Empty means every
/// page, with the main navigation's [`Page::NAV`] (the manifests are reached from the
/// results). An embedded advisor's `views` attribute sets it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Views(Rc<[Page]>);

impl Views {
    /// The pages in this order, each once.
    pub fn new(pages: impl IntoIterator<Item = Page>) -> Self {
        let mut out: Vec<Page> = Vec::new();
        for page in pages {
            if !out.contains(&page) {
                out.push(page);
            }
        }
        Views(out.into())
    }

    /// Whether `page` can be shown (and so linked to).
    pub fn has(&self, page: Page) -> bool {
        self.0.is_empty() || self.0.contains(&page)
    }

    /// The page an advisor opens on: the questionnaire (with its live panel) when shown,
    /// else the first of the views.
    pub fn entry(&self) -> Page {
        match self.0.first() {
            Some(first) if !self.has(Page::Questionnaire) => *first,
            _ => Page::Questionnaire,
        }
    }

    /// The pages the navigation links to.
    pub fn nav(&self) -> &[Page] {
        if self.0.is_empty() {
            &Page::NAV
        } else {
            &self.0
        }
    }
}

/// Where the address bar points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// `?q=ID`: a question to bring into view and focus.
    pub question: Option<String>,
    /// `?a=CODE`: a share code to open.
    pub link: Option<String>,
}

impl Default for Route {
    fn default() -> Self {
        Route {
            page: Page::Questionnaire,
            question: None,
            link: None,
        }
    }
}

/// Reads a fragment such as `#/results?a=1.xyz`. Anything unknown is the questionnaire.
pub fn parse(fragment: &str) -> Route {
    let fragment = fragment.trim_start_matches('#').trim_start_matches('/');
    let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
    let page = Page::ALL
        .into_iter()
        .find(|p| p.path() == path.trim_end_matches('/'))
        .unwrap_or(Page::Questionnaire);
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .map(str::to_string)
    };
    Route {
        page,
        question: param("q"),
        link: param(crate::core::share_link::PARAM),
    }
}

/// The link that opens the questionnaire at one question.
pub fn question_href(id: &str) -> String {
    let mut href = String::from("#/questionnaire?q=");
    href.push_str(id);
    href
}
