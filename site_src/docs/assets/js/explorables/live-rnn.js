/* "Reading a recurrent network's memory", live: the reader plays a melody and watches an
 * LSTM read it, note by note, in the browser.
 *
 * Mounts on <div class="live-rnn" data-model="URL"> ({{ live("reading-a-recurrent-networks-memory") }});
 * the JSON holds the trained network (vizlib/demos/reading_a_recurrent_networks_memory.py).
 * The reader adds notes with the on-screen keyboard, the computer keys or a preset; at the
 * step shown, the page gives the network's next-note distribution, and the hidden state of
 * every step is a units x time heatmap (Karpathy et al.'s figure). Selecting a span of the
 * melody ranks the units that are on across it and off around it (LSTMVis's idea); choosing
 * a unit colours the melody by it. Generation continues the melody at a temperature (0:
 * always the most likely note) and plays it through the Web Audio API, only once the
 * reader has switched the sound on with a click. The forward pass is rnn-engine.js.
 */
(function () {
  "use strict";

  var ui = window.LiveUI || {};
  var QUARTER_SECONDS = 0.45;  // tempo of playback: a quarter note lasts this long
  var AROUND = 3;  // notes either side of a selected span that the ranking looks at
  var RANKED = 8;  // units listed for a span
  var TOP_UNITS = 3;  // per step, in the text alternative of the heatmap
  var SHOWN_NEXT = 10;  // next notes drawn in the distribution
  var MAX_NOTES = 200;
  var KEYS = {a: 0, w: 1, s: 2, e: 3, d: 4, f: 5, t: 6, g: 7, y: 8, h: 9, u: 10, j: 11, k: 12};  // a piano's layout
  var BLACK = [1, 3, 6, 8, 10];

  function styles() {  // the demo's stylesheet, beside the other explorables' (same site)
    if (document.querySelector("link[data-live-rnn]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("../../css/live-rnn.css", document.querySelector("script[src$='live-rnn.js']").src).href;
    link.setAttribute("data-live-rnn", "");
    document.head.appendChild(link);
  }

  /* -1 (blue) through 0 (white) to 1 (red): the heatmap's and the melody's colours. */
  function diverging(v) {
    var t = Math.max(-1, Math.min(1, v)), a = Math.abs(t);
    var far = t >= 0 ? [202, 0, 32] : [5, 113, 176];
    return "rgb(" + far.map(function (c) { return Math.round(255 + (c - 255) * a); }).join(",") + ")";
  }

  function signed(v) { return (v < 0 ? "−" : "") + Math.abs(v).toFixed(2); }

  function Memory(root, model) {
    this.root = root;
    this.model = model;
    this.net = new LiveRNN.LSTM(model.weights, model.token_inputs);
    this.names = model.names;
    this.tokenOf = {};  // "pitch|length" -> token
    var self = this;
    model.notes.forEach(function (note, k) { self.tokenOf[note[0] + "|" + note[1]] = k + 1; });
    this.pitches = model.notes.map(function (n) { return n[0]; }).filter(function (p, i, all) { return all.indexOf(p) === i; });
    this.lengths = model.notes.map(function (n) { return n[1]; }).filter(function (q, i, all) { return all.indexOf(q) === i; })
      .sort(function (a, b) { return a - b; });
    this.melody = [];  // tokens, without the leading boundary
    this.generated = [];  // per note: true where generation made it
    this.cursor = 0;  // the step shown: after this many notes
    this.span = null;  // [first, last] note indices, 0-based
    this.unit = null;  // the unit the melody is coloured by
    this.audio = null;  // an AudioContext, made on the first click that asks for sound
    this.soundOn = false;
    this.uniform = Math.random;
    this.build();
    this.load(model.presets[0].tokens);
  }

  Memory.prototype.build = function () {
    var self = this, el = ui.el, model = this.model;
    styles();
    this.root.textContent = "";
    this.root.classList.add("lc-mounted");

    // presets, clear, undo, play, sound
    this.presetMenu = ui.select(model.presets.map(function (p) { return p.name; }), model.presets[0].name);
    this.presetMenu.setAttribute("aria-label", "Preset melody");
    this.soundButton = ui.button("Sound off", "Sound is off: click to hear the notes", function () { self.toggleSound(); });
    this.soundButton.setAttribute("aria-pressed", "false");
    var toolbar = el("div", {class: "lc-toolbar"}, [
      ui.labelled("melody", this.presetMenu),
      ui.button("Load", "Load the preset melody", function () {
        self.load(model.presets[self.presetMenu.selectedIndex].tokens);
      }),
      ui.button("Play", "Play the melody from the start, note by note", function () { self.play(0); }),
      ui.button("Undo", "Remove the last note", function () { self.setMelody(self.melody.slice(0, -1), self.generated.slice(0, -1)); }),
      ui.button("Clear", "Remove every note", function () { self.setMelody([], []); }),
      this.soundButton
    ]);

    // the keyboard: a length, then a key per pitch the chorales use
    this.lengthMenu = ui.select(this.lengths.map(function (q) { return self.lengthName(q); }), "quarter");
    this.lengthMenu.addEventListener("change", function () { self.drawKeys(); });
    this.keys = el("div", {class: "rnn-keys", role: "group", "aria-label": "Keyboard: one key per pitch"});
    this.keyButtons = this.pitches.map(function (pitch) {
      var name = self.pitchName(pitch);
      var key = el("button", {type: "button", class: "rnn-key" + (BLACK.indexOf(pitch % 12) >= 0 ? " rnn-black" : ""),
                              "data-pitch": String(pitch), text: name});
      key.addEventListener("click", function () { self.addNote(pitch); });
      self.keys.appendChild(key);
      return key;
    });
    this.octave = 72;  // the computer keys a..k play this C up to the next
    this.keyHelp = el("p", {class: "rnn-help"});
    this.keyboard = el("div", {class: "rnn-keyboard", tabindex: "0", "aria-label":
      "Computer keys: with this area focused, a w s e d f t g y h u j k play a piano's octave, z and x move it down or " +
      "up, 1 to 6 choose the length, Backspace removes the last note"}, [
      el("div", {class: "lc-toolbar"}, [ui.labelled("length", this.lengthMenu), this.keyHelp]), this.keys]);
    this.keyboard.addEventListener("keydown", function (event) { self.onKey(event); });

    // the melody as text (its notes are buttons: click one, then another, to select a span)
    this.melodyList = el("ol", {class: "rnn-melody", "aria-label": "The melody, note by note"});
    this.stepRange = ui.range(0, 0, 1, 0);
    this.stepRange.setAttribute("aria-label", "Step shown: after this many notes");
    this.stepOut = el("output", {class: "lc-step"});
    this.stepRange.addEventListener("input", function () { self.cursor = Number(self.stepRange.value); self.drawStep(); });

    // the distribution and the heatmap
    this.distribution = el("div", {class: "rnn-distribution"});
    this.expectation = el("p", {class: "rnn-expect", "aria-live": "polite"});
    this.heatmap = el("canvas", {class: "rnn-heatmap", role: "img"});
    this.heatmap.addEventListener("click", function (event) {  // a column: show that step
      var box = self.heatmap.getBoundingClientRect(), column = Math.floor((event.clientX - box.left) / self.cell);
      if (column >= 0 && column < self.melody.length) { self.cursor = column + 1; self.drawStep(); }
    });
    this.heatmapScroll = el("div", {class: "rnn-scroll"}, [this.heatmap]);
    this.unitTable = el("table", {class: "rnn-top-units"});
    var tableBox = el("details", {class: "rnn-table-box"}, [
      el("summary", {text: "The heatmap as a table: the " + TOP_UNITS + " strongest units after each note"}),
      el("div", {class: "rnn-scroll"}, [this.unitTable])]);

    // LSTMVis: a span, a threshold, the ranked units
    this.fromInput = el("input", {type: "number", min: "1", value: "1", class: "rnn-number"});
    this.toInput = el("input", {type: "number", min: "1", value: "1", class: "rnn-number"});
    this.threshold = ui.range(0, 0.9, 0.05, 0.3);
    this.thresholdOut = el("output", {text: "0.30"});
    this.threshold.addEventListener("input", function () {
      self.thresholdOut.textContent = Number(self.threshold.value).toFixed(2);
      if (self.span) self.rank();
    });
    var find = ui.button("Find units", "Rank the units that are on across the span and off around it", function () {
      self.setSpan(Number(self.fromInput.value) - 1, Number(self.toInput.value) - 1);
    });
    this.ranking = el("ol", {class: "rnn-ranking", "aria-live": "polite"});
    this.rankingNote = el("p", {class: "rnn-help"});
    this.colouredBy = el("p", {class: "rnn-help", "aria-live": "polite"});
    var found = el("ul", {class: "rnn-findings"});
    (model.findings || []).forEach(function (f) {
      found.appendChild(el("li", {}, [ui.button("unit " + f.unit, "Colour the melody by unit " + f.unit,
                                                function () { self.colourBy(f.unit); }),
                                      el("span", {text: " follows " + f.meaning + ": r = " + signed(f.r) + " over " +
                                                        f.notes + " held-out notes" +
                                                        (f.r < 0 ? " (it falls as the property rises)" : "")})]));
    });

    // generation
    this.temperature = ui.range(0, 2, 0.1, 0);
    this.temperatureOut = el("output", {text: "0.0 (always the most likely note)"});
    this.temperature.addEventListener("input", function () { self.showTemperature(); });
    this.countInput = el("input", {type: "number", min: "1", max: "64", value: "16", class: "rnn-number"});
    this.generatedNote = el("p", {class: "rnn-generated", "aria-live": "polite"});

    var append = this.root.appendChild.bind(this.root);
    append(toolbar);
    append(this.keyboard);
    append(el("h4", {text: "The melody"}));
    append(this.melodyList);
    append(el("div", {class: "lc-toolbar"}, [ui.labelled("step shown", this.stepRange, this.stepOut)]));
    append(el("div", {class: "rnn-panels"}, [
      el("div", {class: "rnn-panel"}, [el("h4", {text: "What the network expects next"}), this.expectation, this.distribution]),
      el("div", {class: "rnn-panel rnn-wide"}, [el("h4", {text: "Its hidden state: units × notes"}), this.heatmapScroll,
                                                 el("p", {class: "rnn-help", text: "Each row is a unit, each column the state " +
                                                   "after a note; red is near +1, blue near −1. The outlined column is the step shown."}),
                                                 tableBox])]));
    append(el("h4", {text: "Which units follow a span?"}));
    append(el("div", {class: "lc-toolbar"}, [ui.labelled("from note", this.fromInput), ui.labelled("to note", this.toInput), find,
                                             ui.labelled("on above", this.threshold, this.thresholdOut)]));
    append(this.rankingNote);
    append(this.ranking);
    append(this.colouredBy);
    append(el("p", {class: "rnn-help", text: "Units the build found in this network:"}));
    append(found);
    append(el("h4", {text: "Let the network continue"}));
    append(el("div", {class: "lc-toolbar"}, [ui.labelled("temperature", this.temperature, this.temperatureOut),
                                             ui.labelled("notes", this.countInput),
                                             ui.button("Generate", "Generate a continuation of the melody", function () { self.generate(); })]));
    append(this.generatedNote);
    this.drawKeys();
  };

  Memory.prototype.pitchName = function (pitch) {
    return ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"][pitch % 12] + (Math.floor(pitch / 12) - 1);
  };
  Memory.prototype.lengthName = function (q) {
    return {0.5: "eighth", 1: "quarter", 1.5: "dotted quarter", 2: "half", 3: "dotted half", 4: "whole"}[q] || q + " beats";
  };
  Memory.prototype.length = function () { return this.lengths[this.lengthMenu.selectedIndex]; };

  /* Keys for notes the network never read at the chosen length are disabled. */
  Memory.prototype.drawKeys = function () {
    var self = this, q = this.length();
    this.keyButtons.forEach(function (key, k) {
      var pitch = self.pitches[k], known = self.tokenOf[pitch + "|" + q] !== undefined;
      key.disabled = !known;
      key.setAttribute("aria-label", "Add " + self.pitchName(pitch) + " " + self.lengthName(q) +
                       (known ? "" : " (the chorales never use it)"));
    });
    this.keyHelp.textContent = "Computer keys play " + this.pitchName(this.octave) + " to " + this.pitchName(this.octave + 12) + ".";
  };

  Memory.prototype.onKey = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target !== this.keyboard) return;
    var key = event.key.toLowerCase();
    if (KEYS[key] !== undefined) this.addNote(this.octave + KEYS[key]);
    else if (key === "z" || key === "x") {
      this.octave = Math.max(48, Math.min(84, this.octave + (key === "z" ? -12 : 12)));
      this.drawKeys();
    } else if (/^[1-6]$/.test(key) && Number(key) <= this.lengths.length) {
      this.lengthMenu.selectedIndex = Number(key) - 1;
      this.drawKeys();
    } else if (event.key === "Backspace") this.setMelody(this.melody.slice(0, -1), this.generated.slice(0, -1));
    else return;
    event.preventDefault();
  };

  Memory.prototype.addNote = function (pitch) {
    var token = this.tokenOf[pitch + "|" + this.length()];
    if (token === undefined) {
      this.expectation.textContent = "The chorales never use a " + this.pitchName(pitch) + " " + this.lengthName(this.length()) +
        ": the network has no token for it. Choose another length.";
      return;
    }
    if (this.melody.length >= MAX_NOTES) return;
    this.setMelody(this.melody.concat([token]), this.generated.concat([false]));
    this.sound([token]);
  };

  Memory.prototype.load = function (tokens) {
    this.setMelody(tokens.slice(), tokens.map(function () { return false; }));
  };

  /* A new melody: run the network over it (from the boundary token) and redraw. */
  Memory.prototype.setMelody = function (tokens, generated) {
    this.melody = tokens;
    this.generated = generated;
    this.run = this.net.run([0].concat(tokens));  // step 0: after the boundary, before any note
    this.cursor = tokens.length;
    this.span = null;
    this.pending = null;
    this.ranking.textContent = "";
    this.rankingNote.textContent = tokens.length ? "Click a note, then another, to select a span (or type its numbers)." : "";
    this.stepRange.max = String(tokens.length);
    this.fromInput.max = this.toInput.max = String(Math.max(1, tokens.length));
    this.drawMelody();
    this.drawHeatmap();
    this.drawTable();
    this.drawStep();
  };

  Memory.prototype.noteText = function (token) { return this.names[token]; };

  Memory.prototype.drawMelody = function () {
    var self = this, el = ui.el;
    this.melodyList.textContent = "";
    this.melody.forEach(function (token, i) {
      var classes = "rnn-note" + (self.generated[i] ? " rnn-made" : "");
      var button = el("button", {type: "button", class: classes, "data-token": String(token),
                                 "aria-label": "note " + (i + 1) + ": " + self.noteText(token) +
                                   (self.generated[i] ? ", generated" : "") + ". Select for a span",
                                 text: self.noteText(token)});
      button.addEventListener("click", function () { self.pick(i); });
      self.melodyList.appendChild(el("li", {}, [button]));
    });
    if (!this.melody.length) this.melodyList.appendChild(el("li", {class: "rnn-empty", text: "No notes yet: play some."}));
    this.paintMelody();
  };

  /* Colours the notes by the chosen unit, and marks the selected span. */
  Memory.prototype.paintMelody = function () {
    var self = this;
    this.melodyList.querySelectorAll(".rnn-note").forEach(function (button, i) {
      var inSpan = self.span && i >= self.span[0] && i <= self.span[1];
      button.classList.toggle("rnn-in-span", Boolean(inSpan));
      button.setAttribute("aria-pressed", String(Boolean(inSpan)));
      if (self.unit === null) { button.style.background = ""; button.removeAttribute("title"); return; }
      var v = self.run.h[i + 1][self.unit];
      button.style.background = diverging(v);
      button.style.color = Math.abs(v) > 0.6 ? "#fff" : "#000";
      button.title = "unit " + self.unit + ": " + v.toFixed(2);
    });
  };

  Memory.prototype.drawHeatmap = function () {
    // columns as wide as the panel allows (6 to 16 px), scrolling sideways past that
    var units = this.net.hidden, steps = this.melody.length, rowHeight = 4;
    var cell = Math.max(6, Math.min(16, Math.floor((this.heatmapScroll.clientWidth || 320) / Math.max(1, steps))));
    var width = Math.max(1, steps) * cell, height = units * rowHeight;
    this.heatmap.width = width;
    this.heatmap.height = height;
    this.heatmap.style.width = width + "px";
    this.heatmap.style.height = height + "px";
    this.cell = cell;
    this.rowHeight = rowHeight;
    var context = this.heatmap.getContext("2d");
    context.clearRect(0, 0, width, height);
    for (var t = 0; t < steps; t++) {
      for (var u = 0; u < units; u++) {
        context.fillStyle = diverging(this.run.h[t + 1][u]);
        context.fillRect(t * cell, u * rowHeight, cell, rowHeight);
      }
    }
    if (this.unit !== null) {  // the chosen unit's row
      context.strokeStyle = "#000";
      context.lineWidth = 1;
      context.strokeRect(0.5, this.unit * rowHeight - 0.5, width - 1, rowHeight + 1);
    }
    if (this.cursor > 0) {
      context.strokeStyle = "#222";
      context.lineWidth = 2;
      context.strokeRect((this.cursor - 1) * cell + 1, 1, cell - 2, height - 2);
    }
    this.heatmap.setAttribute("aria-label", "Heatmap of the " + units + " units' activations after each of the " + steps +
                              " notes" + (this.cursor ? "; the outlined column is after note " + this.cursor : "") +
                              ". The table below gives the strongest units per note.");
  };

  /* The text alternative: per note, the units with the largest activations in size. */
  Memory.prototype.drawTable = function () {
    var self = this, el = ui.el;
    this.unitTable.textContent = "";
    this.unitTable.appendChild(el("caption", {text: "The " + TOP_UNITS + " units with the largest activations (in size) after each note"}));
    var head = el("tr", {}, ["note", "the note"].map(function (h) { return el("th", {scope: "col", text: h}); }));
    for (var k = 1; k <= TOP_UNITS; k++) head.appendChild(el("th", {scope: "col", text: "unit " + k}));
    this.unitTable.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    this.melody.forEach(function (token, i) {
      var h = self.run.h[i + 1], order = h.map(function (_, u) { return u; });
      order.sort(function (a, b) { return Math.abs(h[b]) - Math.abs(h[a]); });
      var row = el("tr", {}, [el("th", {scope: "row", text: String(i + 1)}), el("td", {text: self.noteText(token)})]);
      order.slice(0, TOP_UNITS).forEach(function (u) {
        row.appendChild(el("td", {text: "unit " + u + ": " + (h[u] >= 0 ? "+" : "−") + Math.abs(h[u]).toFixed(2)}));
      });
      body.appendChild(row);
    });
    this.unitTable.appendChild(body);
  };

  /* The distribution after `cursor` notes, as bars of the most likely next notes. */
  Memory.prototype.drawStep = function () {
    var self = this, p = this.run.p[this.cursor], order = p.map(function (_, v) { return v; });
    order.sort(function (a, b) { return p[b] - p[a]; });
    var shown = order.slice(0, SHOWN_NEXT), width = 300, row = 17, left = 120, height = shown.length * row + 4;
    var label = function (v) { return v === 0 ? "end of melody" : self.noteText(v); };
    var after = this.cursor ? "After note " + this.cursor + " (" + this.noteText(this.melody[this.cursor - 1]) + ")" : "Before any note";
    this.stepRange.value = String(this.cursor);
    this.stepOut.textContent = this.cursor + " of " + this.melody.length;
    this.expectation.textContent = after + ", the network expects " + label(order[0]) + " (" + (100 * p[order[0]]).toFixed(1) +
      " %), then " + label(order[1]) + " (" + (100 * p[order[1]]).toFixed(1) + " %)" +
      (this.cursor < this.melody.length ? "; the melody has " + this.noteText(this.melody[this.cursor]) + " (" +
        (100 * p[this.melody[this.cursor]]).toFixed(1) + " %)." : ".");
    var svg = shown.map(function (v, k) {
      var y = 2 + k * row, w = (width - left - 40) * p[v] / p[order[0]];
      return '<text x="' + (left - 4) + '" y="' + (y + 12) + '" text-anchor="end">' + label(v) + "</text>" +
        '<rect x="' + left + '" y="' + (y + 2) + '" width="' + w.toFixed(1) + '" height="' + (row - 5) + '" class="rnn-bar' +
        (self.cursor < self.melody.length && v === self.melody[self.cursor] ? " rnn-actual" : "") + '"/>' +
        '<text x="' + (left + w + 3).toFixed(1) + '" y="' + (y + 12) + '">' + (100 * p[v]).toFixed(1) + " %</text>";
    });
    // labels are the vocabulary's own names (digits, letters, "#", spaces) and numbers: no markup
    this.distribution.innerHTML = '<svg viewBox="0 0 ' + width + " " + height + '" width="' + width + '" height="' + height +
      '" role="img" aria-label="' + after + ": the " + shown.length + " most likely next notes: " +
      shown.map(function (v) { return label(v) + " " + (100 * p[v]).toFixed(1) + " %"; }).join(", ") + '">' + svg.join("") + "</svg>";
    this.drawHeatmap();
  };

  /* Clicking a note: the first click starts a span, the second ends it and ranks. */
  Memory.prototype.pick = function (i) {
    if (this.pending === undefined || this.pending === null) {
      this.pending = i;
      this.span = [i, i];
      this.fromInput.value = this.toInput.value = String(i + 1);
      this.cursor = i + 1;
      this.rankingNote.textContent = "Span starts at note " + (i + 1) + ": click the note where it ends.";
      this.paintMelody();
      this.drawStep();
      return;
    }
    var first = this.pending;
    this.pending = null;
    this.setSpan(Math.min(first, i), Math.max(first, i));
  };

  Memory.prototype.setSpan = function (first, last) {
    var n = this.melody.length;
    if (!n) return;
    first = Math.max(0, Math.min(n - 1, isFinite(first) ? first : 0));
    last = Math.max(first, Math.min(n - 1, isFinite(last) ? last : first));
    this.span = [first, last];
    this.pending = null;
    this.fromInput.value = String(first + 1);
    this.toInput.value = String(last + 1);
    this.rank();
  };

  /* LSTMVis's selection: per unit, the share of the span's notes where it is on (above the
   * threshold) minus the share of the notes around the span where it is on; best first. */
  Memory.prototype.rank = function () {
    var self = this, el = ui.el, first = this.span[0], last = this.span[1], theta = Number(this.threshold.value);
    var around = [];
    for (var t = Math.max(0, first - AROUND); t < first; t++) around.push(t);
    for (t = last + 1; t <= Math.min(this.melody.length - 1, last + AROUND); t++) around.push(t);
    var scores = [];
    for (var u = 0; u < this.net.hidden; u++) {
      var inside = 0, outside = 0;
      for (t = first; t <= last; t++) if (this.run.h[t + 1][u] > theta) inside++;
      around.forEach(function (s) { if (self.run.h[s + 1][u] > theta) outside++; });
      var score = inside / (last - first + 1) - (around.length ? outside / around.length : 0);
      scores.push({unit: u, inside: inside, outside: outside, score: score});
    }
    scores.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
    this.ranking.textContent = "";
    this.rankingNote.textContent = "Notes " + (first + 1) + " to " + (last + 1) + " selected; " + around.length +
      " notes around them. Units on (above " + theta.toFixed(2) + ") across the span and off around it:";
    scores.slice(0, RANKED).forEach(function (s) {
      var button = ui.button("unit " + s.unit, "Colour the melody by unit " + s.unit, function () { self.colourBy(s.unit); });
      self.ranking.appendChild(el("li", {class: "rnn-ranked", "data-unit": String(s.unit)}, [button,
        el("span", {text: " on at " + s.inside + " of " + (last - first + 1) + " notes in the span, " + s.outside + " of " +
                          around.length + " around (score " + s.score.toFixed(2) + ")"})]));
    });
    this.paintMelody();
  };

  Memory.prototype.colourBy = function (unit) {
    this.unit = this.unit === unit ? null : unit;
    this.colouredBy.textContent = this.unit === null ? "" : "The melody is coloured by unit " + unit +
      " (red: near +1, blue: near −1); click its button again to stop.";
    this.paintMelody();
    this.drawHeatmap();
  };

  Memory.prototype.showTemperature = function () {
    var t = Number(this.temperature.value);
    this.temperatureOut.textContent = t.toFixed(1) + (t === 0 ? " (always the most likely note)" : "");
  };

  Memory.prototype.generate = function () {
    var count = Math.max(1, Math.min(64, Math.round(Number(this.countInput.value)) || 16));
    count = Math.min(count, MAX_NOTES - this.melody.length);
    var made = this.net.generate(this.run.state, count, Number(this.temperature.value), this.uniform, 0).tokens;
    var self = this;
    this.setMelody(this.melody.concat(made), this.generated.concat(made.map(function () { return true; })));
    this.generatedNote.textContent = "Generated " + made.length + " notes at temperature " +
      Number(this.temperature.value).toFixed(1) + ": " + made.map(function (v) { return self.noteText(v); }).join(", ") + ".";
    this.sound(made);
  };

  /* Sound: the first click on "Sound off" makes the AudioContext; until then nothing plays. */
  Memory.prototype.toggleSound = function () {
    this.soundOn = !this.soundOn;
    if (this.soundOn && !this.audio) {
      var Context = window.AudioContext || window.webkitAudioContext;
      this.audio = Context ? new Context() : null;
    }
    if (this.audio && this.audio.state === "suspended") this.audio.resume();
    this.soundButton.textContent = this.soundOn ? "Sound on" : "Sound off";
    this.soundButton.setAttribute("aria-pressed", String(this.soundOn));
    this.soundButton.setAttribute("aria-label", this.soundOn ? "Sound is on: click to mute" : "Sound is off: click to hear the notes");
  };

  /* Plays `tokens` one after the other with triangle oscillators (no samples to fetch), if
   * the reader has switched the sound on; returns how many seconds they take. */
  Memory.prototype.sound = function (tokens, start) {
    if (!this.soundOn || !this.audio) return 0;
    var context = this.audio, when = context.currentTime + 0.05, self = this;
    tokens.forEach(function (token) {
      var note = self.model.notes[token - 1], seconds = note[1] * QUARTER_SECONDS;
      var oscillator = context.createOscillator(), gain = context.createGain();
      oscillator.type = "triangle";
      oscillator.frequency.value = 440 * Math.pow(2, (note[0] - 69) / 12);
      gain.gain.setValueAtTime(0.0001, when);
      gain.gain.exponentialRampToValueAtTime(0.25, when + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, when + seconds * 0.95);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(when);
      oscillator.stop(when + seconds);
      when += seconds;
    });
    return when - context.currentTime;
  };

  /* Steps through the melody from note `from`, at the tempo, sounding each note if the sound
   * is on: the distribution and the heatmap's outlined column follow. */
  Memory.prototype.play = function (from) {
    var self = this, i = from;
    clearTimeout(this.timer);
    function next() {
      if (!self.root.isConnected || i >= self.melody.length) return;
      self.cursor = i + 1;
      self.drawStep();
      self.sound([self.melody[i]]);
      var seconds = self.model.notes[self.melody[i] - 1][1] * QUARTER_SECONDS;
      i++;
      self.timer = setTimeout(next, seconds * 1000);
    }
    next();
  };

  if (window.LiveUI && window.LiveRNN) {
    window.LiveUI.mount(".live-rnn[data-model]", ui.withModel(function (node, model) { node._memory = new Memory(node, model); }));
  }
})();
