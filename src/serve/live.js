// folio serve: live reload. Injected into HTML by `folio serve` only, never
// into the output of `folio build`. The server decides what this page needs
// (reload, a new stylesheet, the error overlay) and says so in one message.
(() => {
  "use strict";
  const me = document.currentScript;
  const build = me ? me.dataset.build : "";
  let overlay = null;
  let retry = 250;

  function connect() {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const url = proto + "//" + location.host + "/__folio/live?build=" +
      encodeURIComponent(build) + "&page=" + encodeURIComponent(location.pathname);
    const ws = new WebSocket(url);
    ws.onopen = () => { retry = 250; };
    ws.onmessage = (e) => {
      let m;
      try { m = JSON.parse(e.data); } catch (_) { return; }
      if (m.type === "reload") location.reload();
      else if (m.type === "css") swapStyles(m.paths || []);
      else if (m.type === "error") showErrors(m.errors || []);
      else if (m.type === "clear") hideErrors();
    };
    // The server stopped or restarted: try again, more slowly each time.
    ws.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  function swapStyles(paths) {
    const links = [...document.querySelectorAll('link[rel="stylesheet"]')];
    const named = links.filter((l) => paths.includes(new URL(l.href, location.href).pathname));
    for (const old of named.length ? named : links) {
      const fresh = old.cloneNode();
      const url = new URL(old.href, location.href);
      url.searchParams.set("folio-reload", Date.now().toString());
      fresh.href = url.href;
      // Drop the old sheet once the new one applies: no flash of unstyled page.
      fresh.onload = () => old.remove();
      old.after(fresh);
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showErrors(errors) {
    hideErrors();
    overlay = el("div");
    overlay.id = "folio-error-overlay";
    const root = overlay.attachShadow({ mode: "open" });
    const style = el("style", null, `
      .back { position: fixed; inset: 0; z-index: 2147483647; background: rgba(20, 20, 20, .6);
        overflow: auto; font: 14px/1.5 system-ui, "Microsoft YaHei", "PingFang SC", sans-serif; }
      .box { max-width: 60rem; margin: 4rem auto; background: #fff; color: #1b1b1b;
        border-top: 6px solid #c62828; border-radius: 6px; padding: 1.25rem 1.5rem;
        box-shadow: 0 8px 32px rgba(0,0,0,.35); }
      h2 { margin: 0 0 .75rem; font-size: 1.1rem; color: #c62828; }
      .err { border-top: 1px solid #ddd; padding: .75rem 0; }
      .msg { font-weight: 600; }
      .loc { font-family: ui-monospace, monospace; color: #555; }
      pre { background: #f6f6f6; padding: .5rem .75rem; overflow: auto; margin: .5rem 0;
        font: 13px/1.45 ui-monospace, "Sarasa Mono SC", monospace; }
      .hint { color: #2e5d2e; }
      button { float: right; border: 0; background: none; font-size: 1.4rem; cursor: pointer; color: #555; }
      @media (prefers-color-scheme: dark) {
        .box { background: #1e1e1e; color: #eee; } pre { background: #2a2a2a; }
        .loc { color: #aaa; } .hint { color: #9ccc9c; } .err { border-color: #444; } }`);
    const back = el("div", "back");
    back.setAttribute("role", "alertdialog");
    back.setAttribute("aria-label", "folio build error");
    const box = el("div", "box");
    const close = el("button", null, "×");
    close.setAttribute("aria-label", "Hide");
    close.onclick = hideErrors;
    box.append(close, el("h2", null, "folio: the last save did not build — still showing the last good site"));
    for (const e of errors) {
      const item = el("div", "err");
      item.append(el("div", "msg", e.severity + "[" + e.rule + "]: " + e.message));
      let loc = e.file || "";
      if (e.line) loc += ":" + e.line + (e.column ? ":" + e.column : "");
      item.append(el("div", "loc", loc));
      if (e.snippet) {
        let text = e.line + " | " + e.snippet;
        if (e.column) text += "\n" + " ".repeat(String(e.line).length) + " | " + " ".repeat(e.caret || 0) + "^";
        item.append(el("pre", null, text));
      }
      if (e.hint) item.append(el("div", "hint", "hint: " + e.hint));
      box.append(item);
    }
    back.append(box);
    root.append(style, back);
    document.documentElement.append(overlay);
  }

  function hideErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  connect();
})();
