//! The preview's HTTP side: site files from the in-memory snapshot, the
//! client script, and the live-reload socket.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast::error::RecvError;

use super::live::{self, Action};
use super::path::{self, content_type};
use super::{Event, Shared};
use crate::output::Content;

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(live::SCRIPT_PATH, get(script))
        .route(live::SOCKET_PATH, get(socket))
        .fallback(site_file)
        .with_state(shared)
}

async fn script() -> Response {
    let mut r = live::SCRIPT.into_response();
    set_headers(&mut r, "text/javascript; charset=utf-8");
    r
}

/// A file of the site; `404.html` (with status 404) for a missing one.
async fn site_file(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "folio serve answers GET and HEAD only",
        );
    }
    let raw = req.uri().path();
    let key = match path::resolve(raw) {
        Ok(k) => k,
        Err(refusal) => return plain(StatusCode::BAD_REQUEST, refusal.as_str()),
    };
    let (found, folder, not_found, build) = {
        let snap = shared.snapshot();
        (
            snap.tree.content(&key).cloned(),
            snap.tree.contains(&format!("{key}/index.html")),
            snap.tree.content("404.html").cloned(),
            format!("{}.{}", shared.instance, snap.generation),
        )
    };
    if let Some(content) = found {
        return match file(&shared, &key, content, &build).await {
            Some(r) => r,
            None => missing(&shared, not_found, &build).await,
        };
    }
    if folder {
        // `/lessons` → `/lessons/`, so the page's relative links resolve.
        let mut to = format!("{raw}/");
        if let Some(q) = req.uri().query() {
            to.push('?');
            to.push_str(q);
        }
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&to) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    missing(&shared, not_found, &build).await
}

/// The bytes of one output file as served (HTML with the reload script).
/// `None` for a copied file that is gone or that now resolves outside the
/// site (a symlink swapped in after the build).
async fn file(shared: &Shared, key: &str, content: Content, build: &str) -> Option<Response> {
    let bytes: Vec<u8> = match content {
        Content::Bytes(b) => b.as_ref().clone(),
        Content::Copy(from) => {
            let real = tokio::fs::canonicalize(&from).await.ok()?;
            if !real.starts_with(&shared.root) {
                return None;
            }
            tokio::fs::read(&real).await.ok()?
        }
    };
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        live::inject(&bytes, build)
    } else {
        bytes
    };
    let mut r = Response::new(Body::from(body));
    set_headers(&mut r, kind);
    Some(r)
}

async fn missing(shared: &Shared, not_found: Option<Content>, build: &str) -> Response {
    let page = match not_found {
        Some(c) => file(shared, "404.html", c, build).await,
        None => None,
    };
    let mut r = page.unwrap_or_else(|| {
        // No site yet (the first build failed) or a theme without 404.html:
        // a page that still carries the overlay and reloads when fixed.
        let html = live::inject(
            b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>folio serve has no page at this address.</p></body></html>",
            build,
        );
        let mut r = Response::new(Body::from(html));
        set_headers(&mut r, "text/html; charset=utf-8");
        r
    });
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = (status, text).into_response();
    set_headers(&mut r, "text/plain; charset=utf-8");
    r
}

fn set_headers(r: &mut Response, kind: &'static str) {
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // A preview is never cached: every load shows the current build.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// `/__folio/live?build=…&page=…`: the page's socket.
async fn socket(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let query = req.uri().query().unwrap_or("").to_string();
    let param = |name: &str| {
        query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then(|| path::decode_component(v))?
        })
    };
    let page = param("page")
        .and_then(|p| path::resolve(&p).ok())
        .unwrap_or_else(|| "index.html".to_string());
    let build = param("build").unwrap_or_default();
    let (mut parts, _) = req.into_parts();
    match WebSocketUpgrade::from_request_parts(&mut parts, &shared).await {
        Ok(ws) => ws.on_upgrade(move |socket| client(socket, shared, page, build)),
        Err(rejection) => rejection.into_response(),
    }
}

/// One open page: catches up on what it missed, then follows the builds.
async fn client(mut socket: WebSocket, shared: Arc<Shared>, page: String, build: String) {
    // Subscribe first, so nothing published from here on is missed.
    let mut events = shared.events.subscribe();
    let catch_up = {
        let snap = shared.snapshot();
        match build.split_once('.') {
            Some((instance, generation)) if instance == shared.instance => {
                match generation.parse::<u64>() {
                    Ok(g) => live::action_for(
                        &page,
                        snap.changed_at
                            .iter()
                            .filter(|(_, at)| **at > g)
                            .map(|(p, _)| p.as_str()),
                    ),
                    Err(_) => Action::Reload,
                }
            }
            // Served by an earlier run of the server, or by no server.
            _ => Action::Reload,
        }
    };
    if let Some(errors) = shared.errors()
        && !send(&mut socket, &errors).await
    {
        return;
    }
    if let Some(m) = live::message(&catch_up)
        && !send(&mut socket, &m).await
    {
        return;
    }
    loop {
        tokio::select! {
            event = events.recv() => {
                let text: Option<String> = match event {
                    Ok(Event::Built(paths)) => {
                        live::message(&live::action_for(&page, paths.iter().map(String::as_str)))
                    }
                    Ok(Event::Errors(m)) => Some(m.to_string()),
                    Ok(Event::Cleared) => Some(live::CLEAR.to_string()),
                    Ok(Event::Shutdown) | Err(RecvError::Closed) => {
                        let _ = socket.send(Message::Close(None)).await;
                        return;
                    }
                    // Too far behind to know what changed: start again.
                    Err(RecvError::Lagged(_)) => live::message(&Action::Reload),
                };
                if let Some(text) = text && !send(&mut socket, &text).await {
                    return;
                }
            }
            incoming = socket.recv() => match incoming {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

async fn send(socket: &mut WebSocket, text: &str) -> bool {
    socket.send(Message::Text(text.into())).await.is_ok()
}
