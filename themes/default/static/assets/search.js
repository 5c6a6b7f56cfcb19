// folio search: the query tokeniser (must match src/search/tokenize.rs —
// the integration test `search_js` compares the two), ranking over the index
// written by src/search/mod.rs, snippets, and the /search/ page. No
// dependencies; index files are <script>s, so it works from file:// too.
(function (factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document !== "undefined" && typeof window !== "undefined") api.start(document, window);
})(function () {
  "use strict";

  // ---- tokeniser -----------------------------------------------------------
  var MAX_WORD_CHARS = 40;
  var STOP = {};
  ["a", "an", "and", "are", "as", "at", "be", "by", "for", "in", "is", "it", "of", "on", "or",
    "the", "this", "that", "to", "was", "with"].forEach(function (w) { STOP[w] = true; });
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;

  function normalize(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) return cp - 0xfee0;
    if (cp === 0x3000) return 0x20;
    return cp;
  }
  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x3134f);
  }
  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (/ies$/.test(w) && w.length - 3 >= 2) return w.slice(0, -3) + "y";
    if (/(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
    if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  /** Tokens of `text`; `mode` is "index" or "query" (see tokenize.rs). */
  function tokenize(text, mode) {
    var out = [], word = "", cjk = [];
    function flushWord() {
      if (word === "") return;
      var w = word;
      word = "";
      if (Array.from(w).length > MAX_WORD_CHARS || STOP[w]) return;
      out.push(stem(w));
    }
    function flushCjk() {
      if (cjk.length === 1) out.push(cjk[0]);
      else if (cjk.length > 1) {
        for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
        if (mode === "index") out.push(cjk[cjk.length - 1]);
      }
      cjk = [];
    }
    for (var ch of String(text)) {
      var cp = normalize(ch.codePointAt(0));
      var c = String.fromCodePoint(cp);
      if (isCjk(cp)) {
        flushWord();
        cjk.push(c);
      } else if (ALNUM.test(c)) {
        flushCjk();
        word += c.toLowerCase();
      } else {
        flushWord();
        flushCjk();
      }
    }
    flushWord();
    flushCjk();
    return out;
  }
  function isSingleCjk(token) {
    var cps = Array.from(token);
    return cps.length === 1 && isCjk(cps[0].codePointAt(0));
  }

  // ---- index and ranking ---------------------------------------------------
  var TITLE = 64, SECTION = 32, TAGS = 16, HEADING = 8, TF = 7;

  function fieldScore(flags) {
    var tf = flags & TF;
    return (flags & TITLE ? 10 : 0) + (flags & HEADING ? 4 : 0) + (flags & TAGS ? 3 : 0) +
      (flags & SECTION ? 1 : 0) + (tf ? 1 + Math.log(tf) : 0);
  }
  function shardOf(token, shards) {
    return token.codePointAt(0) % shards;
  }

  /**
   * A search over `meta` (window.FOLIO_SEARCH). `load(kind, k, callback)` fetches
   * search/<kind><k>.js and calls back with its data, or null when it failed.
   */
  function Engine(meta, load) {
    this.meta = meta;
    this.load = load;
    this.files = {};
    this.waiting = {};
  }
  Engine.prototype.file = function (kind, k, done) {
    var key = kind + k, self = this;
    if (key in this.files) return done(this.files[key]);
    if (this.waiting[key]) return this.waiting[key].push(done);
    this.waiting[key] = [done];
    this.load(kind, k, function (data) {
      if (data) self.files[key] = data;
      var list = self.waiting[key] || [];
      delete self.waiting[key];
      list.forEach(function (cb) { cb(data || null); });
    });
  };
  Engine.prototype.files_ = function (kind, ks, done) {
    var left = ks.length, ok = true;
    if (!left) return done(true);
    var self = this;
    ks.forEach(function (k) {
      self.file(kind, k, function (data) {
        if (!data) ok = false;
        if (--left === 0) done(ok);
      });
    });
  };
  /** The distinct query tokens; a lone CJK character is matched as a prefix. */
  Engine.prototype.terms = function (query) {
    var seen = {}, out = [];
    tokenize(query, "query").forEach(function (t) {
      if (!seen[t]) {
        seen[t] = true;
        out.push({ token: t, prefix: isSingleCjk(t) });
      }
    });
    return out;
  };
  /** doc id → flags for one term (prefix terms merge every token they start). */
  Engine.prototype.postings = function (term) {
    var shard = this.files["t" + shardOf(term.token, this.meta.shards)] || {};
    var map = {};
    function add(list) {
      // A posting is `delta` (flags 1) or `-(delta + 1), flags`; see src/search/mod.rs.
      var doc = 0;
      for (var i = 0; i < list.length; i++) {
        var v = list[i], f = 1;
        if (v < 0) {
          v = -v - 1;
          f = list[++i];
        }
        doc += v;
        var old = map[doc] || 0;
        map[doc] = (old | f) & ~TF | Math.min(TF, (old & TF) + (f & TF));
      }
    }
    if (!term.prefix) {
      if (Object.prototype.hasOwnProperty.call(shard, term.token)) add(shard[term.token]);
      return map;
    }
    Object.keys(shard).forEach(function (t) {
      var cps = Array.from(t);
      if (cps[0] === term.token && cps.length <= 2 && cps.every(function (c) { return isCjk(c.codePointAt(0)); })) add(shard[t]);
    });
    return map;
  };
  /**
   * Ranks the documents for `query`; calls back with
   * { terms, results: [doc ids], partial } or null when the index failed to load.
   * Documents with every term come first (partial = false); when there are
   * none, documents with some terms are listed (partial = true). Title matches
   * rank above the rest.
   */
  Engine.prototype.search = function (query, done) {
    var self = this, terms = this.terms(query);
    if (!terms.length) return done({ terms: terms, results: [], partial: false });
    var need = [];
    terms.forEach(function (t) {
      var k = shardOf(t.token, self.meta.shards);
      if (need.indexOf(k) < 0) need.push(k);
    });
    this.files_("t", need, function (ok) {
      if (!ok) return done(null);
      done(self.rank(terms));
    });
  };
  Engine.prototype.rank = function (terms) {
    var docs = this.meta.docs, n = docs.length, hits = {};
    terms.forEach(function (term) {
      var map = this.postings(term), ids = Object.keys(map);
      var idf = Math.log(1 + n / Math.max(1, ids.length));
      ids.forEach(function (id) {
        var h = hits[id] || (hits[id] = { doc: +id, score: 0, matched: 0, inTitle: 0 });
        h.score += idf * fieldScore(map[id]);
        h.matched += 1;
        if (map[id] & TITLE) h.inTitle += 1;
      });
    }, this);
    var all = [], some = [];
    Object.keys(hits).forEach(function (id) {
      var h = hits[id];
      if (h.inTitle === terms.length) {
        // Among title matches, the title closest to the query wins.
        var len = tokenize(docs[h.doc][0], "query").length;
        h.score += 10 * terms.length / Math.max(terms.length, len);
      }
      (h.matched === terms.length ? all : some).push(h);
    });
    var list = all.length ? all : some;
    list.sort(function (a, b) {
      return (b.inTitle === terms.length) - (a.inTitle === terms.length) ||
        b.matched - a.matched || b.score - a.score || a.doc - b.doc;
    });
    return { terms: terms, results: list.map(function (h) { return h.doc; }), partial: !all.length && list.length > 0 };
  };
  /** Loads the snippet text of `docIds`; calls back when done (texts may be missing). */
  Engine.prototype.loadTexts = function (docIds, done) {
    var chunk = this.meta.chunk, ks = [];
    docIds.forEach(function (d) {
      var k = Math.floor(d / chunk);
      if (ks.indexOf(k) < 0) ks.push(k);
    });
    this.files_("d", ks, function () { done(); });
  };
  Engine.prototype.text = function (doc) {
    var data = this.files["d" + Math.floor(doc / this.meta.chunk)];
    return (data && data[doc % this.meta.chunk]) || "";
  };

  // ---- snippets and highlighting -------------------------------------------
  /** `text` normalised and lower-cased with the same length, so offsets carry over. */
  function fold(text) {
    var out = "";
    for (var ch of text) {
      var c = String.fromCodePoint(normalize(ch.codePointAt(0))).toLowerCase();
      out += c.length === ch.length ? c : ch;
    }
    return out;
  }
  function isWordChar(c) {
    return c !== undefined && ALNUM.test(c) && !isCjk(c.codePointAt(0));
  }
  /** Merged [start, end) ranges of `text` where a term occurs (words at word starts). */
  function matches(text, terms) {
    var folded = fold(text), ranges = [];
    terms.forEach(function (term) {
      var t = term.token, from = 0, at;
      if (!t) return;
      while ((at = folded.indexOf(t, from)) >= 0) {
        from = at + t.length;
        var cjk = isCjk(t.codePointAt(0));
        if (!cjk && isWordChar(folded[at - 1])) continue;
        var end = at + t.length;
        if (!cjk) while (end < folded.length && isWordChar(folded[end])) end++;
        ranges.push([at, end]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }
  /** [{text, mark}] pieces of `text` with the terms marked. */
  function highlight(text, terms) {
    var out = [], pos = 0;
    matches(text, terms).forEach(function (r) {
      if (r[0] > pos) out.push({ text: text.slice(pos, r[0]), mark: false });
      out.push({ text: text.slice(r[0], r[1]), mark: true });
      pos = r[1];
    });
    if (pos < text.length) out.push({ text: text.slice(pos), mark: false });
    return out;
  }
  function safeCut(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
  }
  /** About `width` characters of `text` around its best match, with the terms marked. */
  function snippet(text, terms, width) {
    width = width || 160;
    var ranges = matches(text, terms), start = 0;
    if (ranges.length) {
      var best = ranges[0];
      ranges.forEach(function (r) { if (r[1] - r[0] > best[1] - best[0]) best = r; });
      start = Math.max(0, best[0] - Math.floor(width / 4));
    }
    var end = Math.min(text.length, start + width);
    start = Math.max(0, Math.min(start, end - width));
    start = safeCut(text, start);
    end = safeCut(text, end);
    var pieces = highlight(text.slice(start, end), terms);
    if (start > 0) pieces.unshift({ text: "…", mark: false });
    if (end < text.length) pieces.push({ text: "…", mark: false });
    return pieces;
  }

  // ---- the /search/ page -----------------------------------------------------
  var PAGE = 20;

  function scriptLoader(win, doc, base) {
    var pending = {};
    win.FOLIO_SEARCH_LOAD = function (kind, k, data) {
      var cb = pending[kind + k];
      delete pending[kind + k];
      if (cb) cb(data);
    };
    return function (kind, k, cb) {
      pending[kind + k] = cb;
      var s = doc.createElement("script");
      s.src = base + "search/" + kind + k + ".js";
      s.onerror = function () {
        var f = pending[kind + k];
        delete pending[kind + k];
        if (f) f(null);
      };
      doc.head.appendChild(s);
    };
  }
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function el(doc, tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function appendPieces(doc, parent, pieces) {
    pieces.forEach(function (p) {
      parent.appendChild(p.mark ? el(doc, "mark", null, p.text) : doc.createTextNode(p.text));
    });
  }

  function start(doc, win) {
    var app = doc.getElementById("search-app");
    if (!app) return;
    var input = doc.getElementById("search-q");
    var form = input && input.form;
    var status = app.querySelector(".search-status");
    var filters = app.querySelector(".search-filters");
    var list = app.querySelector(".search-results");
    var more = app.querySelector(".search-more");
    var t = function (k) { return app.getAttribute("data-t-" + k) || ""; };
    var root = app.getAttribute("data-root") || "";
    var meta = win.FOLIO_SEARCH;
    app.hidden = false;
    if (!meta || meta.v !== 1) {
      status.textContent = t("unavailable");
      return;
    }
    var engine = new Engine(meta, scriptLoader(win, doc, root));
    var params = new win.URLSearchParams(win.location.search);
    var state = { query: params.get("q") || "", section: params.get("section") || "", found: null, shown: PAGE, seq: 0 };
    input.value = state.query;

    function remember() {
      try {
        var p = new win.URLSearchParams();
        if (state.query) p.set("q", state.query);
        if (state.section) p.set("section", state.section);
        var qs = p.toString();
        win.history.replaceState(null, "", win.location.pathname + (qs ? "?" + qs : ""));
      } catch (e) { /* some browsers refuse on file:// — the page still works */ }
    }
    function visible() {
      if (!state.found) return [];
      return state.found.results.filter(function (d) {
        return !state.section || meta.sections[meta.docs[d][2]][0] === state.section;
      });
    }
    function renderFilters() {
      filters.textContent = "";
      if (!state.found || !state.found.results.length) return;
      var counts = {};
      state.found.results.forEach(function (d) {
        var key = meta.sections[meta.docs[d][2]][0];
        counts[key] = (counts[key] || 0) + 1;
      });
      var options = [["", t("all"), state.found.results.length]];
      meta.sections.forEach(function (s) { if (counts[s[0]]) options.push([s[0], s[1], counts[s[0]]]); });
      if (state.section && !counts[state.section]) state.section = "";
      options.forEach(function (o) {
        var b = el(doc, "button", "search-filter", o[1] + " (" + o[2] + ")");
        b.type = "button";
        b.setAttribute("aria-pressed", String(o[0] === state.section));
        b.addEventListener("click", function () {
          state.section = o[0];
          state.shown = PAGE;
          remember();
          renderFilters();
          renderResults();
        });
        filters.appendChild(b);
      });
    }
    function renderResults() {
      var ids = visible(), shown = ids.slice(0, state.shown), seq = state.seq;
      list.textContent = "";
      more.hidden = true;
      if (!state.query.trim()) {
        status.textContent = t("prompt");
        return;
      }
      if (!state.found.results.length) {
        status.textContent = format(t("none"), { q: state.query });
        return;
      }
      status.textContent = format(t("count"), { n: ids.length, q: state.query }) +
        (state.found.partial ? " " + t("partial") : "");
      engine.loadTexts(shown, function () {
        if (seq !== state.seq) return;
        list.textContent = "";
        shown.forEach(function (d) {
          var info = meta.docs[d];
          var li = el(doc, "li", "search-result");
          var h = el(doc, "h2", "search-result-title");
          var a = el(doc, "a");
          a.href = root + info[1];
          appendPieces(doc, a, highlight(info[0], state.found.terms));
          h.appendChild(a);
          li.appendChild(h);
          li.appendChild(el(doc, "p", "search-result-meta", info[3] + " · " + meta.sections[info[2]][1]));
          var text = engine.text(d);
          if (text) {
            var p = el(doc, "p", "search-result-snippet");
            appendPieces(doc, p, snippet(text, state.found.terms, 160));
            li.appendChild(p);
          }
          list.appendChild(li);
        });
        more.hidden = ids.length <= shown.length;
      });
    }
    function run() {
      var seq = ++state.seq;
      state.shown = PAGE;
      if (!state.query.trim()) {
        state.found = { terms: [], results: [], partial: false };
        renderFilters();
        renderResults();
        return;
      }
      status.textContent = t("loading");
      engine.search(state.query, function (found) {
        if (seq !== state.seq) return;
        if (!found) {
          status.textContent = t("unavailable");
          return;
        }
        state.found = found;
        renderFilters();
        renderResults();
      });
    }
    var timer = null;
    input.addEventListener("input", function () {
      win.clearTimeout(timer);
      timer = win.setTimeout(function () {
        state.query = input.value;
        remember();
        run();
      }, 150);
    });
    if (form) form.addEventListener("submit", function (e) {
      e.preventDefault();
      win.clearTimeout(timer);
      state.query = input.value;
      remember();
      run();
    });
    more.addEventListener("click", function () {
      state.shown += PAGE;
      renderResults();
    });
    // Arrow keys move between the box and the result links; Enter opens a link.
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) {
        e.preventDefault();
        links()[0].focus();
      }
    });
    list.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(doc.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < all.length) {
        e.preventDefault();
        all[i + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        (i > 0 ? all[i - 1] : input).focus();
      } else if (e.key === "Escape") {
        input.focus();
      }
    });
    run();
  }

  return {
    tokenize: tokenize,
    Engine: Engine,
    fold: fold,
    highlight: highlight,
    snippet: snippet,
    start: start
  };
});
