/* The song neuron of "How a network learns", trained live.
 *
 * Mounts on <div class="live-neuron"> (the {{ live("how-a-network-learns") }} directive).
 * The reader says which of the eight kinds of song the listener likes, dislikes or has
 * not heard, and the neuron retrains from the same initial weights: one weight per
 * feature and a bias, a weighted sum, a sigmoid; full-batch gradient descent (as
 * vizlib.live.song_export and the torch reference). The songs and seed are kept in the
 * address. Besides the graph and the loss, a decision picture places every song by its
 * weighted sum: right of zero the neuron says "likes", left of it "dislikes".
 */
(function () {
  "use strict";

  var FEATURES = ["modern", "sad", "piano"];
  var SONGS = [];  // every combination, in the order vizlib.live.SONGS lists them
  for (var code = 0; code < 8; code++) SONGS.push([(code >> 2) & 1, (code >> 1) & 1, code & 1]);
  var PRESETS = {"eight-songs": "DLLLDDDL", "four-songs": "-L-D-D-L"};  // = vizlib.live.SONG_PRESETS
  var LEARNING_RATE = 1.0;  // = vizlib.live.SONG_LEARNING_RATE
  var STEPS_PER_FRAME = 1;  // slow enough to watch each step
  var AUTOPLAY_STEPS = 300;  // after a change the neuron retrains for this many steps, then stops
  var CHOICES = {L: "likes", D: "dislikes", "-": "not heard"};
  var LIKES = "#1b9e77", DISLIKES = "#d95f02", POSITIVE = "#2b83ba", NEGATIVE = "#d7191c";
  var ui = window.LiveUI || {};

  function title(song) {
    var present = FEATURES.filter(function (name, k) { return song[k]; });
    return present.length ? present.join(", ") : "none of them";
  }

  function readAddress() {
    var query = new URLSearchParams(location.search), state = {labels: PRESETS["four-songs"], seed: 1}, ignored = [];
    if (query.has("songs")) {
      if (/^[LD-]{8}$/.test(query.get("songs"))) state.labels = query.get("songs");
      else ignored.push("songs=" + query.get("songs") + " (8 letters, one per song: L likes, D dislikes, - not heard)");
    }
    if (query.has("seed")) {
      var seed = query.get("seed");
      if (/^\d{1,10}$/.test(seed) && Number(seed) < 4294967296) state.seed = Number(seed);
      else ignored.push("seed=" + seed + " (a whole number below 4294967296)");
    }
    return {state: state, ignored: ignored};
  }

  function svgText(x, y, text, extra) {
    return '<text x="' + x + '" y="' + y + '"' + (extra || "") + ">" + text + "</text>";  // text: our own words and numbers
  }

  function Neuron(root) {
    var address = readAddress();
    this.root = root;
    this.state = address.state;
    this.build(address.ignored);
    this.reset();
  }

  Neuron.prototype.build = function (ignored) {
    var self = this, el = ui.el;
    this.root.textContent = "";
    this.root.classList.add("lc-mounted");
    this.player = new ui.Player(this.root, STEPS_PER_FRAME, {
      reset: function () { self.reset(); },
      train: function (steps) {
        self.train(steps);
        if (self.step >= self.stopAt) self.player.setPlaying(false);
        self.draw();
      }
    });
    this.selects = SONGS.map(function (song, index) {
      var choice = ui.select(["likes", "dislikes", "not heard"], "likes");
      choice.setAttribute("aria-label", "Does the listener like the song: " + title(song) + "?");
      choice.addEventListener("change", function () {
        var letter = Object.keys(CHOICES).filter(function (k) { return CHOICES[k] === choice.value; })[0];
        self.state.labels = self.state.labels.slice(0, index) + letter + self.state.labels.slice(index + 1);
        self.reset(true);
      });
      return choice;
    });
    var rows = SONGS.map(function (song, index) {
      return el("tr", {}, [el("th", {scope: "row", text: title(song)})].concat(
        song.map(function (v) { return el("td", {text: v ? "yes" : "no"}); }), [el("td", {}, [self.selects[index]])]));
    });
    var table = el("table", {class: "ln-songs"}, [
      el("caption", {text: "The eight kinds of song, and what the listener thinks of them"}),
      el("thead", {}, [el("tr", {}, ["song", "modern", "sad", "piano", "the listener"].map(function (h) {
        return el("th", {scope: "col", text: h});
      }))]),
      el("tbody", {}, rows)
    ]);
    var presets = el("div", {class: "lc-toolbar"}, [
      ui.button("Four songs, no rule", "The four songs of the article: no single neuron can learn them",
                function () { self.state.labels = PRESETS["four-songs"]; self.reset(true); }),
      ui.button("All eight songs", "All eight songs, liked when sad or piano but not modern",
                function () { self.state.labels = PRESETS["eight-songs"]; self.reset(true); })
    ]);
    this.graph = el("div", {class: "ln-graph"});
    this.picture = el("div", {class: "ln-picture"});
    this.lossChart = el("div", {class: "lc-loss"});
    this.summary = el("p", {class: "lc-summary", "aria-live": "polite"});
    this.note = el("p", {class: "lc-note", role: "status"});
    if (ignored.length) this.note.textContent = "Ignored from the address: " + ignored.join("; ") + ".";
    this.root.appendChild(presets);
    this.root.appendChild(table);
    this.root.appendChild(this.player.toolbar);
    this.root.appendChild(el("div", {class: "lc-network"}, [this.graph, el("div", {}, [this.lossChart, this.summary])]));
    this.root.appendChild(this.picture);
    this.root.appendChild(this.note);
  };

  /* The initial weights of the seed and the songs heard; when `play`, retrain at once. */
  Neuron.prototype.reset = function (play) {
    var labels = this.state.labels, heard = [];
    SONGS.forEach(function (song, index) {
      if (labels[index] !== "-") heard.push(song.concat([labels[index] === "L" ? 1 : 0]));
    });
    this.selects.forEach(function (choice, index) { choice.value = CHOICES[labels[index]]; });
    this.heard = heard;
    this.data = LiveMLP.table(heard, 3);
    this.net = new LiveMLP.Network([3, 1], "sigmoid",
                                   LiveMLP.initialWeights({seed: this.state.seed, hidden: [], inputs: 3}));
    this.step = 0;
    this.stopAt = AUTOPLAY_STEPS;
    this.history = {train: [this.data.n ? this.net.loss(this.data) : NaN]};
    var query = new URLSearchParams(location.search);
    query.set("songs", labels);
    query.set("seed", String(this.state.seed));
    history.replaceState(history.state, "", location.pathname + "?" + query.toString() + location.hash);
    this.draw();
    this.player.setPlaying(Boolean(play) && this.data.n > 0);
  };

  Neuron.prototype.train = function (steps) {
    if (!this.data.n) return;
    if (this.step >= this.stopAt) this.stopAt = this.step + AUTOPLAY_STEPS;  // play again after a stop
    for (var k = 0; k < steps; k++) {
      this.net.step(this.data, LEARNING_RATE, 0);
      this.step++;
      this.history.train.push(this.net.loss(this.data));
    }
  };

  Neuron.prototype.sum = function (song) {
    var W = this.net.W[0];
    return W[0] * song[0] + W[1] * song[1] + W[2] * song[2] + this.net.b[0][0];
  };

  Neuron.prototype.draw = function () {
    var self = this, W = this.net.W[0], bias = this.net.b[0][0];
    this.player.show(this.step);
    this.drawGraph([W[0], W[1], W[2], bias]);
    this.drawPicture();
    ui.lossChart(this.lossChart, this.history);
    var right = this.heard.filter(function (row) { return (self.sum(row) > 0 ? 1 : 0) === row[3]; }).length;
    var loss = this.history.train[this.step];
    this.summary.textContent = this.heard.length
      ? "Loss " + loss.toFixed(4) + " (a coin flip scores 0.6931); " + right + " of the " + this.heard.length +
        " songs heard are on the right side."
      : "The listener has heard no song: there is nothing to learn from.";
  };

  /* Inputs and a constant 1 feed the weighted sum Σ, whose edge to σ carries no weight. */
  Neuron.prototype.drawGraph = function (weights) {
    var names = FEATURES.concat(["1 (bias)"]), width = 330, height = 190, svg = [];
    var sumX = 200, sigmaX = 290, middle = 95;
    names.forEach(function (name, k) {
      var y = 22 + k * 48, w = weights[k];
      svg.push('<line x1="62" y1="' + y + '" x2="' + (sumX - 20) + '" y2="' + middle + '" stroke="' +
               (w >= 0 ? POSITIVE : NEGATIVE) + '" stroke-width="' + (1 + 3 * Math.min(Math.abs(w), 4)).toFixed(2) + '"/>');
      svg.push(svgText(120, (y + middle) / 2 - 4 + (k < 2 ? -4 : 4), "×" + w.toFixed(2), ' text-anchor="middle" class="ln-weight"'));
      svg.push(svgText(56, y + 4, name, ' text-anchor="end"'));
    });
    svg.push('<line x1="' + (sumX + 20) + '" y1="' + middle + '" x2="' + (sigmaX - 20) + '" y2="' + middle +
             '" class="ln-fixed-edge"/>');
    svg.push('<circle cx="' + sumX + '" cy="' + middle + '" r="20" class="ln-node"/>' + svgText(sumX, middle + 5, "Σ", ' text-anchor="middle"'));
    svg.push('<circle cx="' + sigmaX + '" cy="' + middle + '" r="20" class="ln-node"/>' + svgText(sigmaX, middle + 5, "σ", ' text-anchor="middle"'));
    svg.push(svgText(sigmaX, middle + 38, "P(likes)", ' text-anchor="middle"'));
    this.graph.innerHTML = '<svg viewBox="0 0 ' + width + " " + height + '" width="' + width + '" height="' + height +
      '" role="img" aria-label="The neuron: weights modern ' + weights[0].toFixed(2) + ", sad " + weights[1].toFixed(2) +
      ", piano " + weights[2].toFixed(2) + ", bias " + weights[3].toFixed(2) + '; the weighted sum goes to the sigmoid">' +
      svg.join("") + "</svg>";
  };

  /* Each song at its weighted sum: right of 0 the neuron says likes (P > 50 %). */
  Neuron.prototype.drawPicture = function () {
    var self = this, width = 420, rowHeight = 18, top = 30, left = 110, height = top + 8 * rowHeight + 40;
    var sums = SONGS.map(function (song) { return self.sum(song); });
    var reach = Math.max(2, Math.max.apply(null, sums.map(Math.abs))) * 1.1;
    function x(value) { return left + (width - left - 10) * (value + reach) / (2 * reach); }
    var svg = ['<rect x="' + left + '" y="' + (top - 6) + '" width="' + (x(0) - left) + '" height="' + (8 * rowHeight + 6) + '" class="ln-side-dislikes"/>',
               '<rect x="' + x(0) + '" y="' + (top - 6) + '" width="' + (width - 10 - x(0)) + '" height="' + (8 * rowHeight + 6) + '" class="ln-side-likes"/>',
               '<line x1="' + x(0) + '" y1="' + (top - 8) + '" x2="' + x(0) + '" y2="' + (top + 8 * rowHeight) + '" class="lc-axis"/>',
               svgText((left + x(0)) / 2, top - 12, "says dislikes", ' text-anchor="middle"'),
               svgText((x(0) + width - 10) / 2, top - 12, "says likes", ' text-anchor="middle"')];
    SONGS.forEach(function (song, index) {
      var y = top + index * rowHeight + rowHeight / 2, label = self.state.labels[index];
      var fill = label === "L" ? LIKES : label === "D" ? DISLIKES : "none";
      svg.push(svgText(left - 6, y + 4, title(song), ' text-anchor="end"'));
      svg.push('<circle cx="' + x(sums[index]).toFixed(1) + '" cy="' + y + '" r="5.5" fill="' + fill +
               '" stroke="' + (label === "-" ? "currentColor" : "#fff") + '"/>');
    });
    // the key on two short lines: one long line ran past a phone's screen
    svg.push(svgText(left, height - 20, "weighted sum Σ (0: P = 50 %)"));
    svg.push(svgText(left, height - 4, "● likes (green) ● dislikes (orange) ○ not heard"));
    var placed = SONGS.map(function (song, index) {
      return title(song) + ": says " + (sums[index] > 0 ? "likes" : "dislikes");
    });
    this.picture.innerHTML = '<svg viewBox="0 0 ' + width + " " + height + '" width="' + width + '" height="' + height +
      '" role="img" aria-label="Where the neuron puts each song: ' + placed.join("; ") + '">' + svg.join("") + "</svg>";
  };

  if (ui.mount) ui.mount(".live-neuron", function (node) { node._neuron = new Neuron(node); });
})();
