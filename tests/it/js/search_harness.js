// Runs the built site's search script under node against its built index.
// Usage: node search_harness.js <output dir> <request.json>
// request: { "tokenize": [strings], "queries": [strings] }
// Prints { "tokens": [{index, query}], "results": [{query, partial, titles, urls, snippets}] }.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const out = process.argv[2];
const request = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const search = require(path.resolve(out, "assets/search.js"));

const context = { window: {} };
vm.createContext(context);
const run = (file) => vm.runInContext(fs.readFileSync(path.join(out, "search", file), "utf8"), context, { filename: file });
let loaded = null;
context.window.FOLIO_SEARCH_LOAD = (kind, k, data) => { loaded = data; };
run("index.js");
const meta = context.window.FOLIO_SEARCH;
const engine = new search.Engine(meta, (kind, k, cb) => {
  loaded = null;
  try { run(kind + k + ".js"); } catch (e) { return cb(null); }
  cb(loaded);
});

const result = { tokens: [], results: [] };
for (const text of request.tokenize || []) {
  result.tokens.push({ index: search.tokenize(text, "index"), query: search.tokenize(text, "query") });
}
for (const query of request.queries || []) {
  engine.search(query, (found) => {
    if (!found) throw new Error("index failed to load for " + query);
    const top = found.results.slice(0, 10);
    engine.loadTexts(top, () => {
      result.results.push({
        query,
        partial: found.partial,
        count: found.results.length,
        titles: top.map((d) => meta.docs[d][0]),
        urls: top.map((d) => meta.docs[d][1]),
        snippets: top.map((d) => search.snippet(engine.text(d), found.terms, 120)
          .map((p) => (p.mark ? "[" + p.text + "]" : p.text)).join("")),
      });
    });
  });
}
process.stdout.write(JSON.stringify(result));
