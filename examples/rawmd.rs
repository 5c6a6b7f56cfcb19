//! The benchmark floor: reads every `.md` file under a folder, drops the
//! front matter and converts the Markdown to HTML with pulldown-cmark alone
//! (the options folio uses), on a rayon pool of `--threads` (default 2).
//! Nothing is written; it prints how much was converted.
//!
//! ```sh
//! cargo run --release --example rawmd -- /dev/shm/site/content [--threads 2]
//! ```

use std::path::PathBuf;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() {
    let mut dir: Option<PathBuf> = None;
    let mut threads = 2;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => {
                threads = args
                    .next()
                    .and_then(|t| t.parse().ok())
                    .unwrap_or_else(|| fail("--threads needs a number"));
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.unwrap_or_else(|| fail("usage: rawmd DIR [--threads N]"));
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| fail(&e.to_string()));
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let (md, out): (usize, usize) = pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                let body = strip_front_matter(&text);
                let mut html_out = String::with_capacity(body.len() * 3 / 2);
                html::push_html(&mut html_out, Parser::new_ext(body, options));
                (text.len(), html_out.len())
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    eprintln!(
        "converted {} files: {:.1} MB of Markdown → {:.1} MB of HTML on {threads} threads",
        files.len(),
        md as f64 / 1e6,
        out as f64 / 1e6
    );
}

fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(i) => &rest[i + 5..],
        None => text,
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("rawmd: {msg}");
    std::process::exit(2)
}
