"""The generate step after edits (site_src.pages.memo renders again only the pages whose
inputs changed) writes the same files, byte for byte, as a fresh generate of the same
records: the guard for every key the memo builds."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import yaml

from benchmarks.synthetic import synthetic_records
from site_src.pipeline.docs import BuildFolder, generate_docs
from site_src.pages import SiteInput
from survey import load, load_taxonomy
from survey.records.writer import dump_record

FIELDS = load_taxonomy().fields  # the flagship's: the synthetic records are written in its vocabulary

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = """---
title: A short article
order: 1
description: An article without demos, tagged like a work.
how: [{how}]
---

# A short article

It demonstrates one technique.
"""


def generate(works: Path, explorables: Path | None, build: Path, *, memo: bool) -> dict[str, bytes]:
    site = SiteInput(
        works=load([works]), explorables_dir=explorables, page_memo=build / "page-memo.sqlite" if memo else None
    )
    generate_docs(
        site, BuildFolder(build), hand_written_docs=ROOT / "site_src" / "docs", site_url="http://127.0.0.1:8000/survey/"
    )
    docs = build / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def edit(path: Path, **fields) -> Path:
    """The record at `path` with `fields` changed; returns the path (steps chain edits in a tuple)."""
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record.update(fields)
    path.write_text(dump_record(record, fields=FIELDS), encoding="utf-8")
    return path


def test_incremental_generate_after_edits_equals_a_fresh_one(tmp_path):
    works = tmp_path / "works"
    works.mkdir()
    records = synthetic_records(40, seed=7)
    for record in records[:36]:
        (works / f"{record['id']}.yaml").write_text(dump_record(record, fields=FIELDS), encoding="utf-8")
    explorables = tmp_path / "explorables"
    explorables.mkdir()
    article = explorables / "short.md"
    article.write_text(ARTICLE.format(how="algorithms"), encoding="utf-8")
    build = tmp_path / "build"
    files = sorted(works.glob("*.yaml"))
    first, second = files[3], files[17]
    how = yaml.safe_load(first.read_text(encoding="utf-8"))["how"]
    new_work = works / f"{records[37]['id']}.yaml"
    # Each step changes what different pages show; several edits per step keep the test short.
    steps = [
        ("a title and notes", lambda: (edit(first, title="An edited title"), edit(files[8], notes="A new note."))),
        (
            "tags and the 2018 layer",
            lambda: (
                edit(first, how=["scatter"] if how != ["scatter"] else ["line", "algorithms"]),
                edit(files[5], in_2018_table=True),
            ),
        ),
        (
            "a year, a venue, authors and a new work",
            lambda: (
                edit(second, year=2007, venue=records[0]["venue"], authors="Zed, et al.", author_list=["Zed Zee"]),
                new_work.write_text(dump_record(records[37], fields=FIELDS), encoding="utf-8"),
            ),
        ),
        (
            "a removed work and an article's tags",
            lambda: (files[20].unlink(), article.write_text(ARTICLE.format(how="instance-based"), encoding="utf-8")),
        ),
    ]
    generate(works, explorables, build, memo=True)
    for name, change in steps:
        change()
        incremental = generate(works, explorables, build, memo=True)
        fresh_build = tmp_path / f"fresh-{len(name)}"
        shutil.rmtree(fresh_build, ignore_errors=True)
        fresh_build.mkdir()
        shutil.copy(build / "raw-nonce", fresh_build / "raw-nonce")
        fresh = generate(works, explorables, fresh_build, memo=False)
        assert sorted(incremental) == sorted(fresh), name
        assert [p for p in fresh if incremental[p] != fresh[p]] == [], f"stale after editing {name}"
    with sqlite3.connect(build / "page-memo.sqlite") as memo:
        entries = memo.execute("SELECT count(*) FROM memo").fetchone()[0]
    assert (
        entries
        == len(list(works.glob("*.yaml")))
        + sum(  # no stale entries
            len(f.categories) for f in load([works]).taxonomy.tagged_facets
        )
        + 2
    )  # trends, year chart


def test_the_memo_renders_only_the_pages_of_an_edit(tmp_path, monkeypatch):
    from site_src.pages import work_pages

    works = tmp_path / "works"
    works.mkdir()
    for record in synthetic_records(30, seed=3):
        (works / f"{record['id']}.yaml").write_text(dump_record(record, fields=FIELDS), encoding="utf-8")
    build = tmp_path / "build"
    generate(works, None, build, memo=True)
    rendered: list[str] = []
    page = work_pages.page

    def counted_page(work, *args):
        rendered.append(work.id)
        return page(work, *args)

    monkeypatch.setattr(work_pages, "page", counted_page)
    generate(works, None, build, memo=True)
    assert rendered == []
    target = sorted(works.glob("*.yaml"))[4]
    edit(target, notes="Edited notes.")  # shown on its own page only
    generate(works, None, build, memo=True)
    assert rendered == [target.stem]
