//! Bad input: each case breaks a valid fixture site in one way and expects
//! exit code 1, a message naming the file and line, and the previous output
//! left exactly as it was.

use crate::support::*;

/// Builds the fixture, applies `files` (empty text deletes the file), rebuilds, and checks the failure.
fn assert_rejected(files: &[(&str, &[u8])], file: &str, line: Option<usize>, needle: &str) {
    let location = match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    };
    assert_rejected_at(files, &location, needle);
}

macro_rules! rejected {
    ($name:ident, [$(($path:expr, $text:expr)),* $(,)?], $file:expr, $line:expr, $needle:expr) => {
        #[test]
        fn $name() {
            assert_rejected(&[$(($path, $text.as_ref())),*], $file, $line, $needle);
        }
    };
}

rejected!(
    malformed_yaml,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo\nphase: [execution\n"
    )],
    "data/projects/apollo.yaml",
    Some(2),
    "error"
);
rejected!(
    wrong_type,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo\nphase: execution\nbaseline: { start: 2026-01-05, finish: 2026-09-30, budget: lots }\n"
    )],
    "data/projects/apollo.yaml",
    Some(3),
    "budget"
);
rejected!(
    unknown_key_in_project,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo\nphase: execution\nmanger: li.wei\n"
    )],
    "data/projects/apollo.yaml",
    Some(3),
    "did you mean `manager`?"
);
rejected!(
    unknown_key_in_config,
    [("folio.yaml", "title: X\ncurency: EUR\n")],
    "folio.yaml",
    Some(2),
    "did you mean `currency`?"
);
rejected!(
    duplicate_key,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo\nname: Again\nphase: execution\n"
    )],
    "data/projects/apollo.yaml",
    Some(2),
    "appears twice"
);
rejected!(
    unknown_person,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo\nphase: execution\nprogramme: cx\nmanager: li.wie\n"
    )],
    "data/projects/apollo.yaml",
    Some(4),
    "did you mean `li.wei`?"
);
rejected!(
    unknown_project_in_lesson,
    [(
        "content/lessons/x.md",
        "---\ntitle: X\nproject: apolo\n---\nBody\n"
    )],
    "content/lessons/x.md",
    Some(3),
    "unknown project id `apolo`"
);
rejected!(
    missing_title,
    [("content/lessons/x.md", "---\ndate: 2026-01-01\n---\nBody\n")],
    "content/lessons/x.md",
    Some(2),
    "no `title`"
);
rejected!(
    invalid_utf8,
    [("content/lessons/x.md", b"---\ntitle: X\n---\ncaf\xe9\n")],
    "content/lessons/x.md",
    Some(4),
    "not valid UTF-8"
);
rejected!(
    unclosed_front_matter,
    [(
        "content/lessons/x.md",
        "---\ntitle: X\n\nBody without a closing fence\n"
    )],
    "content/lessons/x.md",
    Some(1),
    "never closed"
);
rejected!(
    bad_date,
    [(
        "content/lessons/x.md",
        "---\ntitle: X\ndate: 2026-02-30\n---\nBody\n"
    )],
    "content/lessons/x.md",
    Some(3),
    "YYYY-MM-DD"
);
rejected!(
    broken_template_override,
    [(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n"
    )],
    "templates/page.html",
    Some(4),
    "expected }}"
);
rejected!(
    template_unknown_variable,
    [(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.no_such_field }}\n{% endblock content %}\n"
    )],
    "templates/page.html",
    Some(3),
    "no_such_field"
);
rejected!(
    unknown_front_matter_key,
    [(
        "content/lessons/x.md",
        "---\ntitle: X\ntagz: [a]\n---\nBody\n"
    )],
    "content/lessons/x.md",
    Some(3),
    "did you mean `tags`?"
);
rejected!(
    gbk_csv_with_bad_capacity,
    [
        ("data/people.yaml", ""),
        (
            "data/people.csv",
            "id,name,capacity\nli.wei,Li,100\nm.garcia,M,lots\n"
        )
    ],
    "data/people.csv",
    Some(3),
    "capacity"
);
rejected!(
    missing_template_download,
    [(
        "content/methodology/w.md",
        "---\ntitle: W\ntemplates: [static/templates/nope.csv]\n---\nx\n"
    )],
    "content/methodology/w.md",
    Some(3),
    "does not exist"
);

#[test]
fn all_errors_are_reported_not_just_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[
            (
                "content/lessons/a.md",
                "---\ntitle: A\nproject: nope\n---\n",
            ),
            ("content/lessons/b.md", "---\ntitel: B\n---\n"),
            ("data/projects/z.yaml", "name: Z\nphase: sideways\n"),
        ],
    );
    let res = folio(&["build", "--root", tmp.path().to_str().unwrap()]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(1));
    for f in [
        "content/lessons/a.md:3",
        "content/lessons/b.md:2",
        "data/projects/z.yaml:2",
    ] {
        assert!(err.contains(f), "{f} in {err}");
    }
}

#[test]
fn broken_link_is_a_warning_and_an_error_when_strict() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[(
            "content/lessons/x.md",
            "---\ntitle: X\n---\n\nSee [gone](gone.md).\n",
        )],
    );
    let root = tmp.path().to_str().unwrap();
    let res = folio(&["build", "--root", root]);
    assert!(res.status.success());
    assert!(
        stderr(&res).contains("content/lessons/x.md:5:5"),
        "{}",
        stderr(&res)
    );
    let res = folio(&["build", "--root", root, "--strict"]);
    assert_eq!(res.status.code(), Some(1));
    let res = folio(&["check", "--root", root, "--format", "json"]);
    assert_eq!(res.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(json[0]["rule"], "broken-link");
    assert_eq!(json[0]["line"], 5);
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let res = folio(&["build", "--root", tmp.path().to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(2), "no folio.yaml");
    fixture_site(tmp.path());
    let res = folio(&[
        "build",
        "--root",
        tmp.path().to_str().unwrap(),
        "--as-of",
        "yesterday",
    ]);
    assert_eq!(res.status.code(), Some(2));
    let res = folio(&["frobnicate"]);
    assert_eq!(res.status.code(), Some(2));
}

rejected!(
    person_id_that_is_a_path,
    [(
        "data/people.yaml",
        "- { id: li.wei, name: Li Wei }\n- { id: m.garcia, name: Maria }\n- { id: \"../../escaped\", name: Evil }\n"
    )],
    "data/people.yaml",
    Some(3),
    "cannot be used in a URL"
);
rejected!(
    project_file_in_a_sub_folder,
    [(
        "data/projects/old/apollo.yaml",
        "name: Old Apollo\nphase: initiation\n"
    )],
    "data/projects/old/apollo.yaml",
    None,
    "error[project-file-nested]: project files must sit directly in data/projects"
);
rejected!(
    absurd_year_and_budget,
    [(
        "data/projects/apollo.yaml",
        "name: Apollo\nphase: execution\nbaseline: { start: 0001-01-05, finish: 2026-09-30, budget: 1e307 }\n"
    )],
    "data/projects/apollo.yaml",
    Some(3),
    "outside 1900–2200"
);

#[test]
fn broken_link_in_project_markdown_names_the_project_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    write_files(
        tmp.path(),
        &[(
            "data/projects/apollo.yaml",
            "name: Apollo CRM\nprogramme: cx\nmanager: li.wei\nphase: execution\nsummary: See [the vendor lesson](lessons/vendor-exit.md) and [gone](lessons/gone.md).\n",
        )],
    );
    let root = tmp.path().to_str().unwrap();
    let res = folio(&["build", "--root", root]);
    assert!(res.status.success(), "{}", stderr(&res));
    let err = stderr(&res);
    assert!(err.contains("data/projects/apollo.yaml:5"), "{err}");
    assert!(err.contains("lessons/gone.md"), "{err}");
    assert!(
        !err.contains("vendor-exit.md`"),
        "the good link is not reported: {err}"
    );
    let page =
        std::fs::read_to_string(tmp.path().join("public/projects/apollo/index.html")).unwrap();
    assert!(
        page.contains("href=\"../../lessons/vendor-exit/index.html\""),
        "good link rewritten"
    );
    assert_eq!(
        folio(&["build", "--root", root, "--strict"]).status.code(),
        Some(1)
    );
}
rejected!(
    duplicate_person_id,
    [(
        "data/people.yaml",
        "- { id: li.wei, name: Li Wei }\n- { id: m.garcia, name: Maria }\n- { id: li.wei, name: Another Li }\n"
    )],
    "data/people.yaml",
    Some(3),
    "person id `li.wei` appears more than once"
);

// The problems once all reported as `duplicate-id` each have their own rule.
rejected!(
    people_in_two_files,
    [("data/people.csv", "id,name\nli.wei,Li\n")],
    "data/people.csv",
    None,
    "error[duplicate-people-file]"
);
rejected!(
    two_pages_with_one_url,
    [
        (
            "content/notes/dup1.md",
            "---\ntitle: D1\nslug: dup\n---\nx\n"
        ),
        (
            "content/notes/dup2.md",
            "---\ntitle: D2\nslug: dup\n---\nx\n"
        )
    ],
    "content/notes/dup2.md",
    None,
    "error[duplicate-page-url]"
);
