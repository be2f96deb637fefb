"""Reading a recurrent network's memory: an LSTM that has read Bach's chorale melodies.

One LSTM layer (HIDDEN units) reads the soprano lines of Bach chorales note by note, each
note a token (its pitch and its length), and learns to give the next note's distribution.
The melodies come from music21's corpus, extracted once into chorale_melodies.py (see
extract_chorales.py): nothing is downloaded at build or run time.

After training, the weights are rounded as the spec rounds every number, and everything
else is computed from those rounded weights in float64, so the network the page runs (its
weights ship in the spec's "model" dataset and the live demo's JSON) is the network the
findings describe. The findings are Karpathy's and LSTMVis's question: which single units
follow something one can name? For each of a few musical properties of the note just read
(it starts a bar, it rose, it ends a phrase...) the build finds the unit whose activation
correlates best with it over the held-out chorales; the chart names the units and the
correlations, and tests/vizlib/test_rnn_memory.py recomputes them from the shipped weights.

Nothing at module level imports torch or altair: the site imports this module to write the
live demo's JSON (model_payload) without training anything.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

from vizlib import serialize
from vizlib.errors import DemoError
from vizlib.registry import DemoInfo, Progress

INFO = DemoInfo(
    name="reading-a-recurrent-networks-memory",
    title="Reading a recurrent network's memory",
    description="See which units of a recurrent network trained on Bach's chorale melodies follow the bar, the contour and the phrase.",
    options={},
)

# chorale_melodies.MELODIES's hash: the demo's cache key covers this module's source only, so
# an edited melody file must come with a new hash here (or the build stops and says so).
MELODIES_SHA256 = "525c3c444ccf97ddf9cb863db7ef4cb5905e8fd4c707c9db7574a9a7e663eda8"

HIDDEN = 48  # LSTM units
EPOCHS = 40
BATCH = 16  # chorales per gradient step
LEARNING_RATE = 0.01  # Adam
CLIP = 1.0  # gradient norm
SEED = 7
HELD_OUT_EVERY = 10  # every 10th chorale is held out: the findings are measured on those
FINDING_THRESHOLD = 0.4  # |correlation| a unit must reach for the page to call it a finding
MAX_FINDINGS = 3

LENGTH_NAMES = {0.5: "eighth", 1.0: "quarter", 1.5: "dotted quarter", 2.0: "half", 3.0: "dotted half", 4.0: "whole"}
PITCH_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
BOUNDARY = "|"  # the token between melodies: the network starts every melody after one

# What a unit might follow, about the note just read (the state after it is the column of
# the heatmap). Each is 1 or 0 per note, or None where it does not apply.
PROPERTIES = {
    "height": "how high the note is (its pitch)",
    "offbeat": "the note starts between two beats",
    "downbeat": "the note starts a bar (beat 1)",
    "rose": "the melody rose to this note rather than fell",
    "tonic": "the note is a C, the tonic",
    "phrase-end": "the note ends a phrase (it carries a fermata)",
    "phrase-position": "how many notes into its phrase the note is",
}
CONTINUOUS = ("height", "phrase-position")  # the others are yes (1) or no (0)


@dataclass(frozen=True)
class Note:
    pitch: int  # MIDI number, tonic moved to C
    length: float  # in quarter notes
    beat: float  # the beat of the 4/4 bar it starts on, 1 to 4.5
    fermata: bool


@dataclass(frozen=True)
class Chorale:
    name: str  # e.g. "bwv10.7"
    mode: str  # major or minor
    notes: tuple[Note, ...]


def note_name(pitch: int, length: float) -> str:
    """ "C5 quarter": scientific pitch name and length."""
    return f"{PITCH_NAMES[pitch % 12]}{pitch // 12 - 1} {LENGTH_NAMES[length]}"


def chorales() -> list[Chorale]:
    """Every chorale of chorale_melodies.py, checked against MELODIES_SHA256."""
    from vizlib.demos.chorale_melodies import MELODIES

    digest = hashlib.sha256(MELODIES.encode()).hexdigest()
    if digest != MELODIES_SHA256:
        raise DemoError(
            f"vizlib/demos/chorale_melodies.py changed (sha256 {digest}); set MELODIES_SHA256 in "
            f"{__name__} to it so the demo's cache sees the change"
        )
    out = []
    for line in MELODIES.splitlines():
        name, mode, *items = line.split()
        notes = []
        for item in items:
            pitch, length, beat, fermata = item.split(",")
            notes.append(Note(int(pitch), float(length), float(beat), fermata == "1"))
        out.append(Chorale(name, mode, tuple(notes)))
    return out


@dataclass(frozen=True)
class Vocabulary:
    """The tokens the network reads and predicts: index 0 is the boundary between melodies,
    then every (pitch, length) the chorales use. A token switches on input units: its pitch's
    and its length's (the boundary has an input unit of its own), so the input layer is
    small while the output layer names every note."""

    notes: tuple[tuple[int, float], ...]  # token 1.. as (pitch, length)
    pitches: tuple[int, ...]  # input units 1..len(pitches)
    lengths: tuple[float, ...]  # input units after the pitches

    @classmethod
    def of(cls, melodies: list[Chorale]) -> Vocabulary:
        notes = sorted({(n.pitch, n.length) for c in melodies for n in c.notes})
        return cls(tuple(notes), tuple(sorted({p for p, _ in notes})), tuple(sorted({q for _, q in notes})))

    @property
    def size(self) -> int:
        return 1 + len(self.notes)

    @property
    def inputs(self) -> int:
        return 1 + len(self.pitches) + len(self.lengths)

    def token(self, note: Note) -> int:
        return 1 + self.notes.index((note.pitch, note.length))

    def token_inputs(self) -> list[list[int]]:
        """Per token, the input units it switches on."""
        rows = [[0]]
        for pitch, length in self.notes:
            rows.append([1 + self.pitches.index(pitch), 1 + len(self.pitches) + self.lengths.index(length)])
        return rows

    def names(self) -> list[str]:
        return [BOUNDARY] + [note_name(p, q) for p, q in self.notes]


def split(melodies: list[Chorale]) -> tuple[list[Chorale], list[Chorale]]:
    """(training chorales, held-out chorales): every HELD_OUT_EVERY-th is held out."""
    held = [c for i, c in enumerate(melodies) if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    return [c for i, c in enumerate(melodies) if i % HELD_OUT_EVERY != HELD_OUT_EVERY - 1], held


def tokens(vocabulary: Vocabulary, chorale: Chorale) -> list[int]:
    """The boundary, then the chorale's notes: what the network reads."""
    return [0] + [vocabulary.token(n) for n in chorale.notes]


# --- The network, in torch ---------------------------------------------------------------


def _inputs(token_inputs: list[list[int]], sequences: list[list[int]], inputs: int, dtype: Any) -> Any:
    """A batch x time x inputs tensor of 0/1, each token switching on its input units."""
    import torch

    length = max(len(s) for s in sequences)
    x = torch.zeros(len(sequences), length, inputs, dtype=dtype)
    for b, sequence in enumerate(sequences):
        for t, token in enumerate(sequence):
            x[b, t, token_inputs[token]] = 1
    return x


def _networks(inputs: int, vocabulary: int, dtype: Any) -> tuple[Any, Any]:
    import torch

    return torch.nn.LSTM(inputs, HIDDEN, batch_first=True).to(dtype), torch.nn.Linear(HIDDEN, vocabulary).to(dtype)


def train(
    vocabulary: Vocabulary, training: list[Chorale], held_out: list[Chorale], progress: Progress
) -> tuple[dict[str, list], list[dict]]:
    """Train the LSTM (float32, seeded, on the caller's thread count) on next-note
    prediction; return its weights, rounded as the spec rounds them, and the loss history."""
    import torch
    from torch.nn import functional as F

    torch.manual_seed(SEED)
    lstm, readout = _networks(vocabulary.inputs, vocabulary.size, torch.float32)
    optimizer = torch.optim.Adam([*lstm.parameters(), *readout.parameters()], lr=LEARNING_RATE)
    token_inputs = vocabulary.token_inputs()
    # each melody is read from the boundary and must predict its notes, then the boundary
    sequences = [tokens(vocabulary, c) + [0] for c in training]
    order = torch.Generator().manual_seed(SEED)

    def loss_of(batch: list[list[int]]) -> Any:
        x = _inputs(token_inputs, [s[:-1] for s in batch], vocabulary.inputs, torch.float32)
        targets = torch.full(x.shape[:2], -100, dtype=torch.long)  # -100: padding, ignored
        for b, s in enumerate(batch):
            targets[b, : len(s) - 1] = torch.tensor(s[1:])
        logits = readout(lstm(x)[0])
        return F.cross_entropy(logits.reshape(-1, vocabulary.size), targets.reshape(-1), ignore_index=-100)

    held_sequences = [tokens(vocabulary, c) + [0] for c in held_out]
    history = []
    for epoch in range(EPOCHS):
        permutation = torch.randperm(len(sequences), generator=order).tolist()
        total = 0.0
        for start in range(0, len(sequences), BATCH):
            batch = [sequences[i] for i in permutation[start : start + BATCH]]
            loss = loss_of(batch)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([*lstm.parameters(), *readout.parameters()], CLIP)
            optimizer.step()
            total += loss.item() * len(batch)
        with torch.no_grad():
            held = loss_of(held_sequences).item()
        history.append({"epoch": epoch + 1, "training": total / len(sequences), "held_out": held})
        if epoch % 10 == 9:
            progress(f"{INFO.name}: epoch {epoch + 1}, held-out loss {held:.3f}")
    weights = {
        "w_ih": lstm.weight_ih_l0.tolist(),
        "w_hh": lstm.weight_hh_l0.tolist(),
        "b_ih": lstm.bias_ih_l0.tolist(),
        "b_hh": lstm.bias_hh_l0.tolist(),
        "w_out": readout.weight.tolist(),
        "b_out": readout.bias.tolist(),
    }
    return serialize.rounded(weights), history


def torch_run(
    weights: dict[str, list], token_inputs: list[list[int]], sequence: list[int], cells: bool = True
) -> dict[str, list]:
    """torch's float64 nn.LSTM and read-out on `weights`, reading `sequence` from a zero
    state: per token the hidden state h, the cell state c (when `cells`) and the next-token
    probabilities p. The reference the browser's engine (rnn-engine.js) is checked against."""
    import torch

    lstm, readout = _load(weights)
    x = _inputs(token_inputs, [sequence], len(weights["w_ih"][0]), torch.float64)
    with torch.no_grad():
        if cells:
            h, c = [], []
            state = None
            for t in range(len(sequence)):  # step by step, to keep every cell state
                _, state = lstm(x[:, t : t + 1], state)
                h.append(state[0][0, 0].tolist())
                c.append(state[1][0, 0].tolist())
        else:  # the whole sequence in one call: nn.LSTM returns every hidden state, not the cells
            h, c = lstm(x)[0][0].tolist(), []
        p = torch.softmax(readout(torch.tensor(h, dtype=torch.float64)), dim=-1).tolist()
    return {"h": h, "c": c, "p": p}


def _load(weights: dict[str, list]) -> tuple[Any, Any]:
    import torch

    hidden, inputs = len(weights["w_hh"][0]), len(weights["w_ih"][0])
    lstm = torch.nn.LSTM(inputs, hidden, batch_first=True).double()
    readout = torch.nn.Linear(hidden, len(weights["w_out"])).double()
    with torch.no_grad():
        for name, key in (
            ("weight_ih_l0", "w_ih"),
            ("weight_hh_l0", "w_hh"),
            ("bias_ih_l0", "b_ih"),
            ("bias_hh_l0", "b_hh"),
        ):
            getattr(lstm, name).copy_(torch.tensor(weights[key], dtype=torch.float64))
        readout.weight.copy_(torch.tensor(weights["w_out"], dtype=torch.float64))
        readout.bias.copy_(torch.tensor(weights["b_out"], dtype=torch.float64))
    return lstm, readout


def torch_generate(
    weights: dict[str, list], token_inputs: list[list[int]], sequence: list[int], count: int
) -> list[int]:
    """The temperature-0 continuation of `sequence`: `count` tokens, each the most likely
    next note (the boundary, which would end the melody, is skipped) fed back in. torch's
    float64 reference for the page's generation."""
    import torch

    lstm, readout = _load(weights)
    inputs = len(weights["w_ih"][0])
    out: list[int] = []
    with torch.no_grad():
        _, state = lstm(_inputs(token_inputs, [sequence], inputs, torch.float64), None)
        for _ in range(count):
            logits = readout(state[0][0, 0])
            logits[0] = -math.inf
            token = int(torch.argmax(logits))
            out.append(token)
            _, state = lstm(_inputs(token_inputs, [[token]], inputs, torch.float64), state)
    return out


# --- What units follow ----------------------------------------------------------------------


def properties(chorale: Chorale) -> dict[str, list[float | None]]:
    """Each of PROPERTIES per note of the chorale (None where it does not apply)."""
    notes = chorale.notes
    out: dict[str, list[float | None]] = {name: [] for name in PROPERTIES}
    since_phrase = 0
    for i, note in enumerate(notes):
        out["height"].append(float(note.pitch))
        out["offbeat"].append(float(note.beat != int(note.beat)))
        out["downbeat"].append(float(note.beat == 1))
        previous = notes[i - 1].pitch if i else None
        out["rose"].append(None if previous is None or previous == note.pitch else float(note.pitch > previous))
        out["phrase-end"].append(float(note.fermata))
        out["tonic"].append(float(note.pitch % 12 == 0))
        out["phrase-position"].append(float(since_phrase))
        since_phrase = 0 if note.fermata else since_phrase + 1
    return out


def _correlation(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else 0.0


def unit_correlations(
    weights: dict[str, list], vocabulary: Vocabulary, melodies: list[Chorale]
) -> dict[str, list[dict]]:
    """Per property, every unit's correlation (Pearson r) between its activation after each
    note and the property of that note, over `melodies`, best first:
    {property: [{"unit", "r", "notes"}...]}."""
    states: list[list[float]] = []
    values: dict[str, list[float | None]] = {name: [] for name in PROPERTIES}
    token_inputs = vocabulary.token_inputs()
    for chorale in melodies:
        run = torch_run(weights, token_inputs, tokens(vocabulary, chorale), cells=False)
        states.extend(run["h"][1:])  # the state after each note (not after the boundary)
        for name, column in properties(chorale).items():
            values[name].extend(column)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, column in values.items():
        known = [(i, v) for i, v in enumerate(column) if v is not None]
        kept, ys = [i for i, _ in known], [v for _, v in known]
        rows = [
            {"unit": unit, "r": _correlation([states[i][unit] for i in kept], ys), "notes": len(kept)}
            for unit in range(len(states[0]))
        ]
        out[name] = sorted(rows, key=lambda row: -abs(row["r"]))
    return out


def findings(correlations: dict[str, list[dict]]) -> list[dict]:
    """The units that follow a property closely (|r| >= FINDING_THRESHOLD), best first, one
    property per unit and one unit per property, at most MAX_FINDINGS."""
    best = sorted(((name, rows[0]) for name, rows in correlations.items()), key=lambda item: -abs(item[1]["r"]))
    out: list[dict[str, Any]] = []
    units: set[int] = set()
    for name, row in best:
        if abs(row["r"]) < FINDING_THRESHOLD or row["unit"] in units or len(out) == MAX_FINDINGS:
            continue
        units.add(row["unit"])
        out.append(
            {"property": name, "meaning": PROPERTIES[name], "unit": row["unit"], "r": row["r"], "notes": row["notes"]}
        )
    return out


# --- What the page shows ---------------------------------------------------------------------

TWINKLE = [
    (72, 1.0),
    (72, 1.0),
    (79, 1.0),
    (79, 1.0),
    (81, 1.0),
    (81, 1.0),
    (79, 2.0),
    (77, 1.0),
    (77, 1.0),
    (76, 1.0),
    (76, 1.0),
    (74, 1.0),
    (74, 1.0),
    (72, 2.0),
]  # a public-domain tune, in C


def presets(vocabulary: Vocabulary, held_out: list[Chorale]) -> list[dict]:
    """Melodies the reader can start from: the opening phrases of three held-out chorales
    (never trained on) and a nursery tune, as tokens without the leading boundary."""
    out = []
    for chorale in held_out[:3]:
        ends = [i for i, n in enumerate(chorale.notes) if n.fermata]
        stop = ends[1] + 1 if len(ends) > 1 else len(chorale.notes)
        out.append(
            {
                "name": f"Bach, {chorale.name.upper().replace('BWV', 'BWV ')} (opening, in C {chorale.mode})",
                "tokens": [vocabulary.token(n) for n in chorale.notes[:stop]],
            }
        )
    if all(note in vocabulary.notes for note in TWINKLE):
        out.append(
            {
                "name": "Twinkle, twinkle, little star (in C major)",
                "tokens": [1 + vocabulary.notes.index(note) for note in TWINKLE],
            }
        )
    return out


def model_payload(spec: dict[str, Any]) -> dict[str, Any]:
    """What the live demo fetches: the weights, the vocabulary, the presets and the findings,
    from the built spec's datasets (so the page and the chart describe one network)."""
    (model,) = spec["datasets"]["model"]
    return {**model, "findings": spec["datasets"]["findings"]}


def build(options: dict[str, Any], progress: Progress) -> Any:
    import altair as alt

    from vizlib.views.data import named

    melodies = chorales()
    vocabulary = Vocabulary.of(melodies)
    training, held_out = split(melodies)
    progress(f"{INFO.name}: training a {HIDDEN}-unit LSTM on {len(training)} chorale melodies")
    weights, history = train(vocabulary, training, held_out, progress)
    correlations = unit_correlations(weights, vocabulary, held_out)
    found = findings(correlations)
    if len(found) < 2:
        raise DemoError(f"the trained network has fewer than two units with |r| >= {FINDING_THRESHOLD}: {found}")
    token_inputs = vocabulary.token_inputs()
    accuracy = _accuracy(weights, vocabulary, held_out)

    # one held-out chorale, note by note, with each found unit's activation
    shown = held_out[0]
    run = torch_run(weights, token_inputs, tokens(vocabulary, shown))
    values = properties(shown)
    strip = []
    for finding in found:
        title = f"unit {finding['unit']}: {finding['meaning']} (r = {finding['r']:.2f})"
        column = [v for v in values[finding["property"]] if v is not None]
        low, high = min(column), max(column)
        sign = 1 if finding["r"] >= 0 else -1  # a unit that falls as the property rises is drawn mirrored
        if finding["property"] in CONTINUOUS:
            title += ", the property dashed" + (" and mirrored" if sign < 0 else "")
        for i, note in enumerate(shown.notes):
            value = values[finding["property"]][i]
            scaled = (
                None
                if value is None or finding["property"] not in CONTINUOUS or high == low
                else sign * (2 * (value - low) / (high - low) - 1)
            )
            strip.append(
                {
                    "finding": title,
                    "index": i + 1,
                    "note": note_name(note.pitch, note.length),
                    "activation": run["h"][i + 1][finding["unit"]],
                    "scaled": scaled,
                    "property": "n/a"
                    if value is None
                    else f"{value:g}"
                    if finding["property"] in CONTINUOUS
                    else "yes"
                    if value == 1
                    else "no",
                }
            )
    best = [
        {"property": PROPERTIES[name], "unit": rows[0]["unit"], "r": rows[0]["r"], "abs_r": abs(rows[0]["r"])}
        for name, rows in correlations.items()
    ]
    model = {
        "hidden": HIDDEN,
        "inputs": vocabulary.inputs,
        "names": vocabulary.names(),
        "notes": [[p, q] for p, q in vocabulary.notes],
        "token_inputs": token_inputs,
        "weights": weights,
        "presets": presets(vocabulary, held_out),
        "held_out_accuracy": accuracy,
        "chorales": {"training": len(training), "held_out": len(held_out)},
    }

    from vizlib.views import controls

    ranked = [row["property"] for row in sorted(best, key=lambda row: -row["abs_r"])]
    threshold = controls.slider("threshold", "a unit of its own from |r| = ", 0.1, 0.9, 0.05, FINDING_THRESHOLD)
    bars = (
        alt.Chart(named("best"))
        .mark_bar()
        .encode(
            x=alt.X("abs_r:Q", title="|correlation| of the best unit, held-out notes", scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("property:N", title=None, sort=ranked),
            color=alt.condition("datum.abs_r >= threshold", alt.value("#1b9e77"), alt.value("#999")),
            tooltip=["property:N", "unit:Q", alt.Tooltip("r:Q", format=".2f")],
        )
        .properties(width=260, title="Which property has a unit of its own?")
        .add_params(threshold)
    )
    cut = (
        alt.Chart(alt.Data(values=[{"at": 0}]))
        .transform_calculate(at="threshold")
        .mark_rule(strokeDash=[3, 3])
        .encode(x="at:Q")
    )
    labels = (
        alt.Chart(named("best"))
        .mark_text(align="left", dx=3)
        .encode(x="abs_r:Q", y=alt.Y("property:N", sort=ranked), text=alt.Text("unit:Q", format="d"))
    )
    strip_data = alt.Chart(named("strip"))
    traces = (
        strip_data.mark_line(point=True, color="#555")
        .encode(
            x=alt.X("index:Q", title=f"note of {shown.name.upper()} (held out)"),
            y=alt.Y("activation:Q", title="activation", scale=alt.Scale(domain=[-1, 1])),
            tooltip=["index:Q", "note:N", alt.Tooltip("activation:Q", format=".2f"), "property:N"],
        )
        .properties(width=520, height=90)
    )
    marks = (
        strip_data.transform_filter("datum.property === 'yes'")
        .mark_rule(color="#d95f02", opacity=0.5)
        .encode(x="index:Q")
    )
    dashed = (
        strip_data.transform_filter("datum.scaled !== null")
        .mark_line(color="#d95f02", strokeDash=[4, 3])
        .encode(x="index:Q", y="scaled:Q")
    )
    per_finding = alt.layer(marks, dashed, traces).facet(
        row=alt.Row(
            "finding:N",
            title=None,
            header=alt.Header(
                labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top", labelFontWeight="bold"
            ),
        )
    )
    loss = (
        alt.Chart(named("history"))
        .transform_fold(["training", "held_out"], as_=["data", "loss"])
        .mark_line()
        .encode(
            x=alt.X("epoch:Q"),
            y=alt.Y("loss:Q", title="loss (cross-entropy)", scale=alt.Scale(domainMin=0)),
            color=alt.Color("data:N", title=None, legend=alt.Legend(orient="top")),
        )
        .properties(width=200, height=150, title="Training")
    )
    chart = alt.vconcat(
        alt.hconcat(alt.layer(bars, labels, cut), loss).resolve_scale(color="independent"),
        per_finding,
        datasets={"model": [model], "findings": found, "best": best, "strip": strip, "history": history},
    ).properties(
        description=(
            "Which units of the trained network follow a nameable property of the note just read: "
            + "; ".join(
                f"unit {f['unit']} follows '{f['meaning']}', r = {f['r']:.2f} over {f['notes']} held-out notes"
                for f in found
            )
            + f". Held-out next-note accuracy: {accuracy:.0%}."
        )
    )
    return chart


def _accuracy(weights: dict[str, list], vocabulary: Vocabulary, held_out: list[Chorale]) -> float:
    """Share of held-out notes the network ranks first, reading each chorale from its start."""
    right = total = 0
    for chorale in held_out:
        sequence = tokens(vocabulary, chorale)
        run = torch_run(weights, vocabulary.token_inputs(), sequence, cells=False)
        for t in range(len(sequence) - 1):
            p = run["p"][t]
            right += int(max(range(len(p)), key=p.__getitem__) == sequence[t + 1])
            total += 1
    return right / total
