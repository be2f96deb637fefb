/* The taxonomy table's query (/table/): applying a query string (parsed and matched by
 * survey-query.js), and the edits the controls make to it; the controls then show what the
 * query asks. Part of SurveyTable (survey-table-state.js says how the files divide the work).
 */
(function (root) {
  "use strict";

  var ns = root.SurveyTable = root.SurveyTable || {};
  var T = ns.Table, set = ns.set, quoted = ns.quoted;
  var ERROR_DELAY = 500;  // ms of quiet typing before a query that cannot be read is explained

  T.prototype.edit = function (drop, add) {
    var kept = this.terms.filter(function (t) { return !drop(t); });
    var text = [SurveyQuery.format(kept)].concat(add).filter(Boolean).join(" ");
    this.input.value = text;
    this.apply(text, true);
  };

  // A control that asks for one value of a field (venue, venue type): it replaces the
  // field's positive terms.
  T.prototype.editOne = function (field, value) {
    this.edit(function (t) { return !t.negated && t.field === field; }, value ? [field + ":" + quoted(value)] : []);
  };

  T.prototype.editYears = function () {
    var lo = this.yearFrom.value, hi = this.yearTo.value;
    var value = lo || hi ? "year:" + (lo === hi ? lo : lo + ".." + hi) : "";
    this.edit(function (t) { return !t.negated && t.field === "year"; }, value ? [value] : []);
  };

  // Rewrite one facet's terms from its controls: the ticked categories (one term joined
  // by '+' for "all", a term each for "any"), then a -facet:cat per excluded one. A
  // negated join typed by hand (-facet:a+b) has no control and is kept.
  T.prototype.editFacet = function (facetId) {
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
  T.prototype.syncControls = function () {
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
  T.prototype.apply = function (text, settled, history) {
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
  T.prototype.showFilterCount = function () {
    var on = this.terms.filter(function (t) { return t.field !== "text"; }).length;
    set(this.filtersButton, "textContent", "Filters (" + on + ")");
  };

  // Match the current terms against the works in the current order, and show them.
  T.prototype.refilter = function () {
    this.matches = this.order.filter(SurveyQuery.compile(this.terms));
    this.showMatches();
  };

  if (typeof module !== "undefined" && module.exports) module.exports = ns;  // node, in the tests
})(typeof window !== "undefined" ? window : globalThis);
