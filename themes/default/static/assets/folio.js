// folio: progressive enhancement only. Every page reads fine without this file.
(function () {
  "use strict";
  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  }
  function compare(a, b) {
    var na = parseFloat(a), nb = parseFloat(b);
    if (!isNaN(na) && !isNaN(nb) && /^-?[\d.]+$/.test(a) && /^-?[\d.]+$/.test(b)) return na - nb;
    return a.localeCompare(b);
  }
  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellKey(r1, index), cellKey(r2, index));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  function addFilter(table) {
    var section = table.closest(".table-section");
    var heading = section && section.querySelector("h2");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "table-filter";
    input.placeholder = document.body.getAttribute("data-t-filter") || "";
    input.setAttribute("aria-label", input.placeholder);
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) === -1;
      });
    });
    var scroll = table.parentNode;
    scroll.parentNode.insertBefore(input, scroll);
    if (heading) input.id = (section.id || "table") + "-filter";
  }
  // "/" jumps to the search box (the page's own on the search page), unless typing.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById("search-q") || document.getElementById("site-search-q");
    if (box) {
      e.preventDefault();
      box.focus();
      box.select();
    }
  });
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    makeSortable(table);
    if (table.tBodies[0] && table.tBodies[0].rows.length > 5) addFilter(table);
  });
})();
