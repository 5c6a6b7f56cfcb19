//! Every URL folio writes into a page, built in one place.
//!
//! A URL here is relative to the site root (templates prefix it with `root`),
//! points at the `index.html` of a folder so the site works from `file://`,
//! and is percent-encoded by [`encode`]. Output folders (`projects/<id>/`, the
//! keys of the output tree) are the unencoded `*_dir` forms; a URL is never
//! built from another URL, so nothing is encoded twice.
//!
//! (`percent-encoding` is not in Cargo.lock, so [`encode`] is folio's own.)

/// The home page.
pub const HOME: &str = "index.html";
/// The project list.
pub const PROJECTS: &str = "projects/index.html";
/// The risk register.
pub const RISKS: &str = "risks/index.html";
/// The folder of the decisions, dependencies and benefits page.
pub const RAID_DIR: &str = "raid/";
/// The decisions, dependencies and benefits page.
pub const RAID: &str = "raid/index.html";
/// The resource (load) page.
pub const RESOURCES: &str = "resources/index.html";
/// The programme list.
pub const PROGRAMMES: &str = "programmes/index.html";
/// The reports index.
pub const REPORTS: &str = "reports/index.html";
/// The folder of the data-quality page.
pub const QUALITY_DIR: &str = "quality/";
/// The data-quality page (governance findings).
pub const QUALITY: &str = "quality/index.html";
/// The folder of the search page.
pub const SEARCH_DIR: &str = "search/";
/// The search page.
pub const SEARCH: &str = "search/index.html";

/// Percent-encodes a path for an href. ASCII letters, digits and
/// `-._~/!$&'()*+,:;=@` are kept (`/` separates segments; the others are
/// allowed in a path segment by RFC 3986); every other byte — space, `"`,
/// `#`, `?`, `%`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, control
/// characters and each UTF-8 byte of non-ASCII text (CJK names) — becomes
/// `%XX`. Input is always a raw path, never an encoded one.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The page written in output folder `dir` (`lessons/a/`, or `""` for the root).
pub fn page(dir: &str) -> String {
    encode(&format!("{dir}index.html"))
}

/// The page of a section or any folder named without a trailing slash (`cases/crm`).
pub fn section(path: &str) -> String {
    encode(&format!("{path}/index.html"))
}

/// Output folder of a project's page.
pub fn project_dir(id: &str) -> String {
    format!("projects/{id}/")
}

/// A project's page.
pub fn project(id: &str) -> String {
    page(&project_dir(id))
}

/// Output folder of a person's page.
pub fn person_dir(id: &str) -> String {
    format!("people/{id}/")
}

/// A person's page.
pub fn person(id: &str) -> String {
    page(&person_dir(id))
}

/// Output folder of a programme's page.
pub fn programme_dir(id: &str) -> String {
    format!("programmes/{id}/")
}

/// A programme's page.
pub fn programme(id: &str) -> String {
    page(&programme_dir(id))
}

/// A taxonomy's list of terms; `base` is its folder (`tags`, `categories`).
pub fn taxonomy(base: &str) -> String {
    section(base)
}

/// The first page of a taxonomy term; `slug` is the term's URL segment.
pub fn term(base: &str, slug: &str) -> String {
    encode(&format!("{base}/{slug}/index.html"))
}

/// Output folder of a reporting period's report (`2026-q3`, `2026-09`).
pub fn report_dir(period: &str) -> String {
    format!("reports/{period}/")
}

/// A reporting period's report.
pub fn report(period: &str) -> String {
    page(&report_dir(period))
}

/// Output folder of page `n` (1-based) of a list whose first page is in `dir`.
pub fn pager_dir(dir: &str, n: usize) -> String {
    if n <= 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{n}/")
    }
}

/// Page `n` (1-based) of a list whose first page is in `dir`.
pub fn pager(dir: &str, n: usize) -> String {
    page(&pager_dir(dir, n))
}

/// A file under `static/`, by its path there (`templates/charter.docx`).
pub fn static_file(rel: &str) -> String {
    encode(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_what_a_path_segment_may_not_hold() {
        assert_eq!(encode("a b/c#d?e%f"), "a%20b/c%23d%3Fe%25f");
        assert_eq!(encode("\"<x>\""), "%22%3Cx%3E%22");
        assert_eq!(encode("tab\there\n"), "tab%09here%0A");
        assert_eq!(
            encode("a-b_c.d~e/(1)+2,3;4=5:6@7!$&'*"),
            "a-b_c.d~e/(1)+2,3;4=5:6@7!$&'*"
        );
    }

    #[test]
    fn cjk_is_encoded_byte_by_byte() {
        assert_eq!(
            page("lessons/风险/"),
            "lessons/%E9%A3%8E%E9%99%A9/index.html"
        );
        assert_eq!(project("客户"), "projects/%E5%AE%A2%E6%88%B7/index.html");
    }

    #[test]
    fn every_kind_of_page_has_its_url() {
        assert_eq!(page(""), HOME);
        assert_eq!(section("cases/crm"), "cases/crm/index.html");
        assert_eq!(project("crm"), "projects/crm/index.html");
        assert_eq!(person("li.wei"), "people/li.wei/index.html");
        assert_eq!(programme("cx"), "programmes/cx/index.html");
        assert_eq!(taxonomy("tags"), "tags/index.html");
        assert_eq!(term("tags", "c-2"), "tags/c-2/index.html");
        assert_eq!(report("2026-q3"), "reports/2026-q3/index.html");
        assert_eq!(pager("tags/x/", 1), "tags/x/index.html");
        assert_eq!(pager("tags/x/", 3), "tags/x/page/3/index.html");
        assert_eq!(pager_dir("", 2), "page/2/");
        assert_eq!(static_file("t/a b.pdf"), "t/a%20b.pdf");
        assert_eq!(page(SEARCH_DIR), SEARCH);
    }
}
