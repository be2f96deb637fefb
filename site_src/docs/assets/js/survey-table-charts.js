/* The taxonomy table's counts and linked charts (/table/): for the matches, the number of
 * works in each category (beside its checkbox), each year and each venue, as bar charts
 * whose bars refine the query; and a hand-written page's count of works. Part of
 * SurveyTable (survey-table-state.js says how the files divide the work).
 */
(function (root) {
  "use strict";

  var ns = root.SurveyTable = root.SurveyTable || {};
  var T = ns.Table, el = ns.el, set = ns.set, plural = ns.plural, quoted = ns.quoted, fetchJSON = ns.fetchJSON;
  var TOP_VENUES = 10;  // venues in the venue chart; the rest are summed in one line

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

  // Rows, the count, the category counts and the charts: all from this.matches.
  T.prototype.showMatches = function () {
    this.count.textContent = String(this.matches.length);
    this.draw(ns.CHUNK);
    var counts = tally(this.matches, this.data.columns.length);
    for (var c = 0; c < counts.perColumn.length; c++) set(this.countCells[c], "textContent", String(counts.perColumn[c]));
    this.drawCharts(counts.perColumn, counts.perYear, counts.perVenue);
  };

  // How many of `works` have each column (category), year and venue: {perColumn: an array
  // by column index, perYear and perVenue: Maps}. A work without a year counts in no year.
  function tally(works, columns) {
    var perColumn = new Array(columns).fill(0), perYear = new Map(), perVenue = new Map();
    for (var m = 0; m < works.length; m++) {
      var w = works[m];
      for (var cols = w.columnIndices, k = 0; k < cols.length; k++) perColumn[cols[k]]++;
      if (w.year !== null) perYear.set(w.year, (perYear.get(w.year) || 0) + 1);
      perVenue.set(w.venue, (perVenue.get(w.venue) || 0) + 1);
    }
    return { perColumn: perColumn, perYear: perYear, perVenue: perVenue };
  }

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

  T.prototype.buildCharts = function (aside) {
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

  T.prototype.drawCharts = function (perColumn, perYear, perVenue) {
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
  ns.fillCounts = fillCounts;
  ns.tally = tally;
  if (typeof module !== "undefined" && module.exports) module.exports = ns;  // node, in the tests
})(typeof window !== "undefined" ? window : globalThis);
