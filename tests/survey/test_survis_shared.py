"""Each real SurVis survey of ../shared/surveys (README.md there gives its counts and
quirks) imports whole: every entry SurVis shows, its abstracts, title and journals; the
project validates; its counts are the README's (with the repairs the import reports);
and its SurVis export imports back to the same records and tags."""

from __future__ import annotations

import contextlib
import io
import os
from collections import Counter
from pathlib import Path

import pytest
import yaml

from kb_helpers import SURVEYS


def run(*args: str) -> tuple[int, str, str]:
    from survey.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def need(name: str) -> Path:
    folder = SURVEYS / name
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the shared SurVis surveys are missing: {folder}")
        pytest.skip(f"shared surveys not found at {SURVEYS}")
    return folder


class Imported:
    def __init__(self, root: Path, messages: str):
        self.root, self.messages = root, messages
        self.config = yaml.safe_load((root / "survey.yml").read_text(encoding="utf-8"))
        self.facets = {
            f.get("name", f["id"]): f
            for f in yaml.safe_load((root / "taxonomy.yaml").read_text(encoding="utf-8"))["facets"]
        }
        self.records = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "works").glob("*.yaml")}

    def carrying(self, facet: str) -> int:
        fid = self.facets[facet]["id"]
        return sum(1 for r in self.records.values() if r[fid])

    def counts(self, facet: str) -> dict[str, int]:
        spec = self.facets[facet]
        labels = {c["id"]: c["label"] for c in spec["categories"]}
        return dict(Counter(labels[c] for r in self.records.values() for c in r[spec["id"]]))

    def record(self, key: str) -> dict:
        return next(r for r in self.records.values() if r.get("survey_key", r["id"]) == key)


_CACHE: dict[str, Imported] = {}


def imported(tmp_path_factory, source: str, name: str | None = None) -> Imported:
    name = name or source
    if name not in _CACHE:
        folder = need(source.split("/")[0]).parent / source
        root = tmp_path_factory.mktemp(name.replace("/", "-")) / "project"
        status, _, err = run("init", str(root), "--from-survis", str(folder))
        assert status == 0, err
        assert "Traceback" not in err
        status, out, _ = run("--project", str(root), "validate")
        assert status == 0, out
        _CACHE[name] = Imported(root, err)
    return _CACHE[name]


def test_dataphys_every_entry_with_its_facets_abstracts_and_title(tmp_path_factory):
    survey = imported(tmp_path_factory, "dataphys")
    assert survey.config["title"] == "Physecology Collection"  # docs/properties.js
    assert len(survey.records) == 60  # all 60 '@' entries, as SurVis shows them
    tokens = survey.record("tangibletokens2014")  # the stray word after year={2014}
    assert (
        "bib/references.bib:149: stray text 'investigating' in entry 'tangibletokens2014': skipped" in survey.messages
    )
    assert all(tokens[survey.facets[f]["id"]] for f in survey.facets)  # its 8 facets
    # the README counts the 59 entries a tolerant parser reads; SurVis adds tangibletokens2014
    readme = {
        "data availability": {"static": 31, "dynamic": 28},
        "data attribute": {"quantitative": 47, "categorical": 18, "ordinal": 7},
        "info com": {
            "positioning in space": 32,
            "optical properties": 25,
            "specialized application": 16,
            "material properties": 5,
        },
        "interaction": {"indirect": 37, "none": 19, "direct": 8},
        "implication": {"n/a": 19, "exploration": 19, "manipulation": 16, "configuration": 10},
        "i/o coupling": {"nearby": 23, "n/a": 19, "environmental": 9, "full": 8, "distant": 5},
        "setup": {"logical": 27, "standalone": 25, "spatial": 7},
        "audience": {"open-ended": 21, "semi-public": 19, "public": 10, "private": 9},
    }
    assert list(survey.facets) == list(readme)
    for facet, counts in readme.items():
        labels = {c["id"]: c["label"] for c in survey.facets[facet]["categories"]}
        mine = {labels[c] for c in tokens[survey.facets[facet]["id"]]}
        assert survey.counts(facet) == {v: n + (v in mine) for v, n in counts.items()}, facet
        assert survey.carrying(facet) == 60
    assert sum(1 for r in survey.records.values() if r.get("abstract")) == 28 + ("abstract" in tokens)
    assert not any(r.get("keywords") for r in survey.records.values())  # no plain tags
    # the two '%' lines follow virtualgravity2009's closing brace: comments, not tags
    assert "%keywords" not in str(survey.records) and "Virtual Gravity" in str(survey.records)
    dust = survey.record("dustserenade2010")  # no author: kept, the authors unverified
    assert "authors" in dust["unverified"] and "authors" not in dust


def test_medialog_unclosed_entry_case_variants_and_missing_comma(tmp_path_factory):
    survey = imported(tmp_path_factory, "medialog")
    assert survey.config["title"] == "MedDialogue Literature Collection"
    assert len(survey.records) == 42  # SurVis keeps 42; the unclosed xia2020generative included
    assert "entry 'xia2020generative' is never closed: read up to the next entry" in survey.messages
    assert "type" not in survey.facets and "type_tags" not in str(survey.facets)  # the template's type:system
    # 41 read by bibtexparser in the README; each case pair is one value here
    assert len(survey.facets["datasets"]["categories"]) == 34 - 1  # MuZhi/Muzhi
    assert len(survey.facets["evaluation metrics"]["categories"]) == 28 - 1  # F1 Score/F1 score
    assert len(survey.facets["language models"]["categories"]) == 37
    assert (
        "tags 'evaluation metrics:F1 Score' (10) and 'evaluation metrics:F1 score' (3) differ only" in survey.messages
    )
    abadeer = survey.record("Abadeer2020AssessmentOD")  # 'language models:BioClinicalBERT evaluation metrics:F1 score'
    assert "f1-score" in abadeer[survey.facets["evaluation metrics"]["id"]]
    assert "bioclinicalbert" in abadeer[survey.facets["language models"]["id"]]
    # the README counts the 41 entries bibtexparser reads; the 42nd, kept as SurVis keeps it,
    # carries all three facets
    for facet, readme in (("language models", 24), ("datasets", 22), ("evaluation metrics", 18)):
        assert survey.carrying(facet) == readme + 1
    assert "is not in authorized_tags.js" not in survey.messages  # the template list checks nothing


def test_surveyrefdata_bibjs_only_messy_facets_and_authorized_tags_by_facet(tmp_path_factory):
    survey = imported(tmp_path_factory, "surveyrefdata")
    assert "surveyrefdata/data/generated/bib.js: the bibliography read" in survey.messages
    assert "299 entries seen" in survey.messages
    # 'concentration ' and 'concentration', 'application ' and 'application': one facet each
    assert survey.carrying("concentration") == 29 + 6 - 1  # less the one whose value is empty
    assert survey.counts("concentration") == {"learning": 30, "perception": 4}
    # README: 56 entries, 55 'real' and 1 empty value (left out, reported); clark2017simple
    # and clark2018simple, both 'real', have one title: one record
    assert survey.counts("Experiments data") == {"real": 55 - 1}
    assert survey.carrying("Experiments data") == 55 - 1
    # README: 'application ' 13 and 'application' 7, 'dataset' 7: less the entry whose
    # 'application:' and 'dataset:' are empty
    assert survey.carrying("application") == 13 + 7 - 1 and survey.carrying("dataset") == 7 - 1
    assert survey.carrying("adaptability") == 2 + 1
    assert "architecture" not in survey.facets  # declared, but its only value is empty
    assert "Predictive accuracy Main topic" not in survey.facets  # a missing comma, repaired
    # the README's entries (AutoML 103, NLP 68, XAI 64, ASs 1, 'XAI Main topic:XAI' 1), as
    # records: the doubled value and 'Predictive accuracy Main topic:XAI' (a missing comma)
    # are XAI; entries with the title of another are one record (3 AutoML pairs, one NLP
    # pair; real2018regularized has no keywords, so its record gains real2019's AutoML)
    assert survey.counts("Main topic") == {"AutoML": 103 - 3 + 1, "NLP": 68 - 1, "XAI": 64 + 1 + 1, "ASs": 1}
    assert "has the same title as 'real2018regularized': one work, recorded once" in survey.messages
    # every entry SurVis shows, the 6 without a year too (their year named unverified)
    assert "299 entries seen, 299 imported, 4 repaired, 0 left out (295 works" in survey.messages
    assert len(survey.records) == 299 - 4
    undated = sorted(r.get("survey_key", r["id"]) for r in survey.records.values() if "year" not in r)
    assert undated == [
        "ailandscape2020",
        "avhistoory2020",
        "cavier1993ai",
        "gartner2019",
        "gartner2019b",
        "gartner2020",
    ]
    assert all("year" in survey.record(key)["unverified"] for key in undated)
    # authorized_tags.js names facets (every value of 'Main topic' is authorized), not tags
    assert (
        "tag 'Main topic:" not in survey.messages and "tag 'QA' is not in authorized_tags.js: kept" in survey.messages
    )
    keywords = Counter(k for r in survey.records.values() for k in r.get("keywords", []))
    assert keywords["AI"] >= 198 and keywords["QA"] == 40  # plain tags, kept
    assert sum(1 for r in survey.records.values() if r.get("abstract")) == 162
    assert "field 'absrtact' of entry 'zayats2021representations' is read as 'abstract'" in survey.messages


def test_survis_sample_folder_reads_its_bib_and_not_the_sample_bibjs(tmp_path_factory):
    survey = imported(tmp_path_factory, "survis-sample")
    assert "survis-sample/src/data/bib.js: not read (SurVis's sample data" in survey.messages
    assert list(survey.records) == ["beck2016visual"]
    beck = survey.record("Beck2016Visual")
    assert beck["type_tags"] == ["system"] and len(beck["keywords"]) == 5
    assert survey.config["title"] == "SurVis Literature Collection"


def test_survis_sample_bibjs_named_explicitly(tmp_path_factory):
    survey = imported(tmp_path_factory, "survis-sample/src/data/bib.js", "sample-bibjs")
    assert len(survey.records) == 162
    # the README's distinct values, less those written twice, plainly and in LaTeX
    # (case_study and case\_study, ...): each such pair is one value, reported
    merged = {"evaluation": 2, "application": 2}
    for facet, values in (("type", 3), ("paradigm", 4), ("time", 3), ("evaluation", 9), ("application", 13)):
        assert survey.carrying(facet) == 162
        assert len(survey.counts(facet)) == values - merged.get(facet, 0), facet
    assert "type" in survey.facets  # declared in tag_categories.js, and used
    assert "tags 'evaluation:case_study' (61) and 'evaluation:case\\_study' (43) differ only" in survey.messages
    keywords = Counter(k for r in survey.records.values() for k in r.get("keywords", []))
    # 54 distinct plain tags used 416 times; 11 of them a LaTeX or case spelling of another
    assert len(keywords) == 54 - 11 and sum(keywords.values()) <= 416
    assert keywords["mental_map"] == 23 + 22 - 1  # one paper has both spellings
    assert "tags 'mental\\_map' (23) and 'mental_map' (22) differ only in case, spacing or LaTeX" in survey.messages
    assert sum(1 for r in survey.records.values() if r.get("abstract")) == 161


def test_catvis_every_entry(tmp_path_factory):
    survey = imported(tmp_path_factory, "catvis")
    assert "catvis/bib/references.bib: 128 entries seen, 128 imported" in survey.messages
    # one key given twice, read as one work
    assert len(survey.records) == 127 and "has the same DOI as 'pilhofer2012comparing'" in survey.messages
    assert len(survey.facets) == 6


@pytest.mark.parametrize("name", ["catvis", "dataphys", "medialog", "surveyrefdata", "survis-sample"])
def test_the_survis_export_imports_back_to_the_same_records_and_tags(tmp_path_factory, name):
    survey = imported(tmp_path_factory, name)
    out = survey.root.parent / "survis-out"
    status, _, err = run("--project", str(survey.root), "export", "--format", "survis", "-o", str(out))
    assert status == 0, err
    bib = (out / "bib" / "references.bib").read_text(encoding="utf-8")
    assert "= {}" not in bib  # no empty fields
    again = out.parent / "again"
    status, _, err = run("init", str(again), "--from-survis", str(out))
    assert status == 0, err
    back = Imported(again, err)
    assert back.config["title"] == survey.config["title"]
    assert back.facets == survey.facets
    assert set(back.records) == set(survey.records)
    # every record, those whose author field was malformed too ('Riedwyl, H., and
    # Schüpbach, M.' in catvis: the family 'Riedwyl' is not the end of the full name)
    assert {k: back.records[k] for k in survey.records} == survey.records
    # the same venues (a venue's type follows the entry type, which the export may write
    # as @misc where the original was another type SurVis does not distinguish)
    venues = [
        yaml.safe_load((root / "venues.yaml").read_text(encoding="utf-8"))["venues"] for root in (again, survey.root)
    ]
    # (a venue only a merged duplicate named is not written back)
    assert {k: v["name"] for k, v in venues[0].items()}.items() <= {k: v["name"] for k, v in venues[1].items()}.items()
    assert {r["venue"] for r in back.records.values()} <= set(venues[0])
    for key, record in survey.records.items():  # the original keys
        assert f"{{{record.get('survey_key', key)},\n" in bib
