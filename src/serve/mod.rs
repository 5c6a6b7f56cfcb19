//! `folio serve`: the live preview. The site is built once, kept in memory
//! and served by axum on 127.0.0.1; a watcher (notify, debounced) hands the
//! changed paths to one builder thread, which brings the build up to date
//! through [`crate::incremental::Session`] and publishes the result: the
//! changed outputs go into the served snapshot, then every open page is told
//! over a WebSocket what it must do ([`live::action_for`]). A build with
//! errors publishes nothing but the error overlay; the last good site stays
//! served until a save builds again.
//!
//! Nothing of the preview reaches the output of `folio build`: the reload
//! script is added to HTML as it is served, and serve writes no file.

mod http;
pub mod live;
pub mod path;
pub mod watch;

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard, mpsc};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tokio::sync::broadcast;

use crate::build::BuildOptions;
use crate::error::{Diagnostic, Error};
use crate::incremental::{Change, Session, Update};
use crate::output::OutputTree;

/// Options of `folio serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// The first port tried; 0 for any free port.
    pub port: u16,
    /// Whether `--bind` was given (then a non-loopback address is warned about).
    pub bind_given: bool,
    pub open: bool,
}

/// How long the watcher waits for a burst of events (an editor's save:
/// write a temp file, rename it over the page) to end before it reports.
/// Short, because it is added to every edit's way to the browser; events
/// that arrive while a build runs are taken into the next one anyway.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// How often the debouncer looks for bursts that ended.
const DEBOUNCE_TICK: Duration = Duration::from_millis(3);
/// Ports tried after the one asked for, when it is taken.
const PORT_TRIES: u16 = 10;

/// What the builder tells the open pages.
#[derive(Debug, Clone)]
enum Event {
    /// A build was published; these outputs are new, changed or gone.
    Built(Arc<Vec<String>>),
    /// The last save did not build: the overlay message (JSON).
    Errors(Arc<str>),
    /// The errors are fixed.
    Cleared,
    /// The server is stopping.
    Shutdown,
}

/// The site as served: the last good tree and, per output path, the
/// generation that last changed it (so a page that connects late learns
/// what it missed).
struct Snapshot {
    tree: OutputTree,
    generation: u64,
    changed_at: HashMap<String, u64>,
}

/// State shared by the builder thread and the request handlers.
struct Shared {
    /// Names this run of the server: a page served by an earlier run reloads.
    instance: String,
    snapshot: RwLock<Snapshot>,
    /// The overlay message while the last save does not build.
    errors: RwLock<Option<Arc<str>>>,
    events: broadcast::Sender<Event>,
    /// The site root, resolved: copied static files must stay inside it.
    root: PathBuf,
}

impl Shared {
    fn snapshot(&self) -> RwLockReadGuard<'_, Snapshot> {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner())
    }

    fn snapshot_mut(&self) -> RwLockWriteGuard<'_, Snapshot> {
        self.snapshot.write().unwrap_or_else(|e| e.into_inner())
    }

    fn errors(&self) -> Option<Arc<str>> {
        self.errors
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set_errors(&self, errors: Option<Arc<str>>) -> Option<Arc<str>> {
        let mut slot = self.errors.write().unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut *slot, errors)
    }

    fn send(&self, event: Event) {
        // No open page is not an error.
        let _ = self.events.send(event);
    }
}

/// Builds, serves and watches until Ctrl-C.
pub fn run(opts: ServeOptions) -> Result<(), Error> {
    let root = opts.build.root.clone();
    if !root.join("folio.yaml").is_file() {
        return Err(Error::Usage(format!(
            "{} has no folio.yaml: run `folio serve` in a site folder, or pass --root",
            root.display()
        )));
    }
    let started = Instant::now();
    let session = Session::start(opts.build.clone())?;
    let pages = session.tree().html_pages();
    let failed = session.diagnostics().has_errors();
    crate::cmd::print_diagnostics(session.diagnostics(), false);
    if failed {
        eprintln!(
            "the site has {} error(s); serving the error page until a save fixes them",
            session.diagnostics().error_count()
        );
    } else {
        eprintln!(
            "built {pages} pages in {} ms",
            started.elapsed().as_millis()
        );
    }
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        instance: format!(
            "{:x}",
            jiff::Timestamp::now().as_millisecond().unsigned_abs()
        ),
        snapshot: RwLock::new(Snapshot {
            tree: session.tree().clone(),
            generation: 0,
            changed_at: HashMap::new(),
        }),
        errors: RwLock::new(failed.then(|| overlay(&session))),
        events,
        root: root.canonicalize().unwrap_or_else(|_| root.clone()),
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("starting the server", e))?;
    runtime.block_on(serve(opts, session, shared))
}

async fn serve(opts: ServeOptions, session: Session, shared: Arc<Shared>) -> Result<(), Error> {
    let listener = bind(opts.bind, opts.port).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("reading the server address", e))?;
    if opts.bind_given && !opts.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this machine can read the preview, drafts and every audience it was built for included",
            opts.bind
        );
    }
    start_builder(&opts.build.root, session, shared.clone())?;
    let url = format!("http://{}/", display_addr(addr));
    eprintln!("serving {url} (Ctrl-C to stop)");
    if opts.open {
        open_browser(&url);
    }

    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let server =
        axum::serve(listener, http::router(shared.clone())).with_graceful_shutdown(async move {
            let _ = stop_rx.changed().await;
        });
    let handle = tokio::spawn(server.into_future());
    stop_signal().await;
    eprintln!("stopping");
    shared.send(Event::Shutdown);
    let _ = stop_tx.send(true);
    // Browsers keep connections open; they are not worth waiting long for.
    let _ = tokio::time::timeout(Duration::from_secs(3), handle).await;
    Ok(())
}

/// Binds `port`, or when it is taken one of the next [`PORT_TRIES`] ports.
async fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener, Error> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut try_port = port;
    loop {
        match tokio::net::TcpListener::bind(SocketAddr::new(ip, try_port)).await {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && try_port < last => {
                eprintln!("port {try_port} is in use; trying {}", try_port + 1);
                try_port += 1;
            }
            Err(e) => {
                return Err(Error::Usage(format!(
                    "cannot listen on {}: {e}{}",
                    SocketAddr::new(ip, try_port),
                    if e.kind() == std::io::ErrorKind::AddrInUse {
                        format!(" (ports {port}–{last} are all in use; pass --port)")
                    } else {
                        String::new()
                    }
                )));
            }
        }
    }
}

fn display_addr(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

/// Ctrl-C, or SIGTERM from a process manager.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(program)
        .args(&args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: could not open a browser ({program}: {e}); open {url}");
    }
}

/// The overlay message for the session's errors.
fn overlay(session: &Session) -> Arc<str> {
    let errors: Vec<&Diagnostic> = session
        .diagnostics()
        .0
        .iter()
        .filter(|d| d.is_error())
        .collect();
    live::error_message(&errors).into()
}

/// Starts the watcher and the builder thread that owns the session.
fn start_builder(root: &Path, session: Session, shared: Arc<Shared>) -> Result<(), Error> {
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let watch_root = root.to_path_buf();
    let mut debouncer = new_debouncer(
        DEBOUNCE,
        Some(DEBOUNCE_TICK),
        move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut paths = Vec::new();
                for e in &events {
                    if e.need_rescan() {
                        // The watcher lost events: build everything again.
                        paths.push(watch_root.join("folio.yaml"));
                    }
                    paths.extend(watch::relevant_paths(&watch_root, &e.kind, &e.paths));
                }
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: watching the site: {e}");
                }
            }
        },
    )
    .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    let mut watched = HashSet::new();
    watch_new_folders(root, &mut debouncer, &mut watched);
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("folio-builder".into())
        .spawn(move || {
            let mut session = session;
            while let Ok(mut paths) = rx.recv() {
                let received = Instant::now();
                // Everything that arrived while the last build ran is one update.
                while let Ok(more) = rx.try_recv() {
                    paths.extend(more);
                }
                // A source folder itself removed, renamed or replaced: its
                // old watch is gone with it, so watch it afresh.
                for p in &paths {
                    if p.parent() == Some(root.as_path())
                        && let Some(dir) = watch::SOURCE_DIRS
                            .iter()
                            .find(|d| p.file_name().is_some_and(|n| n == **d))
                        && watched.remove(dir)
                    {
                        let _ = debouncer.unwatch(p);
                    }
                }
                watch_new_folders(&root, &mut debouncer, &mut watched);
                rebuild(&mut session, &shared, &paths, received);
            }
        })
        .map_err(|e| Error::io("starting the builder", e))?;
    Ok(())
}

/// Watches each source folder that exists and is not watched yet (one made
/// while serving); forgets those that are gone, so they are watched again
/// when they come back.
fn watch_new_folders<W: notify::Watcher, C: notify_debouncer_full::FileIdCache>(
    root: &Path,
    debouncer: &mut notify_debouncer_full::Debouncer<W, C>,
    watched: &mut HashSet<&'static str>,
) {
    for dir in watch::SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            if !watched.contains(dir) {
                match debouncer.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        watched.insert(dir);
                    }
                    Err(e) => eprintln!("warning: cannot watch {}: {e}", path.display()),
                }
            }
        } else if watched.remove(dir) {
            let _ = debouncer.unwatch(&path);
        }
    }
}

/// One update, published.
fn rebuild(session: &mut Session, shared: &Shared, paths: &[PathBuf], received: Instant) {
    let update = match session.update(paths) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("[{}] error: {e}", clock());
            let message: Arc<str> = live::failure_message(&e.to_string()).into();
            shared.set_errors(Some(message.clone()));
            shared.send(Event::Errors(message));
            return;
        }
    };
    if update.changes.iter().all(|(_, c)| *c == Change::Ignored) {
        return;
    }
    let what = describe(&update);
    if session.diagnostics().has_errors() {
        for d in session.diagnostics().0.iter().filter(|d| d.is_error()) {
            eprintln!("{d}");
        }
        eprintln!(
            "[{}] {what}: {} error(s); still serving the last good site",
            clock(),
            session.diagnostics().error_count()
        );
        let message = overlay(session);
        shared.set_errors(Some(message.clone()));
        shared.send(Event::Errors(message));
        return;
    }
    let paths: Vec<String> = update
        .changed
        .iter()
        .chain(&update.removed)
        .cloned()
        .collect();
    {
        let mut snap = shared.snapshot_mut();
        snap.generation += 1;
        let generation = snap.generation;
        for p in &update.changed {
            if let Some(content) = session.tree().content(p) {
                snap.tree.insert_content(p.clone(), content.clone());
            }
        }
        for p in &update.removed {
            snap.tree.remove(p);
        }
        for p in &paths {
            snap.changed_at.insert(p.clone(), generation);
        }
    }
    if shared.set_errors(None).is_some() {
        shared.send(Event::Cleared);
    }
    shared.send(Event::Built(Arc::new(paths)));
    let warnings = session.diagnostics().warning_count();
    eprintln!(
        "[{}] {what}: {}{} re-rendered, {} changed{} in {:.1} ms{}",
        clock(),
        if update.full { "full rebuild, " } else { "" },
        update.rendered,
        update.changed.len(),
        if update.removed.is_empty() {
            String::new()
        } else {
            format!(", {} removed", update.removed.len())
        },
        received.elapsed().as_secs_f64() * 1000.0,
        if warnings > 0 {
            format!(" ({warnings} warning(s))")
        } else {
            String::new()
        }
    );
}

/// The changed sources, for the terminal: up to three, then how many more.
fn describe(update: &Update) -> String {
    let real: Vec<String> = update
        .changes
        .iter()
        .filter(|(_, c)| *c != Change::Ignored)
        .map(|(p, c)| format!("{p} ({})", c.as_str()))
        .collect();
    match real.len() {
        0..=3 => real.join(", "),
        n => format!("{} and {} more", real[..3].join(", "), n - 3),
    }
}

fn clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
}
