//! Search: the index holds only what the built audience may see, and the
//! site's own `assets/search.js`, run under node against the built index,
//! tokenises like the Rust side and ranks the expected pages first.

use std::path::{Path, PathBuf};
use std::process::Command;

use folio::search::tokenize::{Mode, PARITY_SAMPLES, tokenize};
use serde_json::{Value, json};

use crate::support::*;

/// Builds the site at `root` (relative to the repository) into a temp dir.
fn build(root: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&repo_root().join(root), &out, extra);
    (tmp, out)
}

/// Every file of the search index, concatenated.
fn index_text(out: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(out.join("search")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "js") {
            all.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    all
}

/// The search script's tests need node; without it they fail, never skip.
fn require_node() {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "`node` is needed to test assets/search.js (apt-get install nodejs; .ci/run installs it)"
    );
}

/// Runs tests/it/js/search_harness.js over the built site `out`.
fn run_js(out: &Path, request: &Value) -> Value {
    let req = out.parent().unwrap().join("request.json");
    std::fs::write(&req, request.to_string()).unwrap();
    let harness = repo_root().join("tests/it/js/search_harness.js");
    let res = Command::new("node")
        .arg(&harness)
        .arg(out)
        .arg(&req)
        .output()
        .expect("node runs");
    assert!(res.status.success(), "node failed: {}", stderr(&res));
    serde_json::from_slice(&res.stdout).expect("harness prints JSON")
}

/// The results for `query` in the harness output.
fn results<'a>(found: &'a Value, query: &str) -> &'a Value {
    found["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["query"] == query)
        .unwrap_or_else(|| panic!("no results for {query}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_page_and_index_are_built_and_linked_from_every_page() {
    let (_tmp, out) = build("examples/zh-cn", &[]);
    let page = read(&out, "search/index.html");
    assert!(page.contains("<html lang=\"zh-CN\">"));
    assert!(page.contains("src=\"../search/index.js\""));
    assert!(page.contains("data-t-count=\"“{q}”共找到 {n} 条结果。\""));
    let lesson = read(&out, "lessons/index.html");
    assert!(
        lesson.contains("action=\"../search/index.html\""),
        "header search box"
    );
    assert!(lesson.contains("data-t-filter=\"筛选此表\""));
    let meta = read(&out, "search/index.js");
    assert!(meta.starts_with("window.FOLIO_SEARCH={\"v\":1,"));
    assert!(
        meta.contains("\"风险应对策略\",\"training/pmo-jichu/03-fengxian-yingdui/index.html\"")
    );
}

#[test]
fn search_index_holds_only_what_the_audience_may_see() {
    // Internal build: the restricted lesson and project are nowhere in the index.
    let (_tmp, out) = build("examples/zh-cn", &[]);
    let text = index_text(&out);
    assert!(
        !text.contains("议价和替换能力都很弱"),
        "restricted lesson leaked"
    );
    assert!(
        !text.contains("仅限受限读者"),
        "restricted lesson text leaked"
    );
    assert!(
        !text.contains("人力资源共享服务中心建设"),
        "restricted project leaked"
    );
    let (_tmp2, out) = build("examples/zh-cn", &["--audience", "restricted"]);
    let text = index_text(&out);
    assert!(text.contains("议价和替换能力都很弱"));
    assert!(text.contains("人力资源共享服务中心建设"));
}

#[test]
fn search_index_is_deterministic() {
    let (_a, one) = build("examples/zh-cn", &[]);
    let (_b, two) = build("examples/zh-cn", &[]);
    assert_eq!(index_text(&one), index_text(&two));
}

#[test]
fn search_js_tokenises_like_rust_and_ranks_the_chinese_example() {
    require_node();
    let (_tmp, out) = build("examples/zh-cn", &[]);
    let queries = [
        "风险应对",
        "风险",
        "经验教训",
        "crm-rollout",
        "e-invoicing",
        "风",
        "ＣＲＭ",
    ];
    let found = run_js(
        &out,
        &json!({ "tokenize": PARITY_SAMPLES, "queries": queries }),
    );

    // The JavaScript tokeniser agrees with the Rust one, in both modes.
    for (sample, js) in PARITY_SAMPLES
        .iter()
        .zip(found["tokens"].as_array().unwrap())
    {
        assert_eq!(
            strings(&js["index"]),
            tokenize(sample, Mode::Index),
            "index: {sample}"
        );
        assert_eq!(
            strings(&js["query"]),
            tokenize(sample, Mode::Query),
            "query: {sample}"
        );
    }

    let r = results(&found, "风险应对");
    let urls = strings(&r["urls"]);
    assert_eq!(urls[0], "training/pmo-jichu/03-fengxian-yingdui/index.html");
    assert!(strings(&r["snippets"])[0].contains("[风险应对]"), "{r}");
    // The lessons about risk responses come right after the course module.
    let titles = strings(&r["titles"]);
    assert!(
        titles[1..4].iter().all(|t| t.contains("风险")),
        "{titles:?}"
    );

    let titles = strings(&results(&found, "风险")["titles"]);
    assert!(titles[..4].iter().all(|t| t.contains("风险")), "{titles:?}");

    let r = results(&found, "经验教训");
    let titles = strings(&r["titles"]);
    assert!(
        titles[..3].iter().all(|t| t.contains("经验教训")),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"经验教训".to_string()),
        "the lessons section"
    );

    // Project ids find the project page first; full-width input is folded.
    let urls = strings(&results(&found, "crm-rollout")["urls"]);
    assert_eq!(urls[0], "projects/crm-rollout/index.html");
    let urls = strings(&results(&found, "e-invoicing")["urls"]);
    assert_eq!(urls[0], "projects/e-invoicing/index.html");
    let r = results(&found, "ＣＲＭ");
    assert!(r["count"].as_u64().unwrap() > 3, "{r}");

    // A one-character query matches every word that contains it.
    let r = results(&found, "风");
    assert!(strings(&r["titles"])[0].contains('风'), "{r}");
    assert!(r["count"].as_u64().unwrap() >= results(&found, "风险")["count"].as_u64().unwrap());
}

#[test]
fn search_js_finds_english_words_and_respects_the_audience() {
    require_node();
    // English sample site at the repository root.
    let (_tmp, out) = build(".", &[]);
    let found = run_js(
        &out,
        &json!({ "queries": ["vendor", "vendors exit", "Vendor-Exit"] }),
    );
    for q in ["vendor", "vendors exit", "Vendor-Exit"] {
        let r = results(&found, q);
        assert_eq!(
            strings(&r["urls"])[0],
            "lessons/vendor-exit-clauses/index.html",
            "{q}: {r}"
        );
    }
    assert!(strings(&results(&found, "vendor")["snippets"])[0].contains("[vendor"));

    // In the Chinese example, the only `vendor` page is restricted.
    let (_tmp, out) = build("examples/zh-cn", &[]);
    let found = run_js(&out, &json!({ "queries": ["vendor"] }));
    assert_eq!(results(&found, "vendor")["count"], 0);
    let (_tmp, out) = build("examples/zh-cn", &["--audience", "restricted"]);
    let found = run_js(&out, &json!({ "queries": ["vendor"] }));
    assert_eq!(
        strings(&results(&found, "vendor")["urls"])[0],
        "lessons/single-source-vendor/index.html"
    );
}
