/* The live 2-D classifier of the Decision boundaries article, after TensorFlow Playground.
 *
 * Mounts on every <div class="live-classifier"> (written by the {{ live(...) }} directive,
 * site_src/pages/explorables.py) from Material's document$, replacing the fallback text
 * inside it. The network trains in the page with mlp-engine.js (window.LiveMLP); the
 * whole setting lives in the page's address, so a setting is a link and, with the same
 * seed, training gives the same curves.
 */
(function () {
  "use strict";

  var ORANGE = [245, 147, 34], WHITE = [232, 234, 235], BLUE = [8, 119, 189];
  var BOUNDARY_CELLS = 40, PLANE_PIXELS = 300, NEURON_PIXELS = 44;
  var STEPS_PER_FRAME = 10;  // up to 600 steps a second: full-batch gradient descent needs thousands on the spiral
  var FRAME_TRAINING_MS = 8;   // a frame stops training after this long, so a large network still redraws smoothly
  var MAX_LAYERS = 4, MAX_NEURONS = 8;
  var LR_RANGE = [1e-4, 10], L2_RANGE = [1e-4, 1];
  var DATASETS = ["circles", "xor", "gaussians", "spiral"];
  var ACTIVATIONS = ["tanh", "relu", "sigmoid"];
  var DEFAULTS = {dataset: "circles", noise: 0.25, train_share: 0.5, seed: 1, activation: "tanh",
                  hidden: [4, 4], learning_rate: 0.3, l2: 0};

  // --- the address: every setting, read with checks, written on every change ------------

  function inRange(low, high) {
    return function (text) {
      var value = Number(text);
      return text !== "" && isFinite(value) && value >= low && value <= high ? value : null;
    };
  }
  function oneOf(values) { return function (text) { return values.indexOf(text) >= 0 ? text : null; }; }
  function multipleOf(step, low, high) {
    return function (text) {
      var value = inRange(low, high)(text);
      return value !== null && Math.abs(value / step - Math.round(value / step)) < 1e-9 ? Math.round(value / step) * step : null;
    };
  }
  var PARAMS = {  // address key -> [setting, parser, what it must be]
    data: ["dataset", oneOf(DATASETS), DATASETS.join(", ")],
    noise: ["noise", multipleOf(0.05, 0, 1), "a multiple of 0.05 from 0 to 1"],
    train: ["train_share", function (t) { var v = multipleOf(5, 10, 90)(t); return v === null ? null : v / 100; },
            "a percentage from 10 to 90 in steps of 5"],
    seed: ["seed", function (t) { return /^\d{1,10}$/.test(t) && Number(t) < 4294967296 ? Number(t) : null; },
           "a whole number below 4294967296"],
    activation: ["activation", oneOf(ACTIVATIONS), ACTIVATIONS.join(", ")],
    layers: ["hidden", function (t) {
      var parts = t.split("-").map(Number);
      var ok = parts.length >= 1 && parts.length <= MAX_LAYERS && parts.every(function (n) {
        return Number.isInteger(n) && n >= 1 && n <= MAX_NEURONS;
      });
      return ok && /^[\d-]+$/.test(t) ? parts : null;
    }, "1 to 4 layer widths from 1 to 8, joined by '-' (e.g. 6-6-6)"],
    lr: ["learning_rate", inRange(LR_RANGE[0], LR_RANGE[1]), "a number from 0.0001 to 10"],
    l2: ["l2", function (t) { return t === "0" ? 0 : inRange(L2_RANGE[0], L2_RANGE[1])(t); },
         "0, or a number from 0.0001 to 1"]
  };

  function readAddress() {
    var query = new URLSearchParams(location.search), settings = JSON.parse(JSON.stringify(DEFAULTS)), ignored = [];
    Object.keys(PARAMS).forEach(function (key) {
      if (!query.has(key)) return;
      var value = PARAMS[key][1](query.get(key));
      if (value === null) ignored.push(key + "=" + query.get(key) + " (" + PARAMS[key][2] + ")");
      else settings[PARAMS[key][0]] = value;
    });
    return {settings: settings, ignored: ignored};
  }

  function shortNumber(value) { return String(Number(value.toPrecision(3))); }

  function writeAddress(settings) {
    var query = new URLSearchParams(location.search);
    query.set("data", settings.dataset);
    query.set("noise", shortNumber(settings.noise));
    query.set("train", String(Math.round(settings.train_share * 100)));
    query.set("seed", String(settings.seed));
    query.set("activation", settings.activation);
    query.set("layers", settings.hidden.join("-"));
    query.set("lr", shortNumber(settings.learning_rate));
    query.set("l2", shortNumber(settings.l2));
    history.replaceState(history.state, "", location.pathname + "?" + query.toString() + location.hash);
  }

  var ui = window.LiveUI || {}, el = ui.el, button = ui.button, labelled = ui.labelled, select = ui.select,
    range = ui.range, toLog = ui.toLog, fromLog = ui.fromLog;

  // Colours for values in [-1, 1]: orange, through grey-white, to blue, in 201 steps.
  var PALETTE = new Uint8ClampedArray(201 * 3);
  for (var shade = 0; shade <= 200; shade++) {
    var t = shade / 100 - 1, to = t < 0 ? ORANGE : BLUE;
    for (var k = 0; k < 3; k++) PALETTE[3 * shade + k] = Math.round(WHITE[k] + (to[k] - WHITE[k]) * Math.abs(t));
  }

  function paint(canvas, cells, valueAt) {  // valueAt(cell) in [-1, 1], cells x cells, row by row from the top
    var context = canvas.getContext("2d"), image = context.createImageData(cells, cells), pixels = image.data;
    for (var c = 0; c < cells * cells; c++) {
      var shade = 3 * Math.round(100 * (Math.max(-1, Math.min(1, valueAt(c))) + 1));
      pixels[4 * c] = PALETTE[shade]; pixels[4 * c + 1] = PALETTE[shade + 1]; pixels[4 * c + 2] = PALETTE[shade + 2];
      pixels[4 * c + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }

  // --- the widget --------------------------------------------------------------------------

  function Classifier(root) {
    var address = readAddress();
    this.root = root;
    this.settings = address.settings;
    this.grid = LiveMLP.grid(BOUNDARY_CELLS);
    this.gridCanvas = el("canvas", {width: String(BOUNDARY_CELLS), height: String(BOUNDARY_CELLS)});
    this.showTest = false;
    this.build(address.ignored);
    this.reset(true);
  }

  Classifier.prototype.build = function (ignored) {
    var self = this, s = this.settings;
    this.root.textContent = "";
    this.root.classList.add("lc-mounted");

    this.player = new ui.Player(this.root, STEPS_PER_FRAME, {
      reset: function () { self.reset(false); },
      train: function (steps) { self.train(steps); self.draw(); }
    });

    var dataset = select(DATASETS, s.dataset);
    dataset.addEventListener("change", function () { s.dataset = dataset.value; self.reset(true); });
    var noiseOut = el("output"), noise = range(0, 1, 0.05, s.noise);
    noise.addEventListener("input", function () { s.noise = Number(noise.value); self.reset(true); });
    var trainOut = el("output"), train = range(10, 90, 5, Math.round(s.train_share * 100));
    train.addEventListener("input", function () { s.train_share = Number(train.value) / 100; self.reset(true); });
    var seedOut = el("output");
    var newSeed = button("New seed", "New seed: new points and new initial weights", function () {
      s.seed = Math.floor(Math.random() * 4294967296);
      self.reset(true);
    });
    var activation = select(ACTIVATIONS, s.activation);
    activation.addEventListener("change", function () { s.activation = activation.value; self.reset(true); });
    var rateOut = el("output"), rate = range(0, 100, 1, fromLog(s.learning_rate, LR_RANGE));
    rate.setAttribute("aria-valuetext", String(s.learning_rate));
    rate.addEventListener("input", function () { s.learning_rate = toLog(Number(rate.value), LR_RANGE); self.changed(); });
    var l2On = el("input", {type: "checkbox"}), l2Out = el("output");
    var l2 = range(0, 100, 1, fromLog(s.l2 || 0.001, L2_RANGE));
    l2On.checked = s.l2 > 0;
    function setL2() { s.l2 = l2On.checked ? toLog(Number(l2.value), L2_RANGE) : 0; l2.disabled = !l2On.checked; self.changed(); }
    l2On.addEventListener("change", setL2);
    l2.addEventListener("input", setL2);
    l2.disabled = !l2On.checked;
    this.outputs = {noise: noiseOut, train: trainOut, seed: seedOut, rate: rateOut, l2: l2Out, rateInput: rate};

    var controls = el("div", {class: "lc-controls"}, [
      el("fieldset", {}, [el("legend", {text: "Data"}),
        labelled("dataset", dataset), labelled("noise", noise, noiseOut), labelled("training share", train, trainOut),
        el("span", {class: "lc-field"}, [el("span", {text: "seed"}), seedOut, newSeed])]),
      el("fieldset", {}, [el("legend", {text: "Training"}),
        labelled("activation", activation), labelled("learning rate", rate, rateOut),
        labelled("L2 regularization", l2On), labelled("L2 rate", l2, l2Out)])
    ]);

    this.layersBox = el("div", {class: "lc-layers"});
    this.plane = el("canvas", {width: String(PLANE_PIXELS), height: String(PLANE_PIXELS), class: "lc-plane", role: "img"});
    var showTest = el("input", {type: "checkbox"});
    showTest.addEventListener("change", function () { self.showTest = showTest.checked; self.draw(); });
    this.lossChart = el("div", {class: "lc-loss"});
    this.summary = el("p", {class: "lc-summary", "aria-live": "polite"});
    this.tooltip = el("div", {class: "lc-tooltip", role: "tooltip", id: "lc-tooltip-" + Math.random().toString(36).slice(2), hidden: ""});
    var output = el("div", {class: "lc-output"}, [
      el("div", {class: "lc-heading", text: "Output: P(blue)"}), this.plane,
      el("div", {class: "lc-legend"}, [el("span", {class: "lc-swatch lc-orange"}), el("span", {text: "orange (0)"}),
        el("span", {class: "lc-swatch lc-blue"}), el("span", {text: "blue (1)"}),
        el("span", {text: "● training ▲ test"})]),
      labelled("show test data", showTest), this.lossChart, this.summary
    ]);
    this.note = el("p", {class: "lc-note", role: "status"});
    if (ignored.length) this.note.textContent = "Ignored from the address: " + ignored.join("; ") + ".";
    this.root.appendChild(this.player.toolbar);
    this.root.appendChild(controls);
    this.root.appendChild(el("div", {class: "lc-network"}, [this.layersBox, output]));
    this.root.appendChild(this.tooltip);
    this.root.appendChild(this.note);
  };

  Classifier.prototype.buildLayers = function () {
    var self = this, hidden = this.settings.hidden;
    this.layersBox.textContent = "";
    this.neurons = [];
    var header = el("div", {class: "lc-layer-count"}, [
      button("−", "Remove a hidden layer", function () { if (hidden.length > 1) { hidden.pop(); self.reset(true); } }),
      button("+", "Add a hidden layer", function () { if (hidden.length < MAX_LAYERS) { hidden.push(4); self.reset(true); } }),
      el("span", {text: hidden.length + (hidden.length === 1 ? " hidden layer" : " hidden layers")})
    ]);
    var columns = el("div", {class: "lc-columns"});
    hidden.forEach(function (width, layer) {
      var column = el("div", {class: "lc-layer", role: "group", "aria-label": "hidden layer " + (layer + 1)}, [
        el("div", {class: "lc-neuron-count"}, [
          button("−", "Remove a neuron from layer " + (layer + 1), function () { if (hidden[layer] > 1) { hidden[layer]--; self.reset(true); } }),
          button("+", "Add a neuron to layer " + (layer + 1), function () { if (hidden[layer] < MAX_NEURONS) { hidden[layer]++; self.reset(true); } }),
          el("span", {text: width + (width === 1 ? " neuron" : " neurons")})
        ])
      ]);
      self.neurons.push([]);
      for (var n = 0; n < width; n++) {
        var canvas = el("canvas", {width: String(BOUNDARY_CELLS), height: String(BOUNDARY_CELLS), class: "lc-neuron",
                                   tabindex: "0", role: "img", "aria-describedby": self.tooltip.id});
        self.neurons[layer].push(canvas);
        self.hover(canvas, layer, n);
        column.appendChild(canvas);
      }
      columns.appendChild(column);
    });
    this.layersBox.appendChild(header);
    this.layersBox.appendChild(columns);
  };

  /* Hovering (or focusing) a neuron's heatmap shows its bias and incoming weights. */
  Classifier.prototype.hover = function (canvas, layer, neuron) {
    var self = this;
    function show() {
      self.tooltip.textContent = self.describeNeuron(layer, neuron);
      self.tooltip.hidden = false;
      var box = canvas.getBoundingClientRect(), rootBox = self.root.getBoundingClientRect();
      self.tooltip.style.left = (box.right - rootBox.left + 6) + "px";
      self.tooltip.style.top = (box.top - rootBox.top) + "px";
      self.hovered = {canvas: canvas, layer: layer, neuron: neuron};
    }
    function hide() { self.tooltip.hidden = true; self.hovered = null; }
    canvas.addEventListener("mouseenter", show);
    canvas.addEventListener("focus", show);
    canvas.addEventListener("mouseleave", hide);
    canvas.addEventListener("blur", hide);
  };

  Classifier.prototype.describeNeuron = function (layer, neuron) {
    var fanIn = this.net.sizes[layer], W = this.net.W[layer], inputs = [];
    for (var i = 0; i < fanIn; i++) {
      var source = layer === 0 ? "x" + (i + 1) : "neuron " + (layer) + "." + (i + 1);
      inputs.push(source + " × " + W[neuron * fanIn + i].toFixed(3));
    }
    return "Neuron " + (layer + 1) + "." + (neuron + 1) + ": " + this.settings.activation + "(" + inputs.join(" + ") +
      " + bias " + this.net.b[layer][neuron].toFixed(3) + ")";
  };

  /* New data (when `newData`) and the initial weights of the seed: step 0 again. */
  Classifier.prototype.reset = function (newData) {
    var s = this.settings;
    if (newData || !this.data) {
      var points = LiveMLP.points(s);
      this.data = points;
      this.trainTable = LiveMLP.table(points.train);
      this.testTable = LiveMLP.table(points.test);
      this.buildLayers();
    }
    this.net = new LiveMLP.Network(LiveMLP.sizes(s), s.activation, LiveMLP.initialWeights(s));
    this.step = 0;
    this.history = {train: [this.net.loss(this.trainTable)], test: [this.testLoss()]};
    this.changed();
  };

  Classifier.prototype.testLoss = function () { return this.testTable.n ? this.net.loss(this.testTable) : NaN; };

  Classifier.prototype.changed = function () {
    var s = this.settings, o = this.outputs;
    o.noise.textContent = s.noise.toFixed(2);
    o.train.textContent = Math.round(s.train_share * 100) + " %";
    o.seed.textContent = String(s.seed);
    o.rate.textContent = String(s.learning_rate);
    o.rateInput.setAttribute("aria-valuetext", String(s.learning_rate));
    o.l2.textContent = s.l2 > 0 ? String(s.l2) : "off";
    writeAddress(s);
    this.draw();
  };

  /* Up to `steps` steps, fewer if they take longer than a frame allows. A step returns the
   * loss before it, so only the loss after the last step costs an extra pass. */
  Classifier.prototype.train = function (steps) {
    var started = performance.now(), history = this.history;
    for (var k = 0; k < steps && (k === 0 || performance.now() - started < FRAME_TRAINING_MS); k++) {
      history.train[this.step] = this.net.step(this.trainTable, this.settings.learning_rate, this.settings.l2);
      this.step++;
      history.test.push(this.testLoss());
    }
    history.train[this.step] = this.net.loss(this.trainTable);
  };

  Classifier.prototype.accuracy = function (table) {
    var logits = this.net.forward(table.x, table.n).a[this.net.layers() - 1], right = 0;
    for (var p = 0; p < table.n; p++) if ((logits[p] > 0 ? 1 : 0) === table.y[p]) right++;
    return table.n ? right / table.n : NaN;
  };

  Classifier.prototype.draw = function () {
    var net = this.net, cells = BOUNDARY_CELLS, buffers = net.forward(this.grid, cells * cells), last = net.layers() - 1;
    var logits = buffers.a[last], activation = this.settings.activation;
    paint(this.gridCanvas, cells, function (c) { return 2 * LiveMLP.sigmoid(logits[c]) - 1; });
    this.drawPlane();
    this.neurons.forEach(function (canvases, layer) {
      var width = net.sizes[layer + 1], out = buffers.a[layer];
      canvases.forEach(function (canvas, n) {
        var scale = 1;
        if (activation === "relu") {  // unbounded: scaled to this neuron's largest output
          scale = 0;
          for (var c = 0; c < cells * cells; c++) scale = Math.max(scale, out[c * width + n]);
          scale = scale || 1;
        }
        paint(canvas, cells, activation === "sigmoid" ? function (c) { return 2 * out[c * width + n] - 1; }
          : function (c) { return out[c * width + n] / scale; });
        canvas.setAttribute("aria-label", "Output of hidden neuron " + (layer + 1) + "." + (n + 1) + " over the plane");
      });
    });
    if (this.hovered) this.tooltip.textContent = this.describeNeuron(this.hovered.layer, this.hovered.neuron);
    var trainLoss = this.history.train[this.step], testLoss = this.history.test[this.step];
    var trainAccuracy = this.accuracy(this.trainTable), testAccuracy = this.accuracy(this.testTable);
    this.player.show(this.step);
    this.summary.textContent = "Training loss " + trainLoss.toFixed(4) + " (accuracy " + Math.round(100 * trainAccuracy) +
      " %), test loss " + testLoss.toFixed(4) + " (accuracy " + Math.round(100 * testAccuracy) + " %).";
    this.plane.setAttribute("aria-label", "Decision boundary after " + this.step + " steps on the " + this.settings.dataset +
      " data: " + Math.round(100 * trainAccuracy) + " % of training points classified right.");
    ui.lossChart(this.lossChart, this.history);
  };

  Classifier.prototype.drawPlane = function () {
    var context = this.plane.getContext("2d"), size = PLANE_PIXELS, extent = LiveMLP.EXTENT;
    context.imageSmoothingEnabled = true;
    context.drawImage(this.gridCanvas, 0, 0, size, size);
    function pixel(value) { return (value + extent) / (2 * extent) * size; }
    function mark(rows, test) {
      rows.forEach(function (row) {
        var x = pixel(row[0]), y = size - pixel(row[1]);
        context.fillStyle = "rgb(" + (row[2] === 1 ? BLUE : ORANGE).join(",") + ")";
        context.strokeStyle = test ? "#000" : "#fff";
        context.beginPath();
        if (test) { context.moveTo(x, y - 4.5); context.lineTo(x + 4, y + 3); context.lineTo(x - 4, y + 3); context.closePath(); }
        else context.arc(x, y, 3.2, 0, 2 * Math.PI);
        context.fill();
        context.stroke();
      });
    }
    context.lineWidth = 1;
    mark(this.data.train, false);
    if (this.showTest) mark(this.data.test, true);
  };

  if (ui.mount) ui.mount(".live-classifier", function (node) { node._classifier = new Classifier(node); });
})();
