//! The same pages as an equivalent Hugo site: identical Markdown bodies,
//! Hugo front matter (`category` becomes the `categories` taxonomy, the
//! other keys stay as page params) and minimal list/single layouts that
//! show about what folio's default theme shows (nav, breadcrumbs-free
//! header, facts, table of contents, content, tags, lists of pages).
//! Hugo does not rewrite `.md` links, so those stay as written.

use std::path::Path;

use crate::generate::{Site, Value, write, yaml_front};

const CONFIG: &str = r#"baseURL = "https://pmo.example.com/"
title = "Synthetic PMO"
languageCode = "en"
hasCJKLanguage = true
disableKinds = ["RSS"]
relativeURLs = true
uglyURLs = false

[taxonomies]
tag = "tags"
category = "categories"

[markup.goldmark.renderer]
unsafe = true

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Date }}<p><time>{{ .Format "2006-01-02" }}</time></p>{{ end }}
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<dl>{{ with .Params.phase }}<dt>Phase</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.categories }}<dt>Category</dt><dd>{{ range . }}<a href="{{ (printf "categories/%s/" (urlize .)) | relURL }}">{{ . }}</a>{{ end }}</dd>{{ end }}{{ with .Params.outcome }}<dt>Outcome</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.impact }}<dt>Impact</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.recommendation }}<dt>Recommendation</dt><dd>{{ . }}</dd>{{ end }}</dl>
<nav class="toc">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
{{ with .Params.tags }}<p class="tags">{{ range . }}<a href="{{ (printf "tags/%s/" (urlize .)) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="items">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Date }} <time>{{ .Format "2006-01-02" }}</time>{{ end }}{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}{{ with .Params.tags }}<p>{{ range . }}<a href="{{ (printf "tags/%s/" (urlize .)) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}</li>{{ end }}</ul>
{{ end }}
"#;

/// Writes the Hugo site under `out`; returns the Markdown bytes written.
pub fn write_hugo(site: &Site, out: &Path) -> std::io::Result<usize> {
    write(out, "config.toml", CONFIG)?;
    write(out, "layouts/_default/baseof.html", BASEOF)?;
    write(out, "layouts/_default/single.html", SINGLE)?;
    write(out, "layouts/_default/list.html", LIST)?;
    let mut bytes = 0;
    for page in &site.pages {
        let front: Vec<(&str, Value)> = page
            .front
            .iter()
            .map(|(k, v)| match (*k, v) {
                ("category", Value::Str(s)) => ("categories", Value::List(vec![s.clone()])),
                _ => (*k, v.clone()),
            })
            .collect();
        let text = yaml_front(&front) + &page.body;
        bytes += text.len();
        write(out, &format!("content/{}", page.rel), &text)?;
    }
    Ok(bytes)
}
