"""A seeded fuzz of the validator (issue 9): 10,000 random and mutated record files, checked
in one `validate_paths` call. Whatever the bytes: no exception, and each file is either
accepted or reported with `path:line:column: message` lines, at most PROBLEM_LIMIT of its own
plus the count of the rest; no file takes long (a guard against hangs, not a speed goal:
speed lives in `make bench`)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from kb_helpers import PROBLEM_LINE, WORKS_DIR, record_text
from survey.records import validate
from survey import load_taxonomy
from survey.records.source import PROBLEM_LIMIT

SEED = 20180101
FILES = 10_000
SECONDS_PER_FILE = 5.0  # a hang guard: a file takes milliseconds

# Fragments an attacker or a careless editor might type: YAML syntax, YAML 1.1 forms, bytes
# that are not text, deep nesting, long values, line breaks inside values.
PIECES = [
    b"\t",
    b"\n",
    b"\r",
    b" ",
    b":",
    b": ",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a ",
    b"*a",
    b"!!",
    b"!x ",
    b"!!python/object:os.system ",
    b"!!binary ",
    b"'",
    b'"',
    b"#",
    b"? ",
    b"|",
    b">",
    b"%YAML 1.1\n",
    b"@",
    b"`",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"---\n",
    b"...\n",
    b"<<: ",
    b".inf",
    b"~",
    b"\\",
    b"\\n",
    b"\xe2\x80\xa8",
    b"\x1b[31m",
    b"\x07",
    b"yes",
    b"on",
    b"0x7E2",
    b"33:38",
    b"0b1",
    b"+1",
    b"1_0",
    b"2018-01-01",
    b"1e999",
    b"9" * 5000,
    b"[" * 300,
    b"{a: " * 200,
    b"- " * 300,
    b"x" * 3000,
    b"DLVISRAW0",
    b"<script>",
    b'"\\u0000"',
    b'"\\x1b"',
    b"2018\n",
    b"null",
    b"__proto__",
]
SCALARS = [
    "2018",
    "'2018'",
    "33:38",
    "yes",
    "true",
    "~",
    "",
    "[]",
    "{}",
    "[a, [b, [c]]]",
    '"x\\ny"',
    "'x'",
    "!!str 5",
    "!!int x",
    "&a 1",
    "*a",
    "10.1109/x",
    '"1704.01942"',
    "https://example.org/x",
    "javascript:alert(1)",
    "[interpretability, debugging]",
    "[node-link, nope]",
    "{a: 1, a: 2}",
    "2018-13-45",
    "- a\n  - b",
    "|\n  two\n  lines",
    '"\\t\\u2028"',
    "1" * 50,
    "-1",
    "0",
    ".nan",
    "!custom x",
    "? a\n: b",
]


def mutated(rng: random.Random, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(rng.randint(0, 6)):
        at = rng.randint(0, len(data))
        roll = rng.random()
        if roll < 0.5:
            data[at:at] = rng.choice(PIECES)
        elif roll < 0.8:
            del data[at : at + rng.randint(1, 12)]
        else:  # a byte flipped
            if data:
                data[min(at, len(data) - 1)] ^= 1 << rng.randint(0, 7)
    return bytes(data)


def _renamed(record: str, record_id: str, i: int) -> str:
    """One of the project's records under another id, title and DOI."""
    lines = [
        f"id: {record_id}"
        if row.startswith("id:")
        else f"title: Work {i}"
        if row.startswith("title:")
        else f"doi: 10.1234/fuzz.{i}"
        if row.startswith("doi:")
        else row
        for row in record.splitlines()
    ]
    return "\n".join(lines) + "\n"


def generated(rng: random.Random) -> bytes:
    """A record built from field names (real, misspelt or random) and odd values."""
    names = [f.name for f in load_taxonomy().fields] + ["titel", "<<", "?", "x" * 40, "id ", "!!str id"]
    lines = []
    for _ in range(rng.randint(0, 20)):
        value = rng.choice(SCALARS)
        indent = " " * rng.choice([0, 0, 0, 1, 2])
        lines.append(f"{indent}{rng.choice(names)}: {value}")
    return "\n".join(lines).encode("utf-8") + rng.choice([b"\n", b"", b"\r\n"])


def test_ten_thousand_hostile_files_give_positions_or_acceptance(tmp_path, monkeypatch):
    rng = random.Random(SEED)
    projects = [p.read_text(encoding="utf-8") for p in sorted(WORKS_DIR.glob("*.yaml"))[:10]]
    folder = tmp_path / "works"
    folder.mkdir()
    for i in range(FILES):
        name = f"fuzz{i:05}"  # each seed record is valid under its file's name
        seed = (record_text(id=name, title=f"Work {i}") if i % 2 else _renamed(rng.choice(projects), name, i)).encode()
        data = mutated(rng, seed) if i % 5 else generated(rng)
        (folder / f"{name}.yaml").write_bytes(data)

    slowest = [(0.0, "")]  # the seconds and the file of the slowest, kept by timed()
    checked = validate._checked_document

    def timed(listed, *args):
        start = time.process_time()
        try:
            return checked(listed, *args)
        finally:
            elapsed = time.process_time() - start
            if elapsed > slowest[0][0]:
                slowest[0] = (elapsed, listed.display)

    monkeypatch.setattr(validate, "_checked_document", timed)

    documents, problems = validate.validate_paths([folder], load_taxonomy(), use_cache=False)

    assert len(documents) == FILES
    seconds, slowest_file = slowest[0]
    assert seconds < SECONDS_PER_FILE, f"{slowest_file} took {seconds:.1f} s"
    per_file: dict[str, int] = {}
    for problem in problems:
        line = str(problem)
        match = PROBLEM_LINE.match(line)
        assert match and "\n" not in line and "\r" not in line, repr(line)
        assert Path(problem.path).parent == folder
        assert problem.line >= 1 and problem.column >= 1 and problem.message
        per_file[problem.path] = per_file.get(problem.path, 0) + 1
    assert max(per_file.values()) <= PROBLEM_LIMIT + 1 + 3  # + the same id, DOI, title elsewhere
    accepted = FILES - len(per_file)
    assert 0 < len(per_file) < FILES, (accepted, len(per_file))  # the fuzz reaches both outcomes
    for doc in documents:
        assert doc.data is None or isinstance(doc.data, (dict, list, str, int, float, bool))
