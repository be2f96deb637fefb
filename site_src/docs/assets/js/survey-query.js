/* The query language of `survey query`, for the browser (twin of survey/query/language.py).
 *
 *   how:instance-based who:non-experts   OR within a facet, AND across facets
 *   -how:node-link                       a leading '-' negates any term
 *   year:2016..2018  year:2017..  year:..2015  year:2016
 *   venue:TVCG  venue:"ICML VIS"  type:workshop  in:2018
 *   lstm "hidden state"                  words in titles and authors (all must match)
 *
 * The test suite runs both implementations on the same queries and compares the results.
 */
(function () {
  "use strict";

  var TOKEN = /(-?)(?:([A-Za-z_]+):)?("[^"]*"?|\S+)/g;
  var YEAR = /^(\d{4})?(\.\.)?(\d{4})?$/;

  function QueryError(message) { this.message = message; }

  // vocab: {facets: [{id, categories: [...]}], venues: {abbr: type}, venueTypes: [...]}
  function parse(text, vocab) {
    var facets = {};
    vocab.facets.forEach(function (f) { facets[f.id] = f.categories; });
    var fields = vocab.facets.map(function (f) { return f.id; }).concat(["year", "venue", "type", "in"]);
    var terms = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text || "")) !== null) {
      var negated = match[1] === "-";
      var name = match[2] ? match[2].toLowerCase() : "text";
      var value = match[3].replace(/^"+|"+$/g, "");
      if (!value) continue;
      terms.push(term(name, value, negated, match[0], facets, fields, vocab));
    }
    return terms;
  }

  function term(name, value, negated, written, facets, fields, vocab) {
    if (name === "text") {
      var word = value.toLowerCase();
      return { field: "text", value: word, negated: negated, test: function (w) {
        // Title and authors, lowercased once per work; no word or phrase spans the newline.
        var text = w.searchText || (w.searchText = (w.title + "\n" + w.authors).toLowerCase());
        return text.indexOf(word) >= 0;
      } };
    }
    if (facets[name]) {
      var category = value.toLowerCase();
      if (facets[name].indexOf(category) < 0) {
        var other = facetOf(category, facets);
        throw new QueryError("unknown '" + name + "' category in '" + written + "'" +
          (other ? " (it is a '" + other + "' category: " + other + ":" + category + ")" : "") +
          "; allowed: " + facets[name].join(", "));
      }
      return { field: name, value: category, negated: negated, test: function (w) {
        return w.tags[name].indexOf(category) >= 0;
      } };
    }
    if (name === "year") {
      var range = yearRange(value, written);
      return { field: "year", value: value.indexOf("..") >= 0 ? value : String(range[0]), negated: negated,
        test: function (w) { return range[0] <= w.year && w.year <= range[1]; } };
    }
    if (name === "venue") {
      var venue = lookup(value, Object.keys(vocab.venues), written, "venue");
      return { field: "venue", value: venue, negated: negated, test: function (w) { return w.venue === venue; } };
    }
    if (name === "type") {
      var kind = lookup(value, vocab.venueTypes, written, "venue type");
      return { field: "type", value: kind, negated: negated, test: function (w) {
        return vocab.venues[w.venue] === kind;
      } };
    }
    if (name === "in") {
      if (value !== "2018") {
        throw new QueryError("'" + written + "': write in:2018 for the works of the 2018 paper's " +
          "table, or -in:2018 for the works added since");
      }
      return { field: "in", value: "2018", negated: negated, test: function (w) { return w.in2018; } };
    }
    throw new QueryError("unknown filter '" + name + ":' in '" + written + "': use one of " +
      fields.map(function (f) { return f + ":"; }).join(", "));
  }

  function facetOf(category, facets) {
    for (var id in facets) if (facets[id].indexOf(category) >= 0) return id;
    return null;
  }

  function yearRange(value, written) {
    var m = YEAR.exec(value);
    if (!m || !(m[1] || m[3]) || (!m[2] && m[3])) {
      throw new QueryError("cannot read '" + written + "': write year:2016, year:2016..2018, " +
        "year:2017.. or year:..2015");
    }
    if (!m[2]) return [+m[1], +m[1]];
    var low = m[1] ? +m[1] : 0, high = m[3] ? +m[3] : 9999;
    if (low > high) throw new QueryError("'" + written + "': the range is empty; write the earlier year first");
    return [low, high];
  }

  function lookup(value, choices, written, what) {
    for (var i = 0; i < choices.length; i++) {
      if (choices[i].toLowerCase() === value.toLowerCase()) return choices[i];
    }
    throw new QueryError("unknown " + what + " in '" + written + "'; known: " + choices.join(", "));
  }

  // One predicate for a parsed query, with the semantics of Query.matches in
  // survey/query/language.py. Grouping is done once here, not once per work.
  function compile(terms) {
    var excluded = terms.filter(function (t) { return t.negated; });
    var required = terms.filter(function (t) { return !t.negated && t.field === "text"; });
    var groups = {};
    terms.forEach(function (t) {
      if (!t.negated && t.field !== "text") (groups[t.field] = groups[t.field] || []).push(t);
    });
    var anyOf = Object.keys(groups).map(function (field) { return groups[field]; });
    return function (work) {
      var i, j;
      for (i = 0; i < excluded.length; i++) if (excluded[i].test(work)) return false;
      for (i = 0; i < required.length; i++) if (!required[i].test(work)) return false;
      for (i = 0; i < anyOf.length; i++) {
        for (j = 0; j < anyOf[i].length; j++) if (anyOf[i][j].test(work)) break;
        if (j === anyOf[i].length) return false;
      }
      return true;
    };
  }

  function matches(terms, work) {
    return compile(terms)(work);
  }

  function format(terms) {
    return terms.map(function (t) {
      var value = t.value.indexOf(" ") >= 0 ? '"' + t.value + '"' : t.value;
      return (t.negated ? "-" : "") + (t.field === "text" ? value : t.field + ":" + value);
    }).join(" ");
  }

  window.SurveyQuery = { parse: parse, compile: compile, matches: matches, format: format,
    QueryError: QueryError };
})();
