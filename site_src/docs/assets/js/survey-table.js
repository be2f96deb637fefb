/* The taxonomy table's filters, sorting and export (/table/).
 *
 * The page works without this script: rows are rendered at build time. The script adds
 * controls whose single source of truth is a query string in the syntax of
 * `survey query` (see survey-query.js). Every control edits that string; the string is
 * kept in the address bar as ?q=, so any filtered view is a link.
 *
 * With the script, rows are drawn from assets/data/works.json, CHUNK at a time ("Show
 * more"): filtering 10,000 works then touches only the rows on screen.
 *
 * Mounted from Material's document$ so that it works with instant navigation.
 */
(function () {
  "use strict";

  var dataCache = {};  // url -> Promise of parsed JSON, shared across page visits
  var CHUNK = 30;  // rows drawn at a time: about two screenfuls

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
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function mount() {
    document.querySelectorAll("[data-survey-table]").forEach(function (root) {
      if (root.dataset.mounted) return;
      root.dataset.mounted = "pending";
      fetchJSON(root.dataset.works).then(function (data) { new Table(root, data); })
        .catch(function (err) { root.dataset.mounted = "failed"; console.error(err); });
    });
  }

  // works.json stores each work as [id, title, authors, year, venue, in2018, tag bits, url].
  function decode(data) {
    var columns = data.columns.map(function (c) { return c.split(":"); });
    data.works = data.works.map(function (row) {
      var tags = {};
      data.facets.forEach(function (f) { tags[f.id] = []; });
      columns.forEach(function (fc, i) { if (row[6] & (1 << i)) tags[fc[0]].push(fc[1]); });
      return { id: row[0], title: row[1], authors: row[2], year: row[3], venue: row[4],
               in2018: row[5] === 1, tags: tags, bits: row[6], url: row[7] };
    });
    data.decoded = true;
    return data;
  }

  function Table(root, data) {
    this.root = root;
    this.data = data.decoded ? data : decode(data);
    // The live table starts empty; the build-time rows stay in <noscript>.
    var live = root.querySelector(".survey-live");
    this.tbody = live.querySelector("tbody");
    live.hidden = false;
    this.workUrl = root.dataset.workUrl;
    this.labels = [].concat.apply([], this.data.facets.map(function (f) { return f.labels; }));
    this.order = this.data.works.slice();  // current sort order
    this.matches = this.order;
    this.count = root.querySelector("[data-result-count]");
    this.more = el("button", { type: "button", class: "md-button survey-more", hidden: true });
    var self = this;
    this.more.addEventListener("click", function () { self.draw(self.shown + CHUNK); });
    live.after(this.more);
    this.terms = [];
    this.buildControls(root.querySelector("[data-controls]"));
    this.bindSorting();
    // On a first visit the page template moved ?q= aside from Material's search (table.html).
    var q = window.__surveyTableQuery !== undefined ? window.__surveyTableQuery
      : new URLSearchParams(location.search).get("q") || "";
    delete window.__surveyTableQuery;
    this.input.value = q;
    this.apply(q);
    root.dataset.mounted = "true";
    performance.mark("survey-table-ready");  // read by the benchmark (time to interactive)
  }

  // An empty row: the work's cell (title link, authors, paper link), year, venue, and a
  // cell per category. Rows are cloned from it, which is much faster than building each.
  Table.prototype.template = function () {
    var tr = el("tr");
    tr.append(el("td", { class: "work" }, [el("a"), el("span", { class: "badge-new", title: "Added after the 2018 paper", text: "new" }),
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
    if (w.in2018) work[1].remove();
    work[w.in2018 ? 2 : 3].textContent = w.authors;
    var paper = work[w.in2018 ? 3 : 4];
    if (/^https?:\/\//i.test(w.url)) paper.lastChild.href = w.url; else paper.remove();
    cells[1].textContent = String(w.year);
    cells[2].textContent = w.venue;
    for (var i = 0; i < this.labels.length; i++) {
      if (w.bits & (1 << i)) {
        cells[3 + i].className = "mark on";
        cells[3 + i].title = this.labels[i];
        cells[3 + i].textContent = "●";
      }
    }
    w.tr = tr;
    return tr;
  };

  // Show the first `limit` matching rows.
  Table.prototype.draw = function (limit) {
    var fragment = document.createDocumentFragment();
    var self = this;
    this.matches.slice(0, limit).forEach(function (w) { fragment.appendChild(self.row(w)); });
    this.tbody.replaceChildren(fragment);
    this.shown = Math.min(limit, this.matches.length);
    var rest = this.matches.length - this.shown;
    this.more.hidden = rest <= 0;
    this.more.textContent = "Show " + Math.min(rest, CHUNK) + " more (" + rest + " not shown)";
  };

  Table.prototype.buildControls = function (box) {
    var self = this, data = this.data;
    this.input = el("input", { type: "search", name: "q", id: "survey-q", autocomplete: "off",
      placeholder: "e.g. how:instance-based -in:2018 lstm", "aria-describedby": "survey-q-error" });
    this.input.addEventListener("input", function () { self.apply(self.input.value); });
    this.error = el("p", { id: "survey-q-error", class: "survey-error", role: "alert" });

    this.only2018 = el("input", { type: "checkbox", id: "survey-only-2018" });
    this.only2018.addEventListener("change", function () {
      self.edit(function (t) { return t.field === "in"; }, self.only2018.checked ? ["in:2018"] : []);
    });

    this.checkboxes = [];
    var fieldsets = data.facets.map(function (facet) {
      var boxes = facet.categories.map(function (cat, i) {
        var input = el("input", { type: "checkbox", value: facet.id + ":" + cat });
        input.dataset.facet = facet.id;
        input.dataset.category = cat;
        input.addEventListener("change", function () {
          self.edit(function (t) { return !t.negated && t.field === facet.id && t.value === cat; },
            input.checked ? [facet.id + ":" + cat] : []);
        });
        self.checkboxes.push(input);
        return el("label", { title: facet.labels[i] }, [input, document.createTextNode(" " + facet.shorts[i])]);
      });
      return el("fieldset", { class: "facet-filter facet-" + facet.id },
        [el("legend", { text: facet.title })].concat(boxes));
    });

    var years = data.works.map(function (w) { return w.year; });
    this.minYear = Math.min.apply(null, years);
    this.maxYear = Math.max.apply(null, years);
    this.yearFrom = el("input", { type: "number", id: "survey-year-from", min: String(this.minYear),
      max: String(this.maxYear), placeholder: String(this.minYear) });
    this.yearTo = el("input", { type: "number", id: "survey-year-to", min: String(this.minYear),
      max: String(this.maxYear), placeholder: String(this.maxYear) });
    [this.yearFrom, this.yearTo].forEach(function (input) {
      input.addEventListener("change", function () { self.editYears(); });
    });

    var venues = Object.keys(data.venues).filter(function (v) {
      return data.works.some(function (w) { return w.venue === v; });
    });
    this.venue = el("select", { id: "survey-venue" }, [el("option", { value: "", text: "Any venue" })]
      .concat(venues.map(function (v) { return el("option", { value: v, text: v }); })));
    this.venue.addEventListener("change", function () {
      var v = self.venue.value;
      self.edit(function (t) { return !t.negated && t.field === "venue"; },
        v ? ["venue:" + (v.indexOf(" ") >= 0 ? '"' + v + '"' : v)] : []);
    });

    var exports = ["csv", "json", "bibtex"].map(function (format) {
      var button = el("button", { type: "button", class: "md-button", text: format === "bibtex" ? "BibTeX" : format.toUpperCase() });
      button.dataset.export = format;
      button.addEventListener("click", function () { self.exportAs(format); });
      return button;
    });
    var clear = el("button", { type: "button", class: "md-button", text: "Clear filters" });
    clear.addEventListener("click", function () { self.input.value = ""; self.apply(""); });

    box.appendChild(el("div", { class: "survey-query-row" }, [
      el("label", { for: "survey-q", text: "Query" }), this.input, clear]));
    box.appendChild(this.error);
    box.appendChild(el("div", { class: "survey-switches" }, [
      el("label", {}, [this.only2018, document.createTextNode(" Only the works of the 2018 paper's table")]),
      el("span", { class: "survey-years" }, [el("label", { for: "survey-year-from", text: "Years" }),
        this.yearFrom, document.createTextNode("–"), this.yearTo]),
      el("label", { for: "survey-venue", text: "Venue" }), this.venue]));
    box.appendChild(el("div", { class: "survey-facets" }, fieldsets));
    box.appendChild(el("div", { class: "survey-export" }, [document.createTextNode("Export the selection: ")].concat(exports)));
    box.hidden = false;
  };

  // Replace the terms selected by `drop` with `add` (query text), then apply.
  Table.prototype.edit = function (drop, add) {
    var kept = this.terms.filter(function (t) { return !drop(t); });
    var text = [SurveyQuery.format(kept)].concat(add).filter(Boolean).join(" ");
    this.input.value = text;
    this.apply(text);
  };

  Table.prototype.editYears = function () {
    var lo = this.yearFrom.value, hi = this.yearTo.value;
    var value = lo || hi ? "year:" + (lo === hi ? lo : lo + ".." + hi) : "";
    this.edit(function (t) { return !t.negated && t.field === "year"; }, value ? [value] : []);
  };

  Table.prototype.apply = function (text) {
    var terms;
    try {
      terms = SurveyQuery.parse(text, this.data);
    } catch (err) {
      if (!(err instanceof SurveyQuery.QueryError)) throw err;
      this.error.textContent = err.message;
      this.input.setAttribute("aria-invalid", "true");
      return;
    }
    this.error.textContent = "";
    this.input.removeAttribute("aria-invalid");
    this.terms = terms;
    this.refilter();
    this.syncControls();
    this.keepInUrl(text.trim());
  };

  // history.replaceState takes 10-20 ms in Chromium: do it once typing or clicking pauses,
  // outside the interaction, and only if the reader is still on this page.
  Table.prototype.keepInUrl = function (query) {
    var path = location.pathname;
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(function () {
      if (location.pathname !== path) return;
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }, 250);
  };

  // Match the current terms against the works in the current order, and draw.
  Table.prototype.refilter = function () {
    var matches = SurveyQuery.compile(this.terms);
    this.matches = this.order.filter(matches);
    this.count.textContent = String(this.matches.length);
    this.draw(CHUNK);
  };

  // Controls show the query's positive terms. Only what differs is written: setting a
  // form control, even to its own value, makes the browser restyle it.
  Table.prototype.syncControls = function () {
    var positive = {};
    this.terms.forEach(function (t) { if (!t.negated) positive[t.field + ":" + t.value] = true; });
    var set = function (control, property, value) { if (control[property] !== value) control[property] = value; };
    this.checkboxes.forEach(function (box) { set(box, "checked", !!positive[box.value]); });
    set(this.only2018, "checked", !!positive["in:2018"]);
    var years = this.terms.filter(function (t) { return !t.negated && t.field === "year"; });
    var bounds = years.length === 1 ? years[0].value.split("..") : ["", ""];
    set(this.yearFrom, "value", bounds[0] || "");
    set(this.yearTo, "value", bounds.length > 1 ? bounds[1] || "" : bounds[0] || "");
    var venues = this.terms.filter(function (t) { return !t.negated && t.field === "venue"; });
    set(this.venue, "value", venues.length === 1 ? venues[0].value : "");
  };

  Table.prototype.bindSorting = function () {
    var self = this;
    var headers = this.root.querySelectorAll(".survey-live th[data-sort]");
    headers.forEach(function (th) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      var sort = function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        self.sortBy(th.dataset.sort, ascending);
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
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
    this.refilter();
  };

  Table.prototype.exportAs = function (format) {
    var ids = this.matches.map(function (w) { return w.id; });
    var facets = this.data.facets.map(function (f) { return f.id; });
    fetchJSON(this.root.dataset.export).then(function (exp) {
      var content, type, ext;
      if (format === "json") {
        content = JSON.stringify(ids.map(function (id) { return exp.records[id]; }), null, 2) + "\n";
        type = "application/json"; ext = "json";
      } else if (format === "bibtex") {
        content = ids.map(function (id) { return exp.bibtex[id]; }).join("\n");
        type = "application/x-bibtex"; ext = "bib";
      } else {
        content = csv(ids.map(function (id) { return exp.records[id]; }), facets);
        type = "text/csv"; ext = "csv";
      }
      var link = el("a", { href: URL.createObjectURL(new Blob([content], { type: type })),
        download: "survey-works." + ext });
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  };

  // The same columns as `survey query --format csv`.
  function csv(records, facets) {
    var header = ["id", "title", "authors", "year", "venue", "url", "doi", "arxiv"].concat(facets, ["in_2018_table"]);
    var lines = [header].concat(records.map(function (r) {
      return ["id", "title", "authors", "year", "venue", "url", "doi", "arxiv"].map(function (k) {
        return r[k] === undefined ? "" : String(r[k]);
      }).concat(facets.map(function (f) { return (r[f] || []).join(";"); }), [String(!!r.in_2018_table)]);
    }));
    return lines.map(function (cells) {
      return cells.map(function (c) { return /[",\n\r]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c; }).join(",");
    }).join("\n") + "\n";
  }

  if (window.document$) window.document$.subscribe(mount);
  else document.addEventListener("DOMContentLoaded", mount);
})();
