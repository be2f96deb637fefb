"""The figures the survey states, computed from the records."""

from __future__ import annotations

import pytest

import survey
from survey.cli import main


@pytest.fixture(scope="module")
def works():
    return survey.load()


@pytest.fixture(scope="module")
def table(works):
    return works.query("in:2018")


def test_38_works_in_the_2018_table(works, table):
    assert len(table) == 38
    # 7 works the survey's authors added, and the works added since (an `added` date)
    assert len(works) - len(table) == 7 + sum(1 for w in works if w.added)


def test_33_of_38_use_instance_based_analysis(table):
    assert table.count_tagged("how", "instance-based") == 33


def test_36_of_38_support_interpretability(table):
    assert table.count_tagged("why", "interpretability") == 36


def test_developers_outnumber_non_experts_about_3x(table):
    developers, non_experts = table.count_tagged("who", "model-developers"), table.count_tagged("who", "non-experts")
    assert (developers, non_experts) == (30, 11)
    assert 2.5 <= developers / non_experts <= 3.5


def test_query_instance_based_lists_the_33_plus_the_later_works(works, table, capsys):
    assert main(["query", "how:instance-based", "--format", "ids"]) == 0
    listed = capsys.readouterr().out.split()
    assert len(listed) == 40 + sum(1 for w in works.query("how:instance-based") if w.added)
    in_table = [i for i in listed if works.get(i).in_snapshot("tvcg2018")]
    later = [i for i in listed if not works.get(i).in_snapshot("tvcg2018")]
    assert len(in_table) == 33
    assert sorted(later) == sorted(w.id for w in works.query("-in:2018 how:instance-based"))  # the later works
