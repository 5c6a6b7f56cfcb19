//! Times `folio serve` from a file write to the browser's view, for
//! `bench/serve`:
//!
//! ```sh
//! cargo run --release --example servebench -- --site /dev/shm/site [--runs 20] [--folio target/release/folio]
//! ```
//!
//! Starts `folio serve` on the site (a copy: its files are edited in
//! place), then `--runs` times each edits one lesson body, one lesson title
//! and one project's status (the edits of `bench/run`). For each edit it
//! opens the page's live-reload socket first, as the page's script does,
//! writes the file, and measures two things from just before the write:
//! until the socket says `reload`, and until an HTTP GET of the page (polled
//! from a second thread) returns the new text. Prints a Markdown table of
//! the median and max of both, in milliseconds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use tungstenite::Message;
use tungstenite::stream::MaybeTlsStream;

#[path = "shared/edits.rs"]
mod edits;
use edits::{EDITS, median, page_url};

const WAIT: Duration = Duration::from_secs(30);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("servebench: {e}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    site: PathBuf,
    runs: usize,
    folio: PathBuf,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        site: PathBuf::new(),
        runs: 20,
        folio: PathBuf::from("target/release/folio"),
    };
    let mut site = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--site" => site = Some(PathBuf::from(value()?)),
            "--runs" => {
                let v = value()?;
                out.runs = v.parse().map_err(|_| format!("`{v}` is not a number"))?;
            }
            "--folio" => out.folio = PathBuf::from(value()?),
            "-h" | "--help" => {
                println!("usage: servebench --site DIR [--runs N] [--folio BIN]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    out.site = site.ok_or("--site DIR is required")?;
    if out.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    Ok(out)
}

/// The server, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &Args) -> Result<Server, String> {
    let t = Instant::now();
    let mut child = Command::new(&args.folio)
        .args(["serve", "--port", "0", "--root"])
        .arg(&args.site)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", args.folio.display()))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let log = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("serving http://127.0.0.1:").nth(1) {
                let _ = tx.send(rest.split('/').next().unwrap_or("").to_string());
            }
            sink.lock().unwrap().push(line);
        }
    });
    let mut server = Server {
        child,
        port: 0,
        log,
    };
    let port = rx
        .recv_timeout(Duration::from_secs(120))
        .map_err(|_| format!("serve did not start: {:?}", server.log.lock().unwrap()))?;
    server.port = port.parse().map_err(|_| format!("bad port `{port}`"))?;
    eprintln!(
        "servebench: serve is up on port {} after {:.1} s",
        server.port,
        t.elapsed().as_secs_f64()
    );
    Ok(server)
}

/// A GET of `path`; the body.
fn get(port: u16, path: &str) -> Result<String, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

fn build_of(html: &str) -> Result<String, String> {
    let at = html
        .find("data-build=\"")
        .ok_or("the page has no reload script")?
        + "data-build=\"".len();
    Ok(html[at..].split('"').next().unwrap_or("").to_string())
}

fn run() -> Result<(), String> {
    let args = args()?;
    let server = start(&args)?;
    let mut rows = Vec::new();
    for (label, edit, text) in EDITS {
        let (mut socket_ms, mut page_ms) = (Vec::new(), Vec::new());
        for run in 1..=args.runs {
            // The socket is opened before the write, so the page is picked
            // first (the same pick the edit makes).
            let target = edits_target(&args, label, run)?;
            let url = page_url(&args.site, &target)?;
            let page = get(server.port, &url)?;
            let build = build_of(&page)?;
            let ws_url = format!(
                "ws://127.0.0.1:{}/__folio/live?build={build}&page={}",
                server.port,
                url.replace('/', "%2F")
            );
            let (mut ws, _) = tungstenite::connect(ws_url).map_err(|e| e.to_string())?;
            if let MaybeTlsStream::Plain(s) = ws.get_ref() {
                s.set_read_timeout(Some(Duration::from_millis(1)))
                    .map_err(|e| e.to_string())?;
            }
            let needle = text(run);
            let done = Arc::new(AtomicBool::new(false));
            let started = Instant::now();
            let written = edit(&args.site, run)?;
            if written != target {
                return Err(format!(
                    "{label}: edited {} not {}",
                    written.display(),
                    target.display()
                ));
            }
            let poller = {
                let (port, url, done) = (server.port, url.clone(), done.clone());
                std::thread::spawn(move || -> Result<f64, String> {
                    while started.elapsed() < WAIT && !done.load(Ordering::Relaxed) {
                        if get(port, &url)?.contains(&needle) {
                            return Ok(started.elapsed().as_secs_f64() * 1e3);
                        }
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    Err(format!("{url} never showed the edit"))
                })
            };
            let socket = loop {
                match ws.read() {
                    Ok(Message::Text(t)) if t.as_str().contains("\"reload\"") => {
                        break started.elapsed().as_secs_f64() * 1e3;
                    }
                    Ok(Message::Text(t)) if t.as_str().contains("\"error\"") => {
                        done.store(true, Ordering::Relaxed);
                        return Err(format!("{label}, run {run}: the edit did not build: {t}"));
                    }
                    Ok(_) => {}
                    Err(tungstenite::Error::Io(e))
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                        ) => {}
                    Err(e) => return Err(format!("websocket: {e}")),
                }
                if started.elapsed() > WAIT {
                    done.store(true, Ordering::Relaxed);
                    return Err(format!("{label}, run {run}: no reload for {url}"));
                }
            };
            let page = poller.join().map_err(|_| "poller panicked")??;
            socket_ms.push(socket);
            page_ms.push(page);
            let _ = ws.close(None);
            // Let the server settle before the next edit.
            std::thread::sleep(Duration::from_millis(150));
        }
        let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
        rows.push(format!(
            "| {label} | {:.1} | {:.1} | {:.1} | {:.1} |",
            median(&mut page_ms.clone()),
            max(&page_ms),
            median(&mut socket_ms.clone()),
            max(&socket_ms)
        ));
    }
    println!(
        "| edit ({} runs) | page served, median ms | max ms | reload message, median ms | max ms |",
        args.runs
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for row in rows {
        println!("{row}");
    }
    let log = server.log.lock().unwrap();
    // The server's own time per rebuild (from the watcher's report to the
    // build published), to tell the watcher's wait from the build.
    let mut own: Vec<f64> = log
        .iter()
        .filter(|l| l.starts_with('['))
        .filter_map(|l| {
            let ms = l.rsplit(" in ").next()?.split(" ms").next()?;
            ms.parse().ok()
        })
        .collect();
    if !own.is_empty() {
        let n = own.len();
        eprintln!(
            "servebench: {n} rebuilds; the server's own time from the watcher's report to publishing: median {:.1} ms",
            median(&mut own)
        );
    }
    let errors = log.iter().filter(|l| l.contains("error")).count();
    if errors > 0 {
        eprintln!("servebench: the server logged {errors} error line(s)");
    }
    Ok(())
}

/// The file the edit `label` makes in run `run` (the same pick as the edit's own).
fn edits_target(args: &Args, label: &str, run: usize) -> Result<PathBuf, String> {
    if label.starts_with("lesson") {
        edits::lesson(&args.site, run)
    } else {
        edits::project(&args.site, run)
    }
}
