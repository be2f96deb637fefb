"""The record cache and the vocabulary files facing corruption and planted content (issue 9):
a cache file is data with a keyed checksum, never code; a fault in venues.yaml or
taxonomy.yaml is `path:line:column: message`."""

from __future__ import annotations

import hmac
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from kb_helpers import record_text
from survey.records import cache as cache_module, project as project_module, validate
from survey.records.cache import FORMAT, KEY_FILE, RecordCache
from survey import load_taxonomy
from survey.records.taxonomy import TaxonomyError, read_taxonomy
from survey.records.validate import validate_paths

HERE = Path(__file__).resolve().parents[2] / "survey"  # the flagship's taxonomy and venues


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SURVEY_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def records(write_record, tmp_path) -> Path:
    folder = tmp_path / "works"
    write_record(record_text(authors="Kahng, et al."), folder=folder)
    write_record(record_text(id="bad", title="Bad", year="1900"), name="bad.yaml", folder=folder)
    return folder


def results(folder: Path) -> tuple[list, list[str]]:
    documents, problems = validate_paths([folder], load_taxonomy())
    return [d.data for d in documents], [str(p) for p in problems]


def cache_file(cache_dir: Path) -> Path:
    [file] = cache_dir.glob("records-*.json")
    return file


def test_the_cache_file_is_signed_json(cache_dir, records):
    results(records)
    header, digest, payload = cache_file(cache_dir).read_bytes().split(b"\n", 2)
    assert header.decode() == FORMAT and len(digest) == 128
    assert payload.startswith(b"{")
    assert oct(os.stat(cache_dir / KEY_FILE).st_mode & 0o777) == "0o600"


def test_a_warm_run_gives_what_a_cold_one_gave(cache_dir, records):
    cold = results(records)
    assert (
        cold
        == results(records)
        == (
            [d.data for d in validate_paths([records], load_taxonomy(), use_cache=False)[0]],
            [str(p) for p in validate_paths([records], load_taxonomy(), use_cache=False)[1]],
        )
    )


def test_every_flipped_byte_is_a_miss_never_changed_data(cache_dir, records):
    expected = results(records)
    file = cache_file(cache_dir)
    original = file.read_bytes()
    for at in range(0, len(original), max(1, len(original) // 97)):  # ~100 places, header to end
        damaged = bytearray(original)
        damaged[at] ^= 0x04
        file.write_bytes(bytes(damaged))
        assert results(records) == expected, f"byte {at} flipped"


def test_truncated_or_empty_cache_files_are_misses(cache_dir, records):
    expected = results(records)
    file = cache_file(cache_dir)
    original = file.read_bytes()
    for data in (b"", original[:10], original[:-1], b"\x00" * 100, original + b"x"):
        file.write_bytes(data)
        assert results(records) == expected


def test_a_planted_pickle_never_runs(cache_dir, records, tmp_path):
    expected = results(records)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (Path.touch, (marker,))

    payload = pickle.dumps(Exploit())
    for file in [cache_file(cache_dir), cache_dir / "records-0000000000000000.pickle"]:
        file.write_bytes(payload)
    assert results(records) == expected
    assert not marker.exists()


def test_a_planted_entry_without_the_key_is_a_miss(cache_dir, records):
    """Someone who can write the cache folder but not read the key cannot make an invalid
    record pass: the same entries without their problems, signed with another key, are refused;
    signed with the real key (which only its owner can read), they would be taken."""
    expected = results(records)
    assert any("year 1900" in line for line in expected[1])
    file = cache_file(cache_dir)
    header, _, payload = file.read_bytes().split(b"\n", 2)
    entries = json.loads(payload)
    for entry in entries.values():
        entry[1] = []  # no problems
    forged = json.dumps(entries).encode()
    version = RecordCache(scope="", directory=cache_dir, context=validate.cache_context(load_taxonomy())).version

    def signed(key: bytes) -> bytes:
        digest = hmac.new(key, version.encode() + b"\0" + forged, "blake2b").hexdigest()
        return header + b"\n" + digest.encode() + b"\n" + forged

    file.write_bytes(signed(b"k" * 32))
    assert results(records) == expected
    key = cache_module.secret_key(cache_dir)
    assert key is not None
    file.write_bytes(signed(key))
    assert results(records)[1] == []  # the test forges what the cache would take


def test_a_key_others_could_read_or_write_disables_the_cache(cache_dir, records):
    results(records)
    os.chmod(cache_dir / KEY_FILE, 0o644)
    assert cache_module.secret_key(cache_dir) is None
    file = cache_file(cache_dir)
    file.unlink()
    results(records)
    assert not file.exists()  # nothing cached without a private key


def test_the_year_limit_is_part_of_the_key(cache_dir, write_record, tmp_path, monkeypatch):
    path = write_record(record_text(year="2031"), folder=tmp_path / "works")
    monkeypatch.setattr(validate, "latest_year", lambda: 2030)
    assert [p.message for p in validate_paths([path], load_taxonomy())[1]] == [
        "year 2031 is out of range: expected 1940 to 2030"
    ]
    monkeypatch.setattr(validate, "latest_year", lambda: 2031)  # a year later
    assert validate_paths([path], load_taxonomy())[1] == []


def test_records_with_dates_times_and_odd_values_round_trip(cache_dir, write_record, tmp_path):
    folder = tmp_path / "works"
    write_record(
        record_text(added="2018-05-01", notes="{map: [1, 2.5, .inf, null, 2001-12-14t21:59:43.10-05:00]}"),
        folder=folder,
    )
    cold = validate_paths([folder], load_taxonomy())
    warm = validate_paths([folder], load_taxonomy())
    assert [d.data for d in warm[0]] == [d.data for d in cold[0]]
    assert [str(p) for p in warm[1]] == [str(p) for p in cold[1]]


# -- taxonomy.yaml and venues.yaml ----------------------------------------------------------


@pytest.fixture
def vocabulary(tmp_path) -> tuple[Path, Path]:
    taxonomy, venues = tmp_path / "taxonomy.yaml", tmp_path / "venues.yaml"
    shutil.copy(HERE / "taxonomy.yaml", taxonomy)
    shutil.copy(HERE / "venues.yaml", venues)
    return taxonomy, venues


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; the 1-based line where it was."""
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            "CGF: {name: Computer Graphics Forum, type: journal}",
            "CGF: {name: Computer Graphics Forum, type: magazine}",
            "unknown venue type 'magazine' for 'CGF': use one of the types listed under 'types:' "
            "(vis-hci-conference, ml-conference, journal, workshop, preprint, web, thesis), or add it there",
        ),
        (
            "CGF: {name: Computer Graphics Forum, type: journal}",
            "CGF: {type: journal}",
            "the name of venue 'CGF' must be non-empty text",
        ),
        (
            "CGF: {name: Computer Graphics Forum, type: journal}",
            "CGF: [journal]",
            "venue 'CGF' must be a mapping, not a list",
        ),
    ],
)
def test_venue_faults_are_positioned(vocabulary, old, new, message):
    taxonomy, venues = vocabulary
    line = edit(venues, old, new)
    with pytest.raises(TaxonomyError) as raised:
        read_taxonomy(taxonomy, venues)
    [reported] = str(raised.value).splitlines()
    assert reported.startswith(f"{venues}:{line}:") and reported.endswith(f": {message}")


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("label: Interpretability & Explainability", "label: [x]", "a category's 'label' must be non-empty text"),
        ("  - id: why", "  - idx: why", "a facet's 'id' must be non-empty text"),
    ],
)
def test_taxonomy_faults_are_positioned(vocabulary, old, new, message):
    taxonomy, venues = vocabulary
    line = edit(taxonomy, old, new)
    with pytest.raises(TaxonomyError) as raised:
        read_taxonomy(taxonomy, venues)
    assert f"{taxonomy}:{line}:" in str(raised.value) and message in str(raised.value)


def test_unreadable_vocabulary_files(vocabulary):
    taxonomy, venues = vocabulary
    venues.write_bytes(b"types: [\n")
    with pytest.raises(TaxonomyError, match=rf"^{venues}:2:1: invalid YAML"):
        read_taxonomy(taxonomy, venues)


def test_the_command_reports_a_vocabulary_fault_and_exits_1(survey_cli, monkeypatch):
    def broken(*args):
        raise TaxonomyError("survey/venues.yaml:20:65: unknown venue type 'magazine' for 'TVCG'")

    monkeypatch.setattr(project_module, "read_taxonomy", broken)  # the project's vocabulary
    status, out, err = survey_cli("validate")
    assert (status, out) == (1, "")
    assert err == "survey/venues.yaml:20:65: unknown venue type 'magazine' for 'TVCG'\n"
