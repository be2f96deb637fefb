/* The taxonomy table's state and address (/table/), the first of its scripts.
 *
 * The page works without these scripts: rows are rendered at build time. The scripts add
 * controls whose single source of truth is a query string in the syntax of
 * `survey query` (see survey-query.js). Every control edits that string; the string is
 * kept in the address bar as ?q=, so any filtered view is a link.
 *
 * With the scripts, rows are drawn from assets/data/works.json: all of them when the
 * matches are few (the browser's find then sees every one), else a chunk at a time ("Show
 * more"), so that filtering 10,000 works touches only the rows on screen. Every change
 * also recounts, for the matches, each category (beside its checkbox), each year and each
 * venue (the charts beside the grid), in the same task: the views never disagree.
 *
 * The table is one constructor, SurveyTable.Table, whose methods are spread over files by
 * concern, loaded in this order (mkdocs.yml):
 *   survey-table-state.js     the data (works.json), the Table and its state, the address bar
 *   survey-table-rows.js      rows, drawing in chunks, sorting
 *   survey-table-controls.js  the query box, the filters and switches
 *   survey-table-query.js     applying a query, and the edits the controls make to it
 *   survey-table-charts.js    counts per category, year and venue, the linked bar charts
 *   survey-table-export.js    CSV, JSON and BibTeX of the selection
 *   survey-table.js           mounting (Material's document$): last, once every method is in
 * Their pure parts (decode, yearSpan, sortOrder, tally, csv...) run under node too
 * (tests/js/), where the namespace is module.exports.
 */
(function (root) {
  "use strict";

  var ns = root.SurveyTable = root.SurveyTable || {};
  var dataCache = {};  // url -> Promise of parsed JSON, shared across page visits
  ns.TYPING_PAUSE = 400;  // ms of quiet typing before the author box filters, or a typed query becomes a history entry
  ns.mounted = null;  // the Table on the page, for Back and Forward (popstate)

  function fetchJSON(url) {
    var absolute = new URL(url, location.href).href;
    if (!dataCache[absolute]) {
      dataCache[absolute] = fetch(absolute).then(function (r) {
        if (!r.ok) throw new Error("cannot load " + url + ": " + r.status);
        return r.json();
      });
    }
    return dataCache[absolute];
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else if (k in node && typeof props[k] !== "string") node[k] = props[k];
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) {  // null: a part this survey does not have
      if (c !== null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // Set a property only when it changes: writing a form control, even its own value,
  // makes the browser restyle it.
  function set(node, property, value) { if (node[property] !== value) node[property] = value; }

  function quoted(value) { return value.indexOf(" ") >= 0 ? '"' + value + '"' : value; }

  // works.json stores each work as [id, title, authors, year, venue, snapshot indices,
  // category indices, url, author list]: indices into data.snapshots (survey.yml's order)
  // and into data.columns. Lists, not bit masks: a survey may have any number of categories.
  function decode(data) {
    var columns = data.columns.map(function (c) { return c.split(":"); });
    data.works = data.works.map(function (row) {
      var tags = {};
      data.facets.forEach(function (f) { tags[f.id] = []; });
      row[6].forEach(function (i) { tags[columns[i][0]].push(columns[i][1]); });
      return { id: row[0], title: row[1], authors: row[2], year: row[3] === undefined ? null : row[3], venue: row[4],
               snapshotIndices: row[5], tags: tags, columnIndices: row[6], url: row[7], authorList: row[8] || [],
               yearNote: row[9] || "" };  // year: null for a work without one
    });
    data.decoded = true;
    return data;
  }

  // The years the works span, {first, last}, or null for none: works without a year (null
  // in works.json) are left out, as they are from the year filter, chart and counts.
  function yearSpan(works) {
    var first = null, last = null;
    for (var i = 0; i < works.length; i++) {
      var year = works[i].year;
      if (year === null || year === undefined) continue;
      if (first === null || year < first) first = year;
      if (last === null || year > last) last = year;
    }
    return first === null ? null : { first: first, last: last };
  }

  // A work's year as the table shows it: "n.d." (no date) for a work without one.
  function yearText(year) { return year === null || year === undefined ? "n.d." : String(year); }

  function Table(root, data) {
    this.root = root;
    this.data = data.decoded ? data : decode(data);
    // The page takes the window's width for the grid and its charts. Instant navigation
    // replaces this element on the next page, so the class goes with it.
    var main = root.closest(".md-main__inner");
    if (main) main.classList.add("survey-table-page");
    // The live table starts empty; the build-time rows stay in <noscript>.
    var live = root.querySelector(".survey-live");
    this.tbody = live.querySelector("tbody");
    live.hidden = false;
    this.workUrl = root.dataset.workUrl;
    // The first snapshot gets the switch and the "new" badges; a survey without one, neither.
    this.snapshot = this.data.snapshots[0] || null;
    this.labels = [].concat.apply([], this.data.facets.map(function (f) { return f.labels; }));
    this.shorts = [].concat.apply([], this.data.facets.map(function (f) { return f.shorts; }));
    // Per column: the index of its facet in data.facets.
    this.facetOfColumn = [].concat.apply([], this.data.facets.map(function (f, i) {
      return f.categories.map(function () { return i; });
    }));
    this.order = this.data.works.slice();  // current sort order
    this.matches = this.order;
    this.count = root.querySelector("[data-result-count]");
    this.more = el("button", { type: "button", class: "md-button survey-more", hidden: true });
    var self = this;
    this.more.addEventListener("click", function () { self.showMore(); });
    live.after(this.more);
    this.terms = [];
    this.query = "";
    this.modes = {};  // facet id -> "any" | "all": how the checkboxes of a facet are joined
    this.buildControls(root.querySelector("[data-controls]"));
    this.buildCharts(root.querySelector("[data-charts]"));
    this.bindSorting();
    // On a first visit the page template moved ?q= aside from Material's search (table.html).
    var q = window.__surveyTableQuery !== undefined ? window.__surveyTableQuery
      : new URLSearchParams(location.search).get("q") || "";
    delete window.__surveyTableQuery;
    this.input.value = q;
    this.path = location.pathname;
    this.apply(q, true, "replace");
    ns.mounted = this;
    root.dataset.mounted = "true";
    performance.mark("survey-table-ready");  // read by the benchmark (time to interactive)
  }
  ns.Table = Table;

  // Each change of the filter is an entry of the browser's history, so that Back and Forward
  // walk through the filters; typing makes one entry once it pauses. history.pushState takes
  // 10-20 ms in Chromium: it is done outside the interaction, and only if the reader is
  // still on this page. The entry's state is null: Material's instant navigation leaves
  // such entries to this script (popstate below).
  Table.prototype.keepInUrl = function (query, mode, settled) {
    var path = location.pathname;
    clearTimeout(this.urlTimer);
    if (mode === "none") return;
    this.urlTimer = setTimeout(function () {
      if (location.pathname !== path) return;
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (url.href === location.href) return;
      if (mode === "replace") history.replaceState(history.state, "", url.href);
      else history.pushState(null, "", url.href);
    }, settled ? 0 : ns.TYPING_PAUSE);
  };

  // Back and Forward between the table's own entries: the view follows the address bar.
  // An entry of the table reached while another page is shown (Back from a work page, where
  // instant navigation leaves an entry with no state alone) loads the table anew.
  if (typeof window !== "undefined") window.addEventListener("popstate", function () {
    var table = ns.mounted;
    if (!table || location.pathname !== table.path) return;
    if (!table.root.isConnected) {
      if (!document.querySelector("[data-survey-table]")) location.reload();
      return;
    }
    var q = new URLSearchParams(location.search).get("q") || "";
    if (q === table.query) return;
    table.input.value = q;
    table.apply(q, true, "none");
  });

  ns.fetchJSON = fetchJSON;
  ns.el = el;
  ns.plural = plural;
  ns.set = set;
  ns.quoted = quoted;
  ns.decode = decode;
  ns.yearSpan = yearSpan;
  ns.yearText = yearText;
  if (typeof module !== "undefined" && module.exports) module.exports = ns;  // node, in the tests
})(typeof window !== "undefined" ? window : globalThis);
