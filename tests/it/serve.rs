//! `folio serve` end to end: the real binary on an ephemeral port, fetched
//! over raw HTTP (so traversal attempts reach the server as written) and
//! followed on a real WebSocket client while files are edited.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use super::support::{FOLIO, fixture_site, write_files};

/// Long enough for a debug build on a loaded CI machine; never a
/// performance bound (that is `bench/serve`).
const WAIT: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(FOLIO)
            .args(["serve", "--root", root.to_str().unwrap()])
            .args(if extra.contains(&"--port") {
                vec![]
            } else {
                vec!["--port", "0"]
            })
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("folio serve starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log,
        };
        let text = server.wait_log("serving http://127.0.0.1:");
        let at =
            text.find("serving http://127.0.0.1:").unwrap() + "serving http://127.0.0.1:".len();
        server.port = text[at..]
            .split('/')
            .next()
            .unwrap()
            .parse()
            .expect("port in the serving line");
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the log contains `needle`; returns the log.
    fn wait_log(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let log = self.log();
            if log.contains(needle) {
                return log;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("folio serve exited ({status}) before `{needle}`:\n{log}");
            }
            assert!(Instant::now() < deadline, "no `{needle}` in:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many rebuild lines (`[hh:mm:ss] …`) the log holds.
    fn rebuilds(&self) -> usize {
        self.log().lines().filter(|l| l.starts_with('[')).count()
    }

    fn wait_rebuilds(&mut self, n: usize) {
        let deadline = Instant::now() + WAIT;
        while self.rebuilds() < n {
            assert!(
                Instant::now() < deadline,
                "waiting for rebuild {n}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A raw HTTP/1.1 GET of `target` exactly as written.
    fn get(&self, target: &str) -> Response {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Response {
            status,
            head: head.to_ascii_lowercase(),
            body: String::from_utf8_lossy(&raw[split + 4..]).into_owned(),
        }
    }

    /// Polls `target` until its body contains `needle`.
    fn wait_body(&self, target: &str, needle: &str) -> Response {
        let deadline = Instant::now() + WAIT;
        loop {
            let r = self.get(target);
            if r.body.contains(needle) {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "{target} never showed `{needle}`"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A live-reload socket for the page at `path`, as the client script
    /// opens it (with the build the page was served from).
    fn socket(&self, path: &str) -> Socket {
        let page = self.get(path);
        let build = build_of(&page.body);
        let url = format!(
            "ws://127.0.0.1:{}/__folio/live?build={build}&page={}",
            self.port,
            path.replace('/', "%2F")
        );
        let (ws, _) = tungstenite::connect(url).expect("websocket connects");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_millis(200)))
                .unwrap();
        }
        Socket { ws }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

struct Socket {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
}

impl Socket {
    /// The next message within `within`, parsed; `None` if none came.
    fn next_within(&mut self, within: Duration) -> Option<serde_json::Value> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            match self.ws.read() {
                Ok(Message::Text(t)) => return Some(serde_json::from_str(t.as_str()).unwrap()),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("websocket: {e}"),
            }
        }
        None
    }

    fn expect(&mut self, kind: &str) -> serde_json::Value {
        let m = self
            .next_within(WAIT)
            .unwrap_or_else(|| panic!("no `{kind}` message"));
        assert_eq!(m["type"], kind, "{m}");
        m
    }
}

/// The `data-build` the reload script of a served page carries.
fn build_of(html: &str) -> String {
    let at = html
        .find("data-build=\"")
        .expect("served HTML carries the reload script")
        + "data-build=\"".len();
    html[at..].split('"').next().unwrap().to_string()
}

fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fixture_site(tmp.path());
    tmp
}

#[test]
fn serves_the_site_with_types_and_the_script_only_in_served_html() {
    let tmp = site();
    let server = Server::start(tmp.path(), &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.head.contains("content-type: text/html; charset=utf-8"),
        "{}",
        home.head
    );
    assert!(home.body.contains("Fixture PMO"));
    assert!(home.body.contains("/__folio/live.js"));
    let css = server.get("/assets/folio.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("content-type: text/css; charset=utf-8"));
    assert!(!css.body.contains("__folio"));
    let script = server.get("/__folio/live.js");
    assert!(
        script
            .head
            .contains("content-type: text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("WebSocket"));
    // A folder without its slash is redirected to it.
    let folder = server.get("/lessons");
    assert_eq!(folder.status, 308);
    assert!(
        folder.head.contains("location: /lessons/"),
        "{}",
        folder.head
    );
    // Missing pages get the site's 404 page, with the script.
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.head.contains("text/html; charset=utf-8"));
    assert!(missing.body.contains("/__folio/live.js"));

    // `folio build` of the same site carries nothing of the preview.
    let out = tmp.path().join("built");
    super::support::build_ok(tmp.path(), &out, &[]);
    for (path, bytes) in super::support::snapshot(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__folio"),
            "{path} carries the reload script"
        );
    }
}

#[test]
fn refuses_traversal_encoded_separators_and_absolute_paths() {
    let tmp = site();
    std::fs::write(tmp.path().join("secret.txt"), "TOP-SECRET").unwrap();
    let server = Server::start(tmp.path(), &[]);
    for target in [
        "/../secret.txt",
        "/lessons/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/lessons%2f..%2f..%2fsecret.txt",
        "//etc/passwd",
        "/a%00b",
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 400, "{target}: {}", r.body);
        assert!(!r.body.contains("TOP-SECRET"));
    }
    for target in [
        "/secret.txt",
        "/folio.yaml",
        "/data/people.yaml",
        "/etc/passwd",
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(!r.body.contains("TOP-SECRET") && !r.body.contains("Li Wei, role"));
    }
}

#[cfg(unix)]
#[test]
fn a_static_file_swapped_for_a_link_outside_the_site_is_not_served() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP-SECRET").unwrap();
    let tmp = site();
    write_files(tmp.path(), &[("static/notes.txt", "public notes")]);
    let server = Server::start(tmp.path(), &[]);
    assert_eq!(server.get("/notes.txt").body, "public notes");
    // Swapped behind the server's back (the watcher sees it too, but the
    // file is refused however the race goes).
    let notes = tmp.path().join("static/notes.txt");
    std::fs::remove_file(&notes).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), &notes).unwrap();
    for _ in 0..20 {
        let r = server.get("/notes.txt");
        assert!(
            !r.body.contains("TOP-SECRET"),
            "served a file outside the site"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn an_edit_reloads_the_pages_it_changed_and_no_other() {
    let tmp = site();
    let mut server = Server::start(tmp.path(), &[]);
    let pages = [
        "/lessons/vendor-exit/",
        "/cases/crm/",
        "/cases/",
        "/risks/",
        "/resources/",
        "/programmes/cx/",
        "/reports/2026-06/",
    ];
    let without_build = |html: &str| html[..html.find("data-build=").unwrap()].to_string();
    let before: Vec<String> = pages
        .iter()
        .map(|p| without_build(&server.get(p).body))
        .collect();
    let mut sockets: Vec<Socket> = pages.iter().map(|p| server.socket(p)).collect();
    let path = tmp.path().join("content/lessons/vendor-exit.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("## What happened", "## What happened\n\nLIVE-EDIT-42"),
    )
    .unwrap();
    sockets[0].expect("reload");
    server.wait_body("/lessons/vendor-exit/", "LIVE-EDIT-42");
    server.wait_rebuilds(1);
    let log = server.log();
    assert!(
        log.contains("content/lessons/vendor-exit.md (page-body)"),
        "{log}"
    );
    assert!(log.contains("re-rendered"), "{log}");
    // Each page is reloaded exactly when its HTML changed.
    let mut unchanged = 0;
    for (i, page) in pages.iter().enumerate().skip(1) {
        let changed = without_build(&server.get(page).body) != before[i];
        let got = sockets[i].next_within(Duration::from_millis(if changed { 5000 } else { 300 }));
        if changed {
            assert_eq!(
                got.map(|m| m["type"].clone()),
                Some("reload".into()),
                "{page} changed"
            );
        } else {
            unchanged += 1;
            assert_eq!(got, None, "{page} did not change but was told to act");
        }
    }
    assert!(
        unchanged >= 3,
        "the edit should leave most of these pages alone"
    );
}

#[test]
fn a_page_loaded_just_before_a_build_reloads_when_it_connects() {
    let tmp = site();
    let mut server = Server::start(tmp.path(), &[]);
    let before = server.get("/lessons/vendor-exit/");
    let build = build_of(&before.body);
    let path = tmp.path().join("content/lessons/vendor-exit.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nLATE-CONNECT\n")).unwrap();
    server.wait_rebuilds(1);
    let url = format!(
        "ws://127.0.0.1:{}/__folio/live?build={build}&page=%2Flessons%2Fvendor-exit%2F",
        server.port
    );
    let (ws, _) = tungstenite::connect(url).unwrap();
    let mut socket = Socket { ws };
    socket.expect("reload");
    // A page of the current build is told nothing on connect.
    let mut fresh = server.socket("/lessons/vendor-exit/");
    assert_eq!(fresh.next_within(Duration::from_millis(500)), None);
}

#[test]
fn a_stylesheet_change_swaps_the_sheet_without_a_reload() {
    let tmp = site();
    let server = Server::start(tmp.path(), &[]);
    let mut page = server.socket("/lessons/vendor-exit/");
    write_files(
        tmp.path(),
        &[("static/assets/folio.css", "body { color: rebeccapurple }\n")],
    );
    let m = page.expect("css");
    assert_eq!(m["paths"], serde_json::json!(["/assets/folio.css"]));
    server.wait_body("/assets/folio.css", "rebeccapurple");
}

#[test]
fn a_broken_save_shows_the_overlay_keeps_the_last_good_site_and_clears_when_fixed() {
    let tmp = site();
    let mut server = Server::start(tmp.path(), &[]);
    let mut page = server.socket("/projects/apollo/");
    let file = tmp.path().join("data/projects/apollo.yaml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replace("budget: 1200000", "budget: lots")).unwrap();
    let m = page.expect("error");
    let e = &m["errors"][0];
    assert_eq!(e["file"], "data/projects/apollo.yaml", "{m}");
    assert_eq!(e["line"], 7, "{m}");
    assert!(e["column"].as_u64().unwrap() > 0, "{m}");
    assert!(
        e["snippet"].as_str().unwrap().contains("budget: lots"),
        "{m}"
    );
    assert!(e["message"].as_str().unwrap().len() > 5, "{m}");
    server.wait_log("still serving the last good site");
    // The last good site is still served, and a page opened now gets the overlay.
    let r = server.get("/projects/apollo/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Apollo CRM"));
    let mut late = server.socket("/");
    late.expect("error");
    // Fixed: the overlay clears and the page that changed reloads.
    std::fs::write(&file, good.replace("Apollo CRM", "Apollo CRM Renewed")).unwrap();
    page.expect("clear");
    page.expect("reload");
    late.expect("clear");
    server.wait_body("/projects/apollo/", "Apollo CRM Renewed");
}

#[test]
fn deleting_a_page_gives_404_and_adding_one_lists_and_indexes_it() {
    let tmp = site();
    let server = Server::start(tmp.path(), &[]);
    let mut gone = server.socket("/cases/crm/");
    assert_eq!(server.get("/cases/crm/").status, 200);
    std::fs::remove_file(tmp.path().join("content/cases/crm.md")).unwrap();
    gone.expect("reload");
    let deadline = Instant::now() + WAIT;
    while server.get("/cases/crm/").status != 404 {
        assert!(Instant::now() < deadline, "deleted page still served");
        std::thread::sleep(Duration::from_millis(20));
    }
    // A new page: in its section's list and in the search index.
    let mut waiting = server.socket("/lessons/supplier-onboarding/");
    write_files(
        tmp.path(),
        &[(
            "content/lessons/supplier-onboarding.md",
            "---\ntitle: Supplier onboarding checklist\ndate: 2026-04-01\n---\nZanzibarquux onboarding.\n",
        )],
    );
    waiting.expect("reload");
    server.wait_body("/lessons/", "Supplier onboarding checklist");
    let page = server.wait_body("/lessons/supplier-onboarding/", "Zanzibarquux");
    assert_eq!(page.status, 200);
    let index = (0..8)
        .map(|k| server.get(&format!("/search/d{k}.js")))
        .filter(|r| r.status == 200)
        .any(|r| r.body.contains("Zanzibarquux"));
    assert!(index, "the new page is in the search documents");
}

#[test]
fn editor_files_and_access_trigger_nothing() {
    let tmp = site();
    let mut server = Server::start(tmp.path(), &[]);
    let mut page = server.socket("/lessons/vendor-exit/");
    let dir = tmp.path().join("content/lessons");
    for name in [
        ".vendor-exit.md.swp",
        "vendor-exit.md~",
        "4913",
        ".#vendor-exit.md",
        "#vendor-exit.md#",
    ] {
        std::fs::write(dir.join(name), "junk").unwrap();
    }
    std::fs::remove_file(dir.join("4913")).unwrap();
    // Reading a page's file is an access event.
    let _ = std::fs::read_to_string(dir.join("vendor-exit.md")).unwrap();
    assert_eq!(page.next_within(Duration::from_millis(800)), None);
    assert_eq!(server.rebuilds(), 0, "{}", server.log());
    // ... while a real save right after is seen.
    let path = dir.join("vendor-exit.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nSEEN\n")).unwrap();
    page.expect("reload");
    server.wait_rebuilds(1);
}

#[test]
fn a_source_folder_created_while_serving_is_watched() {
    let tmp = site();
    assert!(!tmp.path().join("static").exists());
    let server = Server::start(tmp.path(), &[]);
    std::fs::create_dir(tmp.path().join("static")).unwrap();
    // Give the builder a moment to add the watch, as an author would.
    std::thread::sleep(Duration::from_millis(300));
    write_files(tmp.path(), &[("static/hello.txt", "hello from static")]);
    let deadline = Instant::now() + WAIT;
    loop {
        let r = server.get("/hello.txt");
        if r.status == 200 {
            assert_eq!(r.body, "hello from static");
            assert!(r.head.contains("text/plain; charset=utf-8"));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "static/hello.txt never served:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // A new folder inside a watched one, with a page: a new section.
    std::fs::create_dir(tmp.path().join("content/lessons/deep")).unwrap();
    write_files(
        tmp.path(),
        &[(
            "content/lessons/deep/nested-page.md",
            "---\ntitle: Nested page\n---\nDeep text.\n",
        )],
    );
    server.wait_body("/lessons/deep/", "Nested page");
    server.wait_body("/lessons/deep/nested-page/", "Deep text.");
}

#[test]
fn a_taken_port_is_reported_and_the_next_one_used() {
    let tmp = site();
    // Find two free adjacent ports; hold the first.
    let (held, port) = (0..50)
        .find_map(|_| {
            let l = TcpListener::bind("127.0.0.1:0").ok()?;
            let p = l.local_addr().ok()?.port();
            TcpListener::bind(("127.0.0.1", p + 1)).ok().map(|_| (l, p))
        })
        .expect("two free ports");
    let server = Server::start(tmp.path(), &["--port", &port.to_string()]);
    assert_eq!(server.port, port + 1);
    assert!(
        server
            .log()
            .contains(&format!("port {port} is in use; trying {}", port + 1))
    );
    assert_eq!(server.get("/").status, 200);
    drop(held);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let tmp = site();
    let mut server = Server::start(tmp.path(), &[]);
    let _page = server.socket("/");
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + WAIT;
    let code = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "serve did not stop:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(code.success(), "exit {code}:\n{}", server.log());
    assert!(server.log().contains("stopping"));
}

#[test]
fn a_site_that_does_not_build_at_start_serves_the_overlay_until_fixed() {
    let tmp = site();
    let file = tmp.path().join("data/projects/apollo.yaml");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, "name: [unclosed\n").unwrap();
    let server = Server::start(tmp.path(), &[]);
    let r = server.get("/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("/__folio/live.js"));
    let mut page = server.socket("/");
    let m = page.expect("error");
    assert_eq!(m["errors"][0]["file"], "data/projects/apollo.yaml");
    std::fs::write(&file, good).unwrap();
    page.expect("clear");
    page.expect("reload");
    server.wait_body("/", "Fixture PMO");
}

#[test]
fn a_source_folder_replaced_while_serving_is_watched_again() {
    let tmp = site();
    let server = Server::start(tmp.path(), &[]);
    let content = tmp.path().join("content");
    let old = tmp.path().join("content.old");
    std::fs::rename(&content, &old).unwrap();
    std::fs::create_dir(&content).unwrap();
    for entry in walkdir_files(&old) {
        let rel = entry.strip_prefix(&old).unwrap();
        let to = content.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    server.wait_body("/lessons/vendor-exit/", "Vendor exit");
    // Let the builder settle on the new folder, as an author would.
    std::thread::sleep(Duration::from_millis(500));
    let path = content.join("lessons/vendor-exit.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nAFTER-REPLACE\n")).unwrap();
    server.wait_body("/lessons/vendor-exit/", "AFTER-REPLACE");
}

fn walkdir_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}
