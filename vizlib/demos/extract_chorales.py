"""Write vizlib/demos/chorale_melodies.py: the soprano lines of Bach's chorales as numbers.

Run once, by hand, where music21 is importable (it is not a dependency of the project):

    python -m vizlib.demos.extract_chorales

(music21==10.5.1 wrote the committed file; its corpus alone is about 100 MB, which is why the
project ships the 100 KB of numbers this keeps rather than depending on music21.)

It reads the Bach chorales that ship in music21's corpus (music21 is BSD-licensed; the
compositions are in the public domain, and music21/corpus/license.txt says the encodings
are distributed with their encoders' permission), keeps the chorales in 4/4 whose soprano
line has no rest after its first note and only the common note lengths, transposes each so
that its tonic is C, and writes one line per chorale. The demo
(vizlib/demos/reading_a_recurrent_networks_memory.py) trains on that file and never
imports music21, so nothing is downloaded at build or run time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

TARGET = Path(__file__).with_name("chorale_melodies.py")
LENGTHS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)  # quarter lengths kept: eighth to whole note


def _melody(score) -> list[tuple[int, float, float, int]] | None:
    """(MIDI pitch with the tonic moved to C, quarter length, beat in the bar, fermata) per
    note of the soprano line, or None when the chorale does not fit the rules above."""
    from music21 import interval, pitch

    part = next((p for p in score.parts if (p.partName or "").lower().startswith("soprano")), None)
    if part is None:
        return None
    signatures = list(part.recurse().getElementsByClass("TimeSignature"))
    if not signatures or any(ts.ratioString != "4/4" for ts in signatures):
        return None
    keys = list(part.recurse().getElementsByClass("Key"))
    key = keys[0] if keys else score.analyze("key")
    shift = interval.Interval(key.tonic, pitch.Pitch("C")).semitones % 12
    if shift > 6:
        shift -= 12  # move by at most a tritone, so the line stays in its register
    notes: list[tuple[int, float, float, int]] = []  # pitch, length, beat, fermata
    for element in part.stripTies().recurse().notesAndRests:
        if element.isRest:
            if notes:
                return None
            continue
        if not element.isNote or float(element.quarterLength) not in LENGTHS:
            return None
        fermata = any(type(e).__name__ == "Fermata" for e in element.expressions)
        notes.append((element.pitch.midi + shift, float(element.quarterLength), float(element.beat), int(fermata)))
    return notes if len(notes) >= 16 else None


def main() -> None:
    from music21 import corpus

    lines = []
    for path in sorted(p for p in corpus.getComposer("bach") if str(p).endswith(".mxl")):
        score = corpus.parse(path)
        melody = _melody(score)
        if melody is None:
            continue
        keys = list(score.parts[0].recurse().getElementsByClass("Key"))
        mode = keys[0].mode if keys else "major"
        notes = " ".join(f"{m},{q:g},{b:g},{f}" for m, q, b, f in melody)
        lines.append(f"{Path(path).stem} {mode} {notes}")
    text = "\n".join(lines) + "\n"
    TARGET.write_text(
        '"""The soprano lines of Bach chorales from music21\'s corpus, written by\n'
        "vizlib/demos/extract_chorales.py; do not edit by hand.\n\n"
        "The compositions are in the public domain; the encodings ship with music21 (BSD-licensed\n"
        "software), distributed with their encoders' permission (music21/corpus/license.txt).\n"
        "One chorale a line: its BWV number, its mode, then one note per item, `pitch,length,beat,\n"
        "fermata`: the MIDI pitch with the tonic moved to C, the length in quarter notes, the\n"
        'beat of the 4/4 bar it starts on (1 to 4.5), and 1 where it carries a fermata.\n"""\n\n'
        f'MELODIES = """\\\n{text}"""\n',
        encoding="utf-8",
    )
    print(f"{len(lines)} chorales, sha256 {hashlib.sha256(text.encode()).hexdigest()}")


if __name__ == "__main__":
    main()
