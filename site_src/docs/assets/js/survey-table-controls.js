/* The taxonomy table's controls (/table/): the query box, and the filters that each write
 * one kind of term into it (snapshot, years, venue type, venue, author, a checkbox and a
 * "not" per category). Part of SurveyTable (survey-table-state.js says how the files divide
 * the work).
 */
(function (root) {
  "use strict";

  var ns = root.SurveyTable = root.SurveyTable || {};
  var T = ns.Table, el = ns.el, quoted = ns.quoted;

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
  T.prototype.buildControls = function (box) {
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
  T.prototype.buildSwitches = function () {
    var self = this, data = this.data;
    var snapshot = this.snapshot;
    this.onlySnapshot = snapshot && el("input", { type: "checkbox", id: "survey-only-" + snapshot.name });
    if (snapshot) this.onlySnapshot.addEventListener("change", function () {
      self.edit(function (t) { return t.field === "in"; }, self.onlySnapshot.checked ? ["in:" + snapshot.name] : []);
    });

    var span = ns.yearSpan(data.works);
    // Loops over minYear..maxYear; a collection without years has none to loop over.
    this.minYear = span ? span.first : 1;
    this.maxYear = span ? span.last : 0;
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
      self.authorTimer = setTimeout(editAuthor, ns.TYPING_PAUSE);
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
  T.prototype.facetControls = function (facet) {
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

  ns.exampleQuery = exampleQuery;
  if (typeof module !== "undefined" && module.exports) module.exports = ns;  // node, in the tests
})(typeof window !== "undefined" ? window : globalThis);
