/* The query language of `survey query`, for the browser (twin of survey/query/language.py).
 *
 *   facet:a facet:b                      categories of one facet: any of them (OR)
 *   facet:a+b                            '+' joins values: all of them (AND)
 *   -facet:a                             a leading '-' negates any term
 *   year:2016..2018  year:2017..  year:..2015  year:2016
 *   venue:<abbreviation>  venue:"<two words>"  type:<venue type>  in:<snapshot>
 *   author:<name>  author:<name>+<name>  any author's name contains it
 *   word "two words"                     words in titles and authors (all must match)
 *
 * Examples in messages come from the survey itself: its facets and categories, the terms
 * around a mistake, and vocab.examples (works.json: a real author and venue of the data).
 * A mistyped name gets the CLI's "did you mean" hint (survey/records/suggest.py, which
 * uses Python's difflib: didYouMean below computes the same ratio).
 *
 * Both twins are tested against the same vectors (tests/query_vectors.json; the JavaScript
 * one under node, tests/js/query.test.js). Names a reader
 * types (facets, filters) are looked up in Maps: `constructor:x` is an unknown filter, not
 * Object.prototype.constructor.
 */
(function () {
  "use strict";

  var TOKEN = /(-?)(?:([A-Za-z_][A-Za-z0-9_]*):((?:"[^"]*"?|[^\s"])*)|((?:"[^"]*"?|[^\s"])+))/g;
  var PIECE = /(?:"[^"]*"?|[^+"])+/g;
  var YEAR = /^(\d{4})?(\.\.)?(\d{4})?$/;
  var OPERATOR_WORDS = ["OR", "AND", "NOT"];

  function QueryError(message) { this.message = message; }

  // vocab: {facets: [{id, categories: [...]}], venues: {abbr: type}, venueTypes: [...],
  //         snapshots: [{id, names: [id, aliases...], label}],
  //         examples (optional): {author: [family names], venue: abbr}}
  function vocabulary(vocab) {
    if (vocab._lookup) return vocab._lookup;
    var facets = new Map();
    vocab.facets.forEach(function (f) { facets.set(f.id, f.categories); });
    var fields = vocab.facets.map(function (f) { return f.id; }).concat(["year", "venue", "type", "in", "author"]);
    var venues = new Map();
    Object.keys(vocab.venues).forEach(function (abbr) { venues.set(abbr, vocab.venues[abbr]); });
    var lookup = { facets: facets, fields: fields, venues: venues, venueTypes: vocab.venueTypes,
                   snapshots: vocab.snapshots || [], examples: vocab.examples || {},
                   firstFacet: vocab.facets.filter(function (f) { return f.categories.length > 1; })[0] ||
                               vocab.facets[0] || null };
    Object.defineProperty(vocab, "_lookup", { value: lookup });  // not enumerable: not exported
    return lookup;
  }

  function parse(text, vocab) {
    var lookup = vocabulary(vocab);
    var terms = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text || "")) !== null) {
      var negated = match[1] === "-", written = match[0];
      if (match[2] === undefined) {
        var raw = match[4];
        if (OPERATOR_WORDS.indexOf(raw) >= 0) throw new QueryError(operatorHint(raw, text, match.index, lookup));
        var word = raw.replace(/"/g, "");
        if (word) terms.push(textTerm(word, negated));
        continue;
      }
      var name = match[2].toLowerCase();
      if (lookup.fields.indexOf(name) < 0) {
        throw new QueryError("unknown filter '" + name + ":' in '" + written + "'" +
          didYouMean(name, lookup.fields) + ": use one of " +
          lookup.fields.map(function (f) { return f + ":"; }).join(", "));
      }
      terms.push(term(name, values(name, match[3], written, lookup), negated, written, lookup));
    }
    return terms;
  }

  function joinable(field, lookup) { return field === "author" || lookup.facets.has(field); }

  // Every author of a work: its full list when the record has one, else the short form.
  function authorNames(w) {
    return w.authorList && w.authorList.length ? w.authorList : [w.authors];
  }

  // The examples are the terms around the operator where they name categories of one facet
  // (facet:a OR facet:b), else two categories of the survey's first facet.
  function operatorHint(word, text, at, lookup) {
    var around = [], match, pattern = new RegExp(TOKEN.source, "g");
    while ((match = pattern.exec(text)) !== null) {
      if (match.index !== at && match[2] !== undefined && !match[1]) {
        var name = match[2].toLowerCase(), value = match[3].replace(/"/g, "").toLowerCase();
        var categories = lookup.facets.get(name);
        if (categories && categories.indexOf(value) >= 0) around.push({ facet: name, category: value, before: match.index < at });
      }
    }
    var near = around.filter(function (t) { return t.before; }).pop() ||
      around.filter(function (t) { return !t.before; })[0];
    var facet = near ? near.facet : lookup.firstFacet && lookup.firstFacet.id;
    var pieces = "";
    if (facet) {
      var a = near ? near.category : lookup.facets.get(facet)[0];
      var other = around.filter(function (t) { return t.facet === facet && t.category !== a; })[0];
      var b = other ? other.category : lookup.facets.get(facet).filter(function (c) { return c !== a; })[0];
      pieces = b ? " (" + facet + ":" + a + " " + facet + ":" + b + "), '+' asks for all of them (" +
        facet + ":" + a + "+" + b + ")" : ", '+' asks for all of them";
      pieces += ", terms of different kinds must all match, and '-' excludes (-" + facet + ":" + a + ")";
    } else {
      pieces = ", '+' asks for all of them, terms of different kinds must all match, and '-' excludes";
    }
    return "'" + word + "' is not an operator: categories of one facet match any of them" + pieces +
      "; to search for the word, quote it: \"" + word.toLowerCase() + "\"";
  }

  // Python's difflib.SequenceMatcher(None, a, b).ratio(), without its junk heuristic (which
  // needs 200 characters): 2 * matched / total, the matches found as the longest common
  // block, then recursively left and right of it, ties going to the earliest block.
  function ratio(a, b) {
    var matched = function (alo, ahi, blo, bhi) {
      if (alo >= ahi || blo >= bhi) return 0;
      var besti = alo, bestj = blo, bestsize = 0, lengths = {};
      for (var i = alo; i < ahi; i++) {
        var next = {};
        for (var j = blo; j < bhi; j++) {
          if (a[i] !== b[j]) continue;
          var k = (lengths[j - 1] || 0) + 1;
          next[j] = k;
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        lengths = next;
      }
      if (!bestsize) return 0;
      return bestsize + matched(alo, besti, blo, bestj) + matched(besti + bestsize, ahi, bestj + bestsize, bhi);
    };
    var total = a.length + b.length;
    return total ? 2 * matched(0, a.length, 0, b.length) / total : 1;
  }

  // " (did you mean 'category'?)" for the closest choice, ignoring case; "" if none is close
  // (survey/records/suggest.py: difflib.get_close_matches, cutoff 0.6; ties: the greater string).
  function didYouMean(word, choices) {
    var lowered = new Map();
    choices.forEach(function (c) { lowered.set(c.toLowerCase(), c); });
    var best = null, bestScore = -1, lower = word.toLowerCase();
    lowered.forEach(function (choice, key) {
      var score = ratio(key, lower);
      if (score >= 0.6 && (score > bestScore || (score === bestScore && key > best))) { best = key; bestScore = score; }
    });
    return best === null ? "" : " (did you mean '" + lowered.get(best) + "'?)";
  }

  function values(name, raw, written, lookup) {
    if (!raw.replace(/"/g, "")) {
      throw new QueryError("'" + written + "' needs a value, e.g. " + example(name, lookup, 1));
    }
    var pieces = joinable(name, lookup) ? raw.match(PIECE) || [] : [raw];
    var out = pieces.map(function (p) { return p.replace(/"/g, ""); });
    if (pieces.join("+") !== raw || out.some(function (v) { return !v; })) {
      throw new QueryError("'" + written + "': '+' joins two values, as in " + example(name, lookup, 2) +
        "; one side is empty");
    }
    return out;
  }

  // An example of a field's term, from this survey: its categories, venues and authors.
  function example(name, lookup, count) {
    if (lookup.facets.has(name)) return name + ":" + lookup.facets.get(name).slice(0, count).join("+");
    var first = lookup.snapshots[0], venue = lookup.examples.venue || lookup.venues.keys().next().value;
    var authors = (lookup.examples.author || []).slice(0, count);
    while (authors.length < count) authors.push("name" + (authors.length ? authors.length + 1 : ""));
    return { year: "year:2016",
             venue: "venue:" + (venue === undefined ? "NAME" : venue.indexOf(" ") >= 0 ? '"' + venue + '"' : venue),
             type: "type:" + (lookup.venueTypes[0] || "TYPE"),
             "in": "in:" + (first ? first.names[first.names.length - 1] : "SNAPSHOT"),
             author: "author:" + authors.join("+") }[name];
  }

  function textTerm(value, negated) {
    var word = value.toLowerCase();
    return { field: "text", value: word, values: [word], negated: negated, test: function (w) {
      // Title and authors, lowercased once per work; no word or phrase spans the newline.
      if (w.searchText === undefined) {
        w.searchText = [w.title, w.authors].concat(authorNames(w)).join("\n").toLowerCase();
      }
      return w.searchText.indexOf(word) >= 0;
    } };
  }

  function term(name, vals, negated, written, lookup) {
    if (lookup.facets.has(name)) {
      var allowed = lookup.facets.get(name);
      var categories = vals.map(function (v) { return v.toLowerCase(); });
      categories.forEach(function (category) {
        if (allowed.indexOf(category) < 0) {
          var other = facetOf(category, lookup.facets);
          throw new QueryError("unknown '" + name + "' category '" + category + "' in '" + written + "'" +
            (other ? " (it is a '" + other + "' category: " + other + ":" + category + ")" : didYouMean(category, allowed)) +
            "; allowed: " + allowed.join(", "));
        }
      });
      return { field: name, value: categories.join("+"), values: categories, negated: negated,
        test: function (w) {
          var tags = w.tags[name];
          for (var i = 0; i < categories.length; i++) if (tags.indexOf(categories[i]) < 0) return false;
          return true;
        } };
    }
    if (name === "author") {
      var parts = vals.map(function (v) { return v.toLowerCase(); });
      return { field: "author", value: parts.join("+"), values: parts, negated: negated, test: function (w) {
        if (w.authorText === undefined) w.authorText = authorNames(w).map(function (a) { return a.toLowerCase(); });
        return parts.every(function (part) {
          return w.authorText.some(function (a) { return a.indexOf(part) >= 0; });
        });
      } };
    }
    var value = vals[0];
    if (name === "year") {
      var range = yearRange(value, written);
      var shown = value.indexOf("..") >= 0 ? value : String(range[0]);
      return { field: "year", value: shown, values: [shown], negated: negated,
        // A work without a year (null) is in no range: null would compare as 0 here.
        test: function (w) { return w.year !== null && w.year !== undefined && range[0] <= w.year && w.year <= range[1]; } };
    }
    if (name === "venue") {
      var venue = lookupName(value, Array.from(lookup.venues.keys()), written, "venue");
      return { field: "venue", value: venue, values: [venue], negated: negated,
        test: function (w) { return w.venue === venue; } };
    }
    if (name === "type") {
      var kind = lookupName(value, lookup.venueTypes, written, "venue type");
      return { field: "type", value: kind, values: [kind], negated: negated, test: function (w) {
        return lookup.venues.get(w.venue) === kind;
      } };
    }
    return snapshotTerm(value, negated, written, lookup);  // name === "in"
  }

  // in:NAME, a snapshot (survey.yml) by its id or an alias. A work's snapshotIndices lists
  // the indices of its snapshots in vocab.snapshots (works.json's sixth column).
  function snapshotTerm(value, negated, written, lookup) {
    var lower = value.toLowerCase();
    for (var i = 0; i < lookup.snapshots.length; i++) {
      var names = lookup.snapshots[i].names;
      for (var j = 0; j < names.length; j++) {
        if (names[j].toLowerCase() === lower) {
          var index = i;
          return { field: "in", value: names[j], values: [names[j]], negated: negated,
            test: function (w) { return w.snapshotIndices.indexOf(index) >= 0; } };
        }
      }
    }
    if (!lookup.snapshots.length) {
      throw new QueryError("'" + written + "': this survey names no snapshots (survey.yml)");
    }
    throw new QueryError("'" + written + "': " + lookup.snapshots.map(function (s) {
      return "write in:" + s.names[s.names.length - 1] + " for " + s.label;
    }).join("; ") + ", or -in:" + lookup.snapshots[0].names[lookup.snapshots[0].names.length - 1] +
      " for the others");
  }

  function facetOf(category, facets) {
    var found = null;
    facets.forEach(function (categories, id) {
      if (found === null && categories.indexOf(category) >= 0) found = id;
    });
    return found;
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

  function lookupName(value, choices, written, what) {
    for (var i = 0; i < choices.length; i++) {
      if (choices[i].toLowerCase() === value.toLowerCase()) return choices[i];
    }
    throw new QueryError("unknown " + what + " in '" + written + "'" + didYouMean(value, choices) +
      "; known: " + choices.join(", "));
  }

  // One predicate for a parsed query, with the semantics of Query.matches in
  // survey/query/language.py. Grouping is done once here, not once per work.
  function compile(terms) {
    var excluded = terms.filter(function (t) { return t.negated; });
    var required = terms.filter(function (t) { return !t.negated && t.field === "text"; });
    var groups = new Map();
    terms.forEach(function (t) {
      if (t.negated || t.field === "text") return;
      if (!groups.has(t.field)) groups.set(t.field, []);
      groups.get(t.field).push(t);
    });
    var anyOf = Array.from(groups.values());
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

  // A term as query text; the inverse of parse for one term.
  function formatTerm(t) {
    var value = t.values.map(function (v) { return v.indexOf(" ") >= 0 ? '"' + v + '"' : v; }).join("+");
    return (t.negated ? "-" : "") + (t.field === "text" ? value : t.field + ":" + value);
  }

  function format(terms) {
    return terms.map(formatTerm).join(" ");
  }

  var api = { parse: parse, compile: compile, matches: matches, format: format, formatTerm: formatTerm,
    QueryError: QueryError, didYouMean: didYouMean };
  if (typeof window !== "undefined") window.SurveyQuery = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;  // node, in the tests
})();
