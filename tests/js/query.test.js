// The query language's JavaScript twin (site_src/docs/assets/js/survey-query.js) against
// the vectors both twins answer (tests/query_vectors.json; the Python one is run by
// tests/survey/test_query.py). The works are as the table page holds them: works.json
// (tests/js/query_site.json, written by tests/js/vectors.py), decoded by the table's own
// script. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const JS = path.join(ROOT, "site_src", "docs", "assets", "js");
const SurveyQuery = require(path.join(JS, "survey-query.js"));
const SurveyTable = require(path.join(JS, "survey-table-state.js"));
const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, "tests", file), "utf8"));
const VECTORS = read("query_vectors.json");
const SITE = SurveyTable.decode(read(path.join("js", "query_site.json")));

function select(query) {
  return SITE.works.filter(SurveyQuery.compile(SurveyQuery.parse(query, SITE))).map((w) => w.id).sort();
}

test.it("the site data holds the vectors' works", () => {
  assert.deepEqual(SITE.works.map((w) => w.id), VECTORS.works.map((w) => w.id).sort());
});

for (const group of VECTORS.selects) {
  test.describe(`selects: ${group.about}`, () => {
    for (const [query, ids] of Object.entries(group.cases)) {
      test.it(JSON.stringify(query), () => assert.deepEqual(select(query), [...ids].sort()));
    }
  });
}

for (const group of VECTORS.errors) {
  test.describe(`errors: ${group.about}`, () => {
    for (const [query, phrases] of Object.entries(group.cases)) {
      test.it(JSON.stringify(query), () => {
        let message = null;
        try {
          select(query);
        } catch (err) {
          if (!(err instanceof SurveyQuery.QueryError)) throw err;
          message = err.message;
        }
        assert.ok(message !== null, `${query} selected works instead of failing`);
        assert.ok(!message.includes("\n"), message);
        for (const phrase of phrases) assert.ok(message.includes(phrase), `${JSON.stringify(phrase)} not in ${JSON.stringify(message)}`);
      });
    }
  });
}

test.it("a parsed query formats back to text that parses the same", () => {
  for (const group of VECTORS.selects) {
    for (const query of Object.keys(group.cases)) {
      const again = SurveyQuery.format(SurveyQuery.parse(query, SITE));
      assert.deepEqual(select(again), select(query), `${query} -> ${again}`);
    }
  }
});
