// The table page's pure parts (site_src/docs/assets/js/survey-table-*.js): reading
// works.json, years (a work may have none: null), sorting, counting, and the CSV, file
// names and BibTeX comment of the exports. What needs a page (drawing, controls, the address
// bar) is tested in Chromium (tests/site/test_table_*.py). Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const JS = path.join(ROOT, "site_src", "docs", "assets", "js");
const SurveyQuery = require(path.join(JS, "survey-query.js"));
for (const part of ["state", "rows", "controls", "query", "charts", "export"]) require(path.join(JS, `survey-table-${part}.js`));
const SurveyTable = globalThis.SurveyTable;
const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, "tests", file), "utf8"));

// The query vectors' works as works.json holds them (zeta-undated-notes has no year), and one
// more without a year.
function site() {
  const data = read(path.join("js", "query_site.json"));
  data.works.push(["undated2020", "An Undated Note on LSTM", "Zeta, et al.", null, "arXiv", [], [0], "", [], ""]);
  return SurveyTable.decode(data);
}
const ids = (works) => works.map((w) => w.id);
const select = (data, query) => ids(data.works.filter(SurveyQuery.compile(SurveyQuery.parse(query, data)))).sort();

test.describe("a work without a year", () => {
  const data = site();
  const undated = data.works.find((w) => w.id === "undated2020");

  test.it("is read as null and shown as n.d.", () => {
    assert.equal(undated.year, null);
    assert.equal(SurveyTable.yearText(null), "n.d.");
    assert.equal(SurveyTable.yearText(2017), "2017");
  });

  test.it("is left out of the years the works span", () => {
    assert.deepEqual(SurveyTable.yearSpan(data.works), { first: 2015, last: 2019 });
    assert.equal(SurveyTable.yearSpan([undated]), null);
    assert.equal(SurveyTable.yearSpan([]), null);
  });

  test.it("sorts last by year, ascending and descending; ties keep the collection's order", () => {
    assert.deepEqual(ids(SurveyTable.sortOrder(data.works, "year", true)),
      ["alpha2015lstm", "beta2016graph", "gamma2017play", "delta2018embed", "epsilon2019saliency", "zeta-undated-notes", "undated2020"]);
    assert.deepEqual(ids(SurveyTable.sortOrder(data.works, "year", false)),
      ["epsilon2019saliency", "delta2018embed", "gamma2017play", "beta2016graph", "alpha2015lstm", "zeta-undated-notes", "undated2020"]);
    const twoUndated = data.works.concat([Object.assign({}, undated, { id: "undated2021" })]);
    assert.deepEqual(ids(SurveyTable.sortOrder(twoUndated, "year", false)).slice(-2), ["undated2020", "undated2021"]);
  });

  test.it("is in no year range, and in every negated one", () => {
    assert.ok(!select(data, "year:..2015").includes("undated2020"));
    assert.ok(!select(data, "year:2016..").includes("undated2020"));
    assert.ok(!select(data, "year:2016").includes("undated2020"));
    assert.deepEqual(select(data, "year:..2030"), ids(data.works).filter((id) => !["undated2020", "zeta-undated-notes"].includes(id)).sort());
    assert.ok(select(data, "-year:2016..2018").includes("undated2020"));
    assert.deepEqual(select(data, "lstm"), ["alpha2015lstm", "epsilon2019saliency", "undated2020"]);
  });

  test.it("counts in its venue and categories, in no year", () => {
    const counts = SurveyTable.tally(data.works, data.columns.length);
    assert.deepEqual([...counts.perYear.keys()].sort(), [2015, 2016, 2017, 2018, 2019]);
    assert.equal(counts.perVenue.get("arXiv"), 3);
    assert.equal(data.columns[0], "why:interpretability");
    assert.equal(counts.perColumn[0], 5);  // alpha, delta, epsilon and the two undated works
  });

  test.it("has an empty year cell in the CSV export", () => {
    const text = SurveyTable.csv([{ id: "undated2020", title: "T", authors: "Z", year: null, venue: "arXiv" }], ["why"], [], "v1");
    assert.equal(text.split("\n")[1], "undated2020,T,Z,,arXiv,,,,,v1");
  });
});

test.describe("sorting", () => {
  const data = site();
  test.it("by title, case-insensitively", () => {
    const titles = SurveyTable.sortOrder(data.works, "title", true).map((w) => w.title.toLowerCase());
    assert.deepEqual(titles, [...titles].sort());
  });
  test.it("by a category: the works that have it first when descending", () => {
    const order = ids(SurveyTable.sortOrder(data.works, "how:node-link", false));
    assert.deepEqual(order.slice(0, 2), ["beta2016graph", "gamma2017play"]);
  });
});

test.describe("counts", () => {
  test.it("per category column, year and venue, of the works given", () => {
    const data = site();
    const matches = data.works.filter((w) => w.tags.how.includes("node-link"));
    const counts = SurveyTable.tally(matches, data.columns.length);
    const nodeLink = data.columns.indexOf("how:node-link");
    assert.equal(counts.perColumn[nodeLink], 2);
    assert.equal(counts.perColumn.reduce((a, b) => a + b, 0), matches.reduce((n, w) => n + w.columnIndices.length, 0));
    assert.deepEqual([...counts.perYear.entries()].sort(), [[2016, 1], [2017, 1]]);
    assert.deepEqual([...counts.perVenue.entries()].sort(), [["ICML VIS", 1], ["VADL", 1]]);
  });
});

test.describe("exports", () => {
  for (const c of read("csv_vectors.json").cases) {
    test.it(`spreadsheet formula rule: ${JSON.stringify(c.cell)}`, () => {
      assert.equal(SurveyTable.spreadsheetCell(c.cell), c.written);
    });
  }

  test.it("CSV cells are quoted as Python's csv module quotes them", () => {
    assert.equal(SurveyTable.csvLine(["a", "b,c", 'say "hi"', "two\nlines", "=1+1"]),
      'a,"b,c","say ""hi""","two\nlines",\'=1+1');
  });

  test.it("CSV columns: the record's, the facets', the snapshots' and the collection version", () => {
    const record = { id: "x", title: "T", authors: "A", year: 2017, venue: "V", url: "https://e.org", doi: "10.1/x",
                     why: ["a", "b"], snapshots: ["s1"], in_s2: true };
    const text = SurveyTable.csv([record], ["why", "how"], [{ id: "s1", column: "in_s1" }, { id: "s2", column: "in_s2" }], "v7");
    assert.equal(text, "id,title,authors,year,venue,url,doi,arxiv,why,how,in_s1,in_s2,collection_version\n" +
      "x,T,A,2017,V,https://e.org,10.1/x,,a;b,,true,true,v7\n");
  });

  test.it("file names say the query", () => {
    assert.equal(SurveyTable.exportName("", "csv"), "survey-works.csv");
    assert.equal(SurveyTable.exportName("how:node-link -why:education", "bib"), "survey-how-node-link-not-why-education.bib");
    assert.equal(SurveyTable.exportName("why:a+b", "json"), "survey-why-a-and-b.json");
    assert.equal(SurveyTable.exportName("how:line", "bib"), "survey-how-line.bib");
    assert.equal(SurveyTable.exportName('venue:"ICML VIS" année', "csv"), "survey-venue-icml-vis-ann-e.csv");
    assert.ok(SurveyTable.exportName("x".repeat(200), "csv").length <= "survey-.csv".length + 80);
  });

  test.it("the BibTeX comment escapes LaTeX's special characters", () => {
    assert.equal(SurveyTable.latexText("a_b {c} 50% #1 $x & ~^\\"),
      "a\\_b \\{c\\} 50\\% \\#1 \\$x \\& \\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
  });
});
