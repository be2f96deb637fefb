/* The taxonomy table's rows (/table/): one per matching work, cloned from a template and
 * filled with DOM properties, drawn a chunk at a time; and sorting by a column header.
 * Part of SurveyTable (survey-table-state.js says how the files divide the work).
 */
(function (root) {
  "use strict";

  var ns = root.SurveyTable = root.SurveyTable || {};
  var T = ns.Table, el = ns.el;
  var CHUNK = 30;  // rows drawn at a time for a large selection: about two screenfuls
  var FIRST_ROWS = 10;  // rows drawn in the frame of a change: what the first screen shows
  var DRAW_ALL = 300;  // up to this many matches, every one is drawn
  ns.CHUNK = CHUNK;

  // An empty row: the work's cell (title link, authors, paper link), year, venue, and a
  // cell per category. Rows are cloned from it, which is much faster than building each.
  T.prototype.template = function () {
    var tr = el("tr");
    tr.append(el("td", { class: "work" }, [el("a"), el("span", { class: "badge-new", title: this.snapshot ? "Added after " + this.snapshot.since : "", text: "new" }),
      el("br"), el("span", { class: "authors" }), el("span", { class: "paper", text: " · " }, [el("a", { class: "paper-link", rel: "noopener", text: "paper" })])]),
      el("td"), el("td"));
    this.data.columns.forEach(function () { tr.append(el("td", { class: "mark" })); });
    return tr;
  };

  // The row of one work, filled in with DOM properties (record text is never parsed as
  // HTML), once per work.
  T.prototype.row = function (w) {
    if (w.tr) return w.tr;
    this.blank = this.blank || this.template();
    var tr = this.blank.cloneNode(true);
    var cells = tr.children, work = cells[0].children;
    tr.dataset.id = w.id;
    work[0].href = this.workUrl + encodeURIComponent(w.id) + "/";
    work[0].textContent = w.title;
    var old = !this.snapshot || w.snapshotIndices.indexOf(0) >= 0;  // no badge
    if (old) work[1].remove();
    work[old ? 2 : 3].textContent = w.authors;
    var paper = work[old ? 3 : 4];
    if (/^https?:\/\//i.test(w.url)) paper.lastChild.href = w.url; else paper.remove();
    if (w.year === null) {  // no date: "n.d." on screen, in words for a screen reader
      cells[1].append(el("span", { "aria-hidden": "true", text: ns.yearText(w.year) }),
        el("span", { class: "survey-sr", text: "no date" }));
    } else cells[1].textContent = ns.yearText(w.year);
    if (w.yearNote) {  // the published version's year differs from the survey's: as table.py marks it
      cells[1].append(el("span", { class: "survey-year-mark", title: w.yearNote, "aria-hidden": "true", text: "†" }),
        el("span", { class: "survey-sr", text: " (" + w.yearNote + ")" }));
    }
    cells[2].textContent = w.venue;
    // A mark names its category and, first in its facet, its question: on narrow screens
    // the marks show as chips grouped by question (survey-table.css), as in table.py.
    var lastFacet = -1;
    for (var k = 0; k < w.columnIndices.length; k++) {
      var i = w.columnIndices[k], cell = cells[3 + i];
      cell.className = "mark on";
      cell.title = this.labels[i];
      cell.dataset.short = this.shorts[i];
      if (this.facetOfColumn[i] !== lastFacet) {
        lastFacet = this.facetOfColumn[i];
        cell.dataset.question = this.data.facets[lastFacet].title + ":";
      }
      cell.textContent = "●";
    }
    w.tr = tr;
    return tr;
  };

  // Draw the matching rows: all of them when they are few, else the first `limit`. Only
  // the first screenful goes into the frame of the change; the rest follows in idle time,
  // a batch at a time, so that no task runs long. The tbody says when every row is in
  // (data-complete), for the tests.
  T.prototype.draw = function (limit) {
    this.target = this.matches.length <= DRAW_ALL ? this.matches.length : Math.min(limit, this.matches.length);
    this.drawn = 0;
    this.tbody.replaceChildren();
    this.appendRows(Math.min(this.target, FIRST_ROWS));
    this.finishLater();
  };

  // "Show more": the next CHUNK rows, at once (the reader asked for them).
  T.prototype.showMore = function () {
    this.target = Math.min(this.matches.length, this.target + CHUNK);
    this.appendRows(this.target);
    this.finishLater();
  };

  T.prototype.appendRows = function (upTo) {
    var fragment = document.createDocumentFragment();
    for (var i = this.drawn; i < upTo; i++) fragment.appendChild(this.row(this.matches[i]));
    this.tbody.appendChild(fragment);
    this.drawn = upTo;
    this.tbody.dataset.complete = String(this.drawn === this.target);
    var rest = this.matches.length - this.target;
    this.more.hidden = rest <= 0;
    this.more.textContent = "Show " + Math.min(rest, CHUNK) + " more (" + rest + " not shown)";
  };

  T.prototype.finishLater = function () {
    if (this.pending) cancelIdleCallback(this.pending);
    this.pending = null;
    var self = this;
    var more = function (deadline) {
      // A batch costs its layout in the next frame too (about half a millisecond a row).
      var upTo = self.drawn;
      while (upTo < self.target && upTo - self.drawn < CHUNK && (deadline.timeRemaining() > 2 || deadline.didTimeout)) upTo++;
      self.appendRows(upTo);
      self.pending = self.drawn < self.target ? requestIdleCallback(more, { timeout: 100 }) : null;
    };
    if (this.drawn < this.target) this.pending = requestIdleCallback(more, { timeout: 100 });
  };

  // ---- Sorting ---------------------------------------------------------------------
  // The sortable headers are one Tab stop (arrow keys move along them), so that the first
  // result is one Tab after the skip link's target.

  T.prototype.bindSorting = function () {
    var self = this;
    var headers = Array.prototype.slice.call(this.root.querySelectorAll(".survey-live th[data-sort]"));
    var focusHeader = function (i) {
      headers.forEach(function (h, j) { h.tabIndex = i === j ? 0 : -1; });
      headers[i].focus();
    };
    headers.forEach(function (th, i) {
      th.tabIndex = i === 0 ? 0 : -1;
      th.setAttribute("aria-sort", "none");
      th.title = (th.title ? th.title + ". " : "") + "Sort (arrow keys: other columns)";
      var sort = function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        self.sortBy(th.dataset.sort, ascending);
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
        else if (e.key === "ArrowRight") { e.preventDefault(); focusHeader(Math.min(i + 1, headers.length - 1)); }
        else if (e.key === "ArrowLeft") { e.preventDefault(); focusHeader(Math.max(i - 1, 0)); }
        else if (e.key === "Home") { e.preventDefault(); focusHeader(0); }
        else if (e.key === "End") { e.preventDefault(); focusHeader(headers.length - 1); }
      });
    });
  };

  T.prototype.sortBy = function (key, ascending) {
    this.order = sortOrder(this.data.works, key, ascending);
    if (this.input.getAttribute("aria-invalid") !== "true") this.refilter();
  };

  // The works sorted by a column (title, year, venue, or a category "facet:cat"), stably:
  // ties keep the collection's order. Works without a year come last in either direction.
  function sortOrder(works, key, ascending) {
    var value;
    if (key === "title" || key === "venue") value = function (w) { return w[key].toLowerCase(); };
    else if (key === "year") value = function (w) { return w.year; };
    else {
      var parts = key.split(":");
      value = function (w) { return w.tags[parts[0]].indexOf(parts[1]) >= 0 ? 1 : 0; };
    }
    var keyed = works.map(function (w, i) { return { w: w, key: value(w), i: i }; });
    keyed.sort(function (a, b) {
      var missingA = a.key === null || a.key === undefined, missingB = b.key === null || b.key === undefined;
      if (missingA !== missingB) return missingA ? 1 : -1;
      if (!missingA && a.key < b.key) return ascending ? -1 : 1;
      if (!missingA && a.key > b.key) return ascending ? 1 : -1;
      return a.i - b.i;
    });
    return keyed.map(function (k) { return k.w; });
  }

  ns.sortOrder = sortOrder;
  if (typeof module !== "undefined" && module.exports) module.exports = ns;  // node, in the tests
})(typeof window !== "undefined" ? window : globalThis);
