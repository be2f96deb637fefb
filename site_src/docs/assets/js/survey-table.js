/* The taxonomy table's filters, counts, linked charts, sorting and export (/table/).
 *
 * The page works without this script: rows are rendered at build time. The script adds
 * controls whose single source of truth is a query string in the syntax of
 * `survey query` (see survey-query.js). Every control edits that string; the string is
 * kept in the address bar as ?q=, so any filtered view is a link.
 *
 * With the script, rows are drawn from assets/data/works.json: all of them when the
 * matches are few (the browser's find then sees every one), else CHUNK at a time ("Show
 * more"), so that filtering 10,000 works touches only the rows on screen. Every change
 * also recounts, for the matches, each category (beside its checkbox), each year and each
 * venue (the charts beside the grid), in the same task: the views never disagree.
 *
 * Mounted from Material's document$ so that it works with instant navigation.
 */
(function () {
  "use strict";

  var dataCache = {};  // url -> Promise of parsed JSON, shared across page visits
  var CHUNK = 30;  // rows drawn at a time for a large selection: about two screenfuls
  var FIRST_ROWS = 10;  // rows drawn in the frame of a change: what the first screen shows
  var DRAW_ALL = 300;  // up to this many matches, every one is drawn
  var ERROR_DELAY = 500;  // ms of quiet typing before a query that cannot be read is explained
  var TOP_VENUES = 10;  // venues in the venue chart; the rest are summed in one line
  var TYPING_PAUSE = 400;  // ms of quiet typing before the author box filters, or a typed query becomes a history entry
  var mounted = null;  // the Table on the page, for Back and Forward (popstate)

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

  // A hand-written page's count of works (the flagship's home page): from the build's
  // summary of the records (table.py), never typed by hand.
  function fillCounts() {
    document.querySelectorAll("[data-works-count]").forEach(function (node) {
      if (node.dataset.filled) return;
      node.dataset.filled = "pending";
      fetchJSON(node.dataset.summary).then(function (summary) {
        node.textContent = plural(summary.works, "work") + " in the knowledge base" +
          (summary.first === null ? "" : summary.first === summary.last ? ", published in " + summary.first
            : ", published from " + summary.first + " to " + summary.last) + ".";
        node.hidden = false;
        node.dataset.filled = "true";
      }).catch(function (err) { node.dataset.filled = "failed"; console.error(err); });
    });
  }

  function mount() {
    fillCounts();
    document.querySelectorAll("[data-survey-table]").forEach(function (root) {
      if (root.dataset.mounted) return;
      root.dataset.mounted = "pending";
      fetchJSON(root.dataset.works).then(function (data) { new Table(root, data); })
        .catch(function (err) { root.dataset.mounted = "failed"; console.error(err); });
    });
  }

  // works.json stores each work as [id, title, authors, year, venue, snapshot indices,
  // category indices, url, author list]: indices into data.snapshots (survey.yml's order)
  // and into data.columns. Lists, not bit masks: a survey may have any number of categories.
  function decode(data) {
    var columns = data.columns.map(function (c) { return c.split(":"); });
    data.works = data.works.map(function (row) {
      var tags = {};
      data.facets.forEach(function (f) { tags[f.id] = []; });
      row[6].forEach(function (i) { tags[columns[i][0]].push(columns[i][1]); });
      return { id: row[0], title: row[1], authors: row[2], year: row[3], venue: row[4],
               snapshotIndices: row[5], tags: tags, columnIndices: row[6], url: row[7], authorList: row[8] || [],
               yearNote: row[9] || "" };
    });
    data.decoded = true;
    return data;
  }

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
    mounted = this;
    root.dataset.mounted = "true";
    performance.mark("survey-table-ready");  // read by the benchmark (time to interactive)
  }

  // An empty row: the work's cell (title link, authors, paper link), year, venue, and a
  // cell per category. Rows are cloned from it, which is much faster than building each.
  Table.prototype.template = function () {
    var tr = el("tr");
    tr.append(el("td", { class: "work" }, [el("a"), el("span", { class: "badge-new", title: this.snapshot ? "Added after " + this.snapshot.since : "", text: "new" }),
      el("br"), el("span", { class: "authors" }), el("span", { class: "paper", text: " · " }, [el("a", { class: "paper-link", rel: "noopener", text: "paper" })])]),
      el("td"), el("td"));
    this.data.columns.forEach(function () { tr.append(el("td", { class: "mark" })); });
    return tr;
  };

  // The row of one work, filled in with DOM properties (record text is never parsed as
  // HTML), once per work.
  Table.prototype.row = function (w) {
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
    cells[1].textContent = String(w.year);
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
  Table.prototype.draw = function (limit) {
    this.target = this.matches.length <= DRAW_ALL ? this.matches.length : Math.min(limit, this.matches.length);
    this.drawn = 0;
    this.tbody.replaceChildren();
    this.appendRows(Math.min(this.target, FIRST_ROWS));
    this.finishLater();
  };

  // "Show more": the next CHUNK rows, at once (the reader asked for them).
  Table.prototype.showMore = function () {
    this.target = Math.min(this.matches.length, this.target + CHUNK);
    this.appendRows(this.target);
    this.finishLater();
  };

  Table.prototype.appendRows = function (upTo) {
    var fragment = document.createDocumentFragment();
    for (var i = this.drawn; i < upTo; i++) fragment.appendChild(this.row(this.matches[i]));
    this.tbody.appendChild(fragment);
    this.drawn = upTo;
    this.tbody.dataset.complete = String(this.drawn === this.target);
    var rest = this.matches.length - this.target;
    this.more.hidden = rest <= 0;
    this.more.textContent = "Show " + Math.min(rest, CHUNK) + " more (" + rest + " not shown)";
  };

  Table.prototype.finishLater = function () {
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

  // ---- Controls --------------------------------------------------------------------

  function word(text) { return el("code", { class: "query-word", text: text }); }

  // The search box's hint, from this survey's own vocabulary: two categories of one facet,
  // and the snapshot left out.
  function exampleQuery(data, snapshot) {
    var facet = data.facets.filter(function (f) { return f.categories.length > 1; })[0] || data.facets[0];
    var query = facet ? facet.id + ":" + facet.categories.slice(0, 2).join("+") : "year:2000..";
    return query + (snapshot ? " -in:" + snapshot.name : "");
  }

  // The query box on top (with Clear and the skip link); the filters and the charts in the
  // sidebar; the count, the "Filters" button (narrow screens) and the exports over the
  // results. The count and the first results are then in the first screen.
  Table.prototype.buildControls = function (box) {
    var self = this, data = this.data;
    this.input = el("input", { type: "search", name: "q", id: "survey-q", autocomplete: "off", spellcheck: false,
      placeholder: "e.g. " + exampleQuery(data, this.snapshot), "aria-describedby": "survey-q-error" });
    this.input.addEventListener("input", function () { self.apply(self.input.value, false); });
    this.error = el("p", { id: "survey-q-error", class: "survey-error", role: "alert" });
    var clear = el("button", { type: "button", class: "md-button", text: "Clear filters" });
    clear.addEventListener("click", function () { self.input.value = ""; self.apply("", true); });

    // The skip link sits after Clear: after typing, two Tabs reach it, past the filters.
    // It moves focus itself, and keeps the click from Material's instant navigation, which
    // would load the page anew (without its query) instead of following the anchor.
    var count = this.root.querySelector(".survey-count");
    var skip = count.querySelector(".survey-skip");
    var results = this.root.querySelector("#survey-results");
    skip.addEventListener("click", function (e) {
      e.preventDefault();
      e.stopPropagation();
      results.focus();
    });
    var top = this.root.querySelector("[data-top]");
    top.appendChild(el("div", { class: "survey-query-row" }, [
      el("label", { for: "survey-q", text: "Query" }), this.input, clear, skip]));
    top.appendChild(this.error);
    top.hidden = false;

    box.appendChild(this.buildSwitches());
    var where = (data.venueFacets || []).join(", ");
    box.appendChild(el("p", { class: "survey-note", text: (where ? where + " (the venue a work appeared in) " +
      "is filtered with Venue and Venue type. " : "") + "Each box includes a category; “not” excludes it; " +
      "a question's “all” asks for every ticked category at once. Numbers: how many of the " +
      "matching works have the category." }));
    box.appendChild(el("div", { class: "survey-facets" }, data.facets.map(function (f) { return self.facetControls(f); })));

    // On a narrow screen the sidebar folds away behind this button, which counts the filters on.
    this.side = this.root.querySelector("[data-side]");
    this.filtersButton = el("button", { type: "button", class: "md-button survey-filters-toggle",
      "aria-controls": this.side.id, "aria-expanded": "false" });
    this.filtersButton.addEventListener("click", function () {
      var open = self.filtersButton.getAttribute("aria-expanded") !== "true";
      self.filtersButton.setAttribute("aria-expanded", String(open));
      self.side.toggleAttribute("data-open", open);
    });
    var exports = ["csv", "json", "bibtex"].map(function (format) {
      var button = el("button", { type: "button", class: "md-button", text: format === "bibtex" ? "BibTeX" : format.toUpperCase() });
      button.dataset.export = format;
      button.addEventListener("click", function () { self.exportAs(format); });
      return button;
    });
    var status = el("div", { class: "survey-status" }, [this.filtersButton,
      el("div", { class: "survey-export" }, ["Export the selection: "].concat(exports))]);
    count.before(status);
    status.prepend(count);
    this.side.hidden = false;
    this.root.classList.add("survey-live-layout");
  };

  // The snapshot, years, venue type, venue and author: each writes one kind of term.
  Table.prototype.buildSwitches = function () {
    var self = this, data = this.data;
    var snapshot = this.snapshot;
    this.onlySnapshot = snapshot && el("input", { type: "checkbox", id: "survey-only-" + snapshot.name });
    if (snapshot) this.onlySnapshot.addEventListener("change", function () {
      self.edit(function (t) { return t.field === "in"; }, self.onlySnapshot.checked ? ["in:" + snapshot.name] : []);
    });

    var years = data.works.map(function (w) { return w.year; });
    // Loops over minYear..maxYear; an empty collection has no years to loop over.
    this.minYear = years.length ? Math.min.apply(null, years) : 1;
    this.maxYear = years.length ? Math.max.apply(null, years) : 0;
    // Years are chosen from lists: a range can then be asked with clicks alone.
    var yearOptions = function (none) {
      var options = [el("option", { value: "", text: none })];
      for (var y = self.minYear; y <= self.maxYear; y++) options.push(el("option", { value: String(y), text: String(y) }));
      return options;
    };
    this.yearFrom = el("select", { id: "survey-year-from", "aria-label": "From year" }, yearOptions("from any year"));
    this.yearTo = el("select", { id: "survey-year-to", "aria-label": "To year" }, yearOptions("to any year"));
    [this.yearFrom, this.yearTo].forEach(function (input) {
      input.addEventListener("change", function () { self.editYears(); });
    });

    var used = new Set(data.works.map(function (w) { return w.venue; }));
    var venues = Object.keys(data.venues).filter(function (v) { return used.has(v); });
    this.venue = el("select", { id: "survey-venue" }, [el("option", { value: "", text: "Any venue" })]
      .concat(venues.map(function (v) { return el("option", { value: v, text: v }); })));
    this.venue.addEventListener("change", function () { self.editOne("venue", self.venue.value); });
    this.venueType = el("select", { id: "survey-type" }, [el("option", { value: "", text: "Any venue type" })]
      .concat(data.venueTypes.map(function (t) { return el("option", { value: t, text: t }); })));
    this.venueType.addEventListener("change", function () { self.editOne("type", self.venueType.value); });
    var someone = (data.examples && data.examples.author) || [];
    this.author = el("input", { type: "search", id: "survey-author", autocomplete: "off", spellcheck: false,
      placeholder: someone.length ? "e.g. " + someone[0] : "" });
    // The author box filters as you type, once typing pauses (and at once on Enter).
    var editAuthor = function () {
      clearTimeout(self.authorTimer);
      var names = self.author.value.split("+").map(function (n) { return n.trim().replace(/"/g, ""); })
        .filter(Boolean);
      var term = names.length ? "author:" + names.map(quoted).join("+") : "";
      var now = self.terms.filter(function (t) { return !t.negated && t.field === "author"; });
      if (now.length <= 1 && term === (now.length ? SurveyQuery.formatTerm(now[0]) : "")) return;
      self.edit(function (t) { return !t.negated && t.field === "author"; }, term ? [term] : []);
    };
    this.author.addEventListener("input", function () {
      clearTimeout(self.authorTimer);
      self.authorTimer = setTimeout(editAuthor, TYPING_PAUSE);
    });
    this.author.addEventListener("change", editAuthor);

    return el("div", { class: "survey-switches" }, [
      snapshot && el("label", {}, [this.onlySnapshot, " Only the works of " + snapshot.since + "'s table ",
                                   word("in:" + snapshot.name)]),
      el("span", { class: "survey-years", role: "group", "aria-labelledby": "survey-years-label" }, [
        el("span", { id: "survey-years-label" }, ["Years ", word("year:")]), this.yearFrom, "–", this.yearTo]),
      el("span", {}, [el("label", { for: "survey-type" }, ["Venue type ", word("type:")]), " ", this.venueType]),
      el("span", {}, [el("label", { for: "survey-venue" }, ["Venue ", word("venue:")]), " ", this.venue]),
      el("span", {}, [el("label", { for: "survey-author" }, ["Author ", word("author:")]), " ", this.author])]);
  };

  // One facet: a box per category (include), a "not" toggle (exclude), the count of
  // matches that have it, and whether the ticked categories are joined by any or all.
  Table.prototype.facetControls = function (facet) {
    var self = this;
    this.modes[facet.id] = "any";
    this.checkboxes = this.checkboxes || [];
    this.excluders = this.excluders || [];
    this.countCells = this.countCells || [];
    this.modeInputs = this.modeInputs || {};
    var modes = ["any", "all"].map(function (mode) {
      var input = el("input", { type: "radio", name: "survey-mode-" + facet.id, value: mode, checked: mode === "any" });
      input.addEventListener("change", function () {
        if (!input.checked) return;
        self.modes[facet.id] = mode;
        self.editFacet(facet.id);
      });
      return input;
    });
    this.modeInputs[facet.id] = modes;
    var rows = facet.categories.map(function (cat, i) {
      var id = "survey-cat-" + facet.id + "-" + cat;
      var input = el("input", { type: "checkbox", id: id, value: facet.id + ":" + cat });
      input.dataset.facet = facet.id;
      input.dataset.category = cat;
      input.addEventListener("change", function () {
        if (input.checked) excluder.setAttribute("aria-pressed", "false");
        self.editFacet(facet.id);
      });
      var excluder = el("button", { type: "button", class: "survey-not", text: "not", "aria-pressed": "false",
        // The name starts with the visible word, so that "click not" works by voice (WCAG 2.5.3).
        "aria-label": "not " + facet.shorts[i] + " (exclude -" + facet.id + ":" + cat + ")", title: "Exclude: -" + facet.id + ":" + cat });
      excluder.dataset.facet = facet.id;
      excluder.dataset.category = cat;
      excluder.addEventListener("click", function () {
        var on = excluder.getAttribute("aria-pressed") !== "true";
        excluder.setAttribute("aria-pressed", String(on));
        if (on) input.checked = false;
        self.editFacet(facet.id);
      });
      var count = el("span", { class: "survey-cat-count" });
      self.checkboxes.push(input);
      self.excluders.push(excluder);
      self.countCells.push(count);
      return el("div", { class: "survey-cat", title: facet.labels[i] }, [
        input, el("label", { for: id }, [facet.shorts[i] + " ", word(cat), " ", count]), excluder]);
    });
    var legend = el("legend", {}, [facet.title + " ", word(facet.id + ":")]);
    var switcher = el("span", { class: "survey-mode", role: "radiogroup", "aria-label": facet.title + ": match" }, [
      el("label", {}, [modes[0], " any"]), el("label", {}, [modes[1], " all"])]);
    return el("fieldset", { class: "facet-filter facet-" + facet.id, style: "--facet-color:" + facet.color },
      [legend, switcher].concat(rows));
  };

  // Replace the terms selected by `drop` with `add` (query text), then apply.
  Table.prototype.edit = function (drop, add) {
    var kept = this.terms.filter(function (t) { return !drop(t); });
    var text = [SurveyQuery.format(kept)].concat(add).filter(Boolean).join(" ");
    this.input.value = text;
    this.apply(text, true);
  };

  // A control that asks for one value of a field (venue, venue type): it replaces the
  // field's positive terms.
  Table.prototype.editOne = function (field, value) {
    this.edit(function (t) { return !t.negated && t.field === field; }, value ? [field + ":" + quoted(value)] : []);
  };

  Table.prototype.editYears = function () {
    var lo = this.yearFrom.value, hi = this.yearTo.value;
    var value = lo || hi ? "year:" + (lo === hi ? lo : lo + ".." + hi) : "";
    this.edit(function (t) { return !t.negated && t.field === "year"; }, value ? [value] : []);
  };

  // Rewrite one facet's terms from its controls: the ticked categories (one term joined
  // by '+' for "all", a term each for "any"), then a -facet:cat per excluded one. A
  // negated join typed by hand (-facet:a+b) has no control and is kept.
  Table.prototype.editFacet = function (facetId) {
    var included = [], excluded = [];
    this.checkboxes.forEach(function (box, i) {
      if (box.dataset.facet !== facetId) return;
      if (box.checked) included.push(box.dataset.category);
      if (this.excluders[i].getAttribute("aria-pressed") === "true") excluded.push(box.dataset.category);
    }, this);
    var add = this.modes[facetId] === "all" && included.length
      ? [facetId + ":" + included.join("+")]
      : included.map(function (c) { return facetId + ":" + c; });
    add = add.concat(excluded.map(function (c) { return "-" + facetId + ":" + c; }));
    this.edit(function (t) { return t.field === facetId && (!t.negated || t.values.length === 1); }, add);
  };

  // Controls show what the query asks.
  Table.prototype.syncControls = function () {
    var included = new Set(), excluded = new Set(), joined = new Set(), several = {};
    this.terms.forEach(function (t) {
      if (t.negated) {
        if (t.values.length === 1) excluded.add(t.field + ":" + t.value);
        return;
      }
      t.values.forEach(function (v) { included.add(t.field + ":" + v); });
      if (t.values.length > 1) joined.add(t.field);
      several[t.field] = (several[t.field] || 0) + 1;
    });
    var self = this;
    this.checkboxes.forEach(function (box, i) {
      set(box, "checked", included.has(box.value));
      var pressed = String(excluded.has(box.value));
      if (self.excluders[i].getAttribute("aria-pressed") !== pressed) self.excluders[i].setAttribute("aria-pressed", pressed);
    });
    Object.keys(this.modeInputs).forEach(function (facet) {
      if (joined.has(facet)) self.modes[facet] = "all";
      else if (several[facet] > 1) self.modes[facet] = "any";
      self.modeInputs[facet].forEach(function (radio) { set(radio, "checked", radio.value === self.modes[facet]); });
    });
    if (this.snapshot) set(this.onlySnapshot, "checked", included.has("in:" + this.snapshot.name));
    var single = function (field) {
      var found = self.terms.filter(function (t) { return !t.negated && t.field === field; });
      return found.length === 1 ? found[0] : null;
    };
    var year = single("year");
    var bounds = year ? year.value.split("..") : ["", ""];
    set(this.yearFrom, "value", bounds[0] || "");
    set(this.yearTo, "value", bounds.length > 1 ? bounds[1] || "" : bounds[0] || "");
    set(this.venue, "value", single("venue") ? single("venue").value : "");
    set(this.venueType, "value", single("type") ? single("type").value : "");
    var author = single("author");
    if (document.activeElement !== this.author) set(this.author, "value", author ? author.values.join("+") : "");
  };

  // ---- Applying a query ------------------------------------------------------------

  // `settled`: the text comes from a control or the address bar, not from typing that may
  // go on: a query that cannot be read is then explained at once, not after a pause.
  // `history`: "push" (the default) makes the change an entry of the browser's history,
  // "replace" rewrites the current one (the first view), "none" leaves it (Back, Forward).
  Table.prototype.apply = function (text, settled, history) {
    var terms, self = this;
    var inUrl = history || "push";
    this.query = text.trim();
    clearTimeout(this.errorTimer);
    try {
      terms = SurveyQuery.parse(text, this.data);
    } catch (err) {
      if (!(err instanceof SurveyQuery.QueryError)) throw err;
      // Nothing matches a query that cannot be read: never show the whole collection for it.
      this.terms = [];
      this.matches = [];
      this.showMatches();
      this.input.setAttribute("aria-invalid", "true");
      var explain = function () { self.error.textContent = err.message; };
      if (settled) explain(); else this.errorTimer = setTimeout(explain, ERROR_DELAY);
      this.showFilterCount();
      this.keepInUrl(this.query, inUrl, settled);
      return;
    }
    if (this.error.textContent) this.error.textContent = "";
    this.input.removeAttribute("aria-invalid");
    this.terms = terms;
    this.refilter();
    this.syncControls();
    this.showFilterCount();
    this.keepInUrl(this.query, inUrl, settled);
  };

  // "Filters (2)": how many filters are on (the query's terms, less its plain words).
  Table.prototype.showFilterCount = function () {
    var on = this.terms.filter(function (t) { return t.field !== "text"; }).length;
    set(this.filtersButton, "textContent", "Filters (" + on + ")");
  };

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
    }, settled ? 0 : TYPING_PAUSE);
  };

  // Match the current terms against the works in the current order, and show them.
  Table.prototype.refilter = function () {
    this.matches = this.order.filter(SurveyQuery.compile(this.terms));
    this.showMatches();
  };

  // Rows, the count, the category counts and the charts: all from this.matches.
  Table.prototype.showMatches = function () {
    this.count.textContent = String(this.matches.length);
    this.draw(CHUNK);
    var columns = this.data.columns.length, perColumn = new Array(columns).fill(0);
    var perYear = new Map(), perVenue = new Map();
    for (var m = 0; m < this.matches.length; m++) {
      var w = this.matches[m];
      for (var cols = w.columnIndices, k = 0; k < cols.length; k++) perColumn[cols[k]]++;
      perYear.set(w.year, (perYear.get(w.year) || 0) + 1);
      perVenue.set(w.venue, (perVenue.get(w.venue) || 0) + 1);
    }
    for (var c = 0; c < columns; c++) set(this.countCells[c], "textContent", String(perColumn[c]));
    this.drawCharts(perColumn, perYear, perVenue);
  };

  // ---- Linked charts ---------------------------------------------------------------
  // Bar charts in HTML: each bar is a button that refines the query, named as a sentence
  // ("2017: 16 works"), so the charts are their own text alternative and keyboard-usable.

  function BarChart(name, title, note, unit) {
    this.unit = unit;
    this.caption = el("figcaption", {}, [el("strong", { text: title }), " ", el("span", { text: note })]);
    this.list = el("ol", { class: "survey-bars" });
    this.node = el("figure", { class: "survey-chart" }, [this.caption, this.list]);
    this.node.dataset.chart = name;
    this.bars = new Map();  // key -> {button, fill, count}
  }

  // A bar for `key`, made once; a click adds `term` to the query (with `refine`).
  BarChart.prototype.bar = function (key, label, term, refine, color) {
    if (this.bars.has(key)) return this.bars.get(key);
    var fill = el("span", { class: "survey-bar-fill" });
    if (color) fill.style.background = color;
    var count = el("span", { class: "survey-bar-n" });
    // The name is the visible text itself, read as a sentence ("2017: 16 works"): the words
    // only a screen reader needs are visually hidden (an aria-label would hide the visible
    // text from the name, WCAG 2.5.3).
    var unit = el("span", { class: "survey-sr" });
    var button = el("button", { type: "button", class: "survey-bar" }, [
      el("span", { class: "survey-bar-label", text: label }), el("span", { class: "survey-sr", text: ": " }),
      el("span", { class: "survey-bar-track", "aria-hidden": "true" }, [fill]), count, unit]);
    button.dataset.term = term;
    button.addEventListener("click", refine);
    var bar = { key: key, label: label, button: button, fill: fill, count: count, unit: unit, item: el("li", {}, [button]) };
    this.bars.set(key, bar);
    return bar;
  };

  BarChart.prototype.update = function (bar, n, max) {
    set(bar.count, "textContent", String(n));
    var width = (max ? 100 * n / max : 0).toFixed(1) + "%";
    if (bar.fill.style.width !== width) bar.fill.style.width = width;
    set(bar.unit, "textContent", " " + this.unit + (n === 1 ? "" : "s"));
    set(bar.button, "disabled", n === 0);
  };

  Table.prototype.buildCharts = function (aside) {
    var self = this, data = this.data;
    this.yearChart = new BarChart("year", "Works per year", "of the matches; choose a year to keep it alone.", "work");
    for (var y = this.minYear; y <= this.maxYear; y++) {
      (function (year) {
        self.yearChart.list.append(self.yearChart.bar(year, String(year), "year:" + year, function () {
          self.edit(function (t) { return !t.negated && t.field === "year"; }, ["year:" + year]);
        }).item);
      })(y);
    }
    this.venueChart = new BarChart("venue", "Venues", "the " + TOP_VENUES + " with the most matches; choose one to keep it alone.", "work");
    this.venueRest = el("li", { class: "survey-bars-rest" });
    this.categoryCharts = data.facets.map(function (f) {
      var chart = new BarChart(f.id, f.title, "categories of the matches; choose one to add it.", "work");
      f.categories.forEach(function (cat, i) {
        chart.list.append(chart.bar(cat, f.shorts[i], f.id + ":" + cat, function () {
          var box = self.checkboxes.filter(function (b) { return b.value === f.id + ":" + cat; })[0];
          if (box.checked) return;
          box.checked = true;
          box.dispatchEvent(new Event("change"));
        }, f.color).item);
      });
      return chart;
    });
    aside.append(this.yearChart.node, this.venueChart.node);
    this.categoryCharts.forEach(function (chart) { aside.append(chart.node); });
  };

  Table.prototype.drawCharts = function (perColumn, perYear, perVenue) {
    var self = this, max = 0, y;
    for (y = this.minYear; y <= this.maxYear; y++) max = Math.max(max, perYear.get(y) || 0);
    for (y = this.minYear; y <= this.maxYear; y++) this.yearChart.update(this.yearChart.bars.get(y), perYear.get(y) || 0, max);

    var venues = Array.from(perVenue.keys()).sort(function (a, b) {
      return perVenue.get(b) - perVenue.get(a) || (a < b ? -1 : 1);
    });
    var top = venues.slice(0, TOP_VENUES), rest = 0;
    venues.slice(TOP_VENUES).forEach(function (v) { rest += perVenue.get(v); });
    var items = top.map(function (v) {
      var bar = self.venueChart.bar(v, v, "venue:" + quoted(v), function () { self.editOne("venue", v); });
      self.venueChart.update(bar, perVenue.get(v), perVenue.get(top[0]));
      return bar.item;
    });
    this.venueRest.textContent = rest ? plural(rest, "work") + " in " + plural(venues.length - TOP_VENUES, "other venue") : "";
    if (rest) items.push(this.venueRest);
    if (!items.length) items.push(el("li", { class: "survey-bars-rest", text: "No works match." }));
    var current = this.venueChart.list.children;
    var same = current.length === items.length && items.every(function (item, i) { return current[i] === item; });
    if (!same) this.venueChart.list.replaceChildren.apply(this.venueChart.list, items);

    var offset = 0;
    this.data.facets.forEach(function (f, i) {
      var chart = self.categoryCharts[i];
      var counts = perColumn.slice(offset, offset + f.categories.length);
      var top = Math.max.apply(null, counts);
      f.categories.forEach(function (cat, j) { chart.update(chart.bars.get(cat), counts[j], top); });
      offset += f.categories.length;
    });
  };

  // ---- Sorting ---------------------------------------------------------------------
  // The sortable headers are one Tab stop (arrow keys move along them), so that the first
  // result is one Tab after the skip link's target.

  Table.prototype.bindSorting = function () {
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

  Table.prototype.sortBy = function (key, ascending) {
    var value;
    if (key === "title" || key === "venue") value = function (w) { return w[key].toLowerCase(); };
    else if (key === "year") value = function (w) { return w.year; };
    else {
      var parts = key.split(":");
      value = function (w) { return w.tags[parts[0]].indexOf(parts[1]) >= 0 ? 1 : 0; };
    }
    var keyed = this.data.works.map(function (w, i) { return { w: w, key: value(w), i: i }; });
    keyed.sort(function (a, b) {
      if (a.key < b.key) return ascending ? -1 : 1;
      if (a.key > b.key) return ascending ? 1 : -1;
      return a.i - b.i;
    });
    this.order = keyed.map(function (k) { return k.w; });
    if (this.input.getAttribute("aria-invalid") !== "true") this.refilter();
  };

  // ---- Export ----------------------------------------------------------------------

  // "survey-facet-a.bib" for facet:a; "survey-works.csv" for everything.
  function exportName(query, ext) {
    var slug = query.toLowerCase().replace(/(^|\s)-/g, "$1not ").replace(/\+/g, " and ")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
    return "survey-" + (slug || "works") + "." + ext;
  }

  Table.prototype.exportAs = function (format) {
    var ids = this.matches.map(function (w) { return w.id; });
    var facets = this.data.facets.map(function (f) { return f.id; });
    var query = this.query, snapshots = this.data.snapshots;
    fetchJSON(this.root.dataset.export).then(function (exp) {
      // Every export says which version of the collection it was selected from, as the
      // files of /data/ do: JSON under "collection", BibTeX in an @comment, CSV in a
      // collection_version column.
      // The same bytes as `survey query --format FORMAT QUERY` (survey/query/dataset.py).
      var content, type, ext, version = exp.version;
      if (format === "json") {
        content = JSON.stringify({ collection: version, query: query, selected: ids.length,
          works: ids.map(function (id) { return exp.records[id]; }) }, null, 2) + "\n";
        type = "application/json"; ext = "json";
      } else if (format === "bibtex") {
        content = "@comment{" + exp.survey + ": " + version.label + "; " + ids.length + " selected" +
          (query ? " by the query " + latexText(query) : "") + "}\n\n" +
          ids.map(function (id) { return exp.bibtex[id]; }).join("\n");
        type = "application/x-bibtex"; ext = "bib";
      } else {
        content = csv(ids.map(function (id) { return exp.records[id]; }), facets, snapshots, version.label);
        type = "text/csv"; ext = "csv";
      }
      var link = el("a", { href: URL.createObjectURL(new Blob([content], { type: type })),
        download: exportName(query, ext) });
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  };

  // A query in the BibTeX comment, as survey/query/formats.py latex_text writes it: LaTeX's
  // special characters escaped, so that no brace ends the comment early. (Other characters
  // are kept: latex_text encodes letters such as é as {\'e}, which BibTeX skips alike.)
  var LATEX = { "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "#": "\\#", "$": "\\$", "%": "\\%",
                "&": "\\&", "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" };
  function latexText(value) {
    return value.replace(/[\\{}#$%&_~^]/g, function (c) { return LATEX[c]; });
  }

  // OWASP's rule against formulas in spreadsheets ("CSV Injection"), as every CSV of the
  // project applies it (survey/query/formats.py; vectors: tests/csv_vectors.yaml): a cell
  // whose first character is =, +, -, @, a tab or a carriage return gets a leading
  // apostrophe, which spreadsheets read as "the rest is text".
  function spreadsheetCell(value) {
    return /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
  }

  // A line of CSV as Python's csv module writes it: a cell with a comma, a quote or a line
  // break is quoted, its quotes doubled.
  function csvLine(cells) {
    return cells.map(function (c) {
      c = spreadsheetCell(c);
      return /[",\n\r]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c;
    }).join(",");
  }

  // The columns of /data/works.csv (`survey query --format csv` and the collection version).
  // A work is in a snapshot where its record lists it or sets the snapshot's true/false field.
  function csv(records, facets, snapshots, version) {
    var header = ["id", "title", "authors", "year", "venue", "url", "doi", "arxiv"].concat(facets,
      snapshots.map(function (s) { return s.column; }), ["collection_version"]);
    var lines = [header].concat(records.map(function (r) {
      return ["id", "title", "authors", "year", "venue", "url", "doi", "arxiv"].map(function (k) {
        return r[k] === undefined ? "" : String(r[k]);
      }).concat(facets.map(function (f) { return (r[f] || []).join(";"); }), snapshots.map(function (s) {
        return String(!!r[s.column] || (r.snapshots || []).indexOf(s.id) >= 0);
      }), [version]);
    }));
    return lines.map(csvLine).join("\n") + "\n";
  }

  // Back and Forward between the table's own entries: the view follows the address bar.
  // An entry of the table reached while another page is shown (Back from a work page, where
  // instant navigation leaves an entry with no state alone) loads the table anew.
  window.addEventListener("popstate", function () {
    var table = mounted;
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

  if (window.document$) window.document$.subscribe(mount);
  else document.addEventListener("DOMContentLoaded", mount);
})();
