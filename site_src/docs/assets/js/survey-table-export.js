/* The taxonomy table's exports (/table/): the selection as CSV, JSON or BibTeX, the same
 * bytes as `survey query --format FORMAT QUERY`. Part of SurveyTable
 * (survey-table-state.js says how the files divide the work).
 */
(function (root) {
  "use strict";

  var ns = root.SurveyTable = root.SurveyTable || {};
  var T = ns.Table, el = ns.el, fetchJSON = ns.fetchJSON;

  // ---- Export ----------------------------------------------------------------------

  // "survey-facet-a.bib" for facet:a; "survey-works.csv" for everything.
  function exportName(query, ext) {
    var slug = query.toLowerCase().replace(/(^|\s)-/g, "$1not ").replace(/\+/g, " and ")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
    return "survey-" + (slug || "works") + "." + ext;
  }

  T.prototype.exportAs = function (format) {
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
  // project applies it (survey/query/formats.py; vectors: tests/csv_vectors.json): a cell
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
        return r[k] === undefined || r[k] === null ? "" : String(r[k]);  // no year: an empty cell
      }).concat(facets.map(function (f) { return (r[f] || []).join(";"); }), snapshots.map(function (s) {
        return String(!!r[s.column] || (r.snapshots || []).indexOf(s.id) >= 0);
      }), [version]);
    }));
    return lines.map(csvLine).join("\n") + "\n";
  }
  ns.exportName = exportName;
  ns.latexText = latexText;
  ns.spreadsheetCell = spreadsheetCell;
  ns.csvLine = csvLine;
  ns.csv = csv;
  if (typeof module !== "undefined" && module.exports) module.exports = ns;  // node, in the tests
})(typeof window !== "undefined" ? window : globalThis);
