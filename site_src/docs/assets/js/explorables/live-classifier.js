/* The live 2-D classifier of the Decision boundaries article, after TensorFlow Playground.
 *
 * Mounts on every <div class="live-classifier"> (written by the {{ live(...) }} directive,
 * site_src/pages/explorables.py) from Material's document$, replacing the fallback text
 * inside it. The network trains in the page with mlp-engine.js (window.LiveMLP); the
 * whole setting lives in the page's address, so a setting is a link and, with the same
 * seed, training gives the same curves.
 *
 * As in TensorFlow Playground: an input column of features the reader switches on (the
 * coordinates and their crosses), weighted edges whose width and colour show each
 * weight's size and sign, mini-batches, L1 and L2, points the reader adds or removes by
 * clicking the plane, stopping at a step or a test loss, and the weights exported (JSON,
 * loadable again) and the boundary saved as a PNG. Pictures are drawn on canvas; text and
 * labels stay in the DOM.
 */
(function () {
  "use strict";

  var ORANGE = [245, 147, 34], WHITE = [232, 234, 235], BLUE = [8, 119, 189];
  var BOUNDARY_CELLS = 40, PLANE_PIXELS = 300, NEURON_PIXELS = 44;
  var STEPS_PER_FRAME = 10;  // up to 600 steps a second: full-batch gradient descent needs thousands on the spiral
  // A playing frame's script time: training stops once it and the last redraw together take
  // this long, which leaves the browser's own style, layout, paint and canvas commits (about
  // 2 ms at 4x8, measured from a trace) inside an 8 ms frame, with room for a slower machine.
  var FRAME_SCRIPT_MS = 4;
  // While playing, the step, the losses, the accuracies and the loss chart are written at most
  // this often (and at once when training pauses or stops): new text costs the browser a layout
  // and a paint, and a screen reader hears the summary's changes.
  var TEXT_EVERY_MS = 100;
  // What new text costs the browser after the script (style, layout and paint: about 1.3 ms
  // more than a frame of pictures only, in a trace at 4x8): a frame that writes text trains less.
  var TEXT_RENDER_MS = 1.3;
  var MAX_LAYERS = 4, MAX_NEURONS = 8;
  var LR_RANGE = [1e-4, 10], L2_RANGE = [1e-4, 1], L1_RANGE = [1e-4, 1];
  var DATASETS = ["circles", "xor", "gaussians", "spiral"];
  var ACTIVATIONS = ["tanh", "relu", "sigmoid"];
  var BATCH_SIZES = [0, 1, 5, 10, 25, 50, 100];  // = vizlib.live.BATCH_SIZES; 0: all the training points
  var FEATURE_IDS = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"];  // = LiveMLP.FEATURE_IDS
  var MAX_ADDED = 200;  // points a reader may add (each costs a few bytes of address)
  var WEIGHTS_FORMAT = "decision-boundaries-weights";
  var DEFAULTS = {dataset: "circles", noise: 0.25, train_share: 0.5, seed: 1, activation: "tanh",
                  hidden: [4, 4], learning_rate: 0.3, l2: 0, l1: 0, batch_size: 0, features: ["x1", "x2"],
                  show_test: false, stop_steps: 0, stop_loss: 0, added: [], dropped: []};

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
      if (t === "0") return [];
      var parts = t.split("-").map(Number);
      var ok = parts.length >= 1 && parts.length <= MAX_LAYERS && parts.every(function (n) {
        return Number.isInteger(n) && n >= 1 && n <= MAX_NEURONS;
      });
      return ok && /^[\d-]+$/.test(t) ? parts : null;
    }, "0 (no hidden layer), or 1 to 4 layer widths from 1 to 8, joined by '-' (e.g. 6-6-6)"],
    lr: ["learning_rate", inRange(LR_RANGE[0], LR_RANGE[1]), "a number from 0.0001 to 10"],
    l2: ["l2", function (t) { return t === "0" ? 0 : inRange(L2_RANGE[0], L2_RANGE[1])(t); },
         "0, or a number from 0.0001 to 1"],
    l1: ["l1", function (t) { return t === "0" ? 0 : inRange(L1_RANGE[0], L1_RANGE[1])(t); },
         "0, or a number from 0.0001 to 1"],
    batch: ["batch_size", function (t) { return BATCH_SIZES.indexOf(Number(t)) >= 0 && /^\d+$/.test(t) ? Number(t) : null; },
            "one of " + BATCH_SIZES.join(", ") + " (0: all the training points)"],
    features: ["features", function (t) {
      var ids = t.split(",");
      var ok = ids.length >= 1 && ids.every(function (id, k) { return FEATURE_IDS.indexOf(id) >= 0 && ids.indexOf(id) === k; });
      return ok ? FEATURE_IDS.filter(function (id) { return ids.indexOf(id) >= 0; }) : null;
    }, "feature ids joined by ',', from " + FEATURE_IDS.join(", ")],
    test: ["show_test", function (t) { return t === "1" ? true : t === "0" ? false : null; }, "0 or 1"],
    stop: ["stop_steps", function (t) { return /^\d{1,7}$/.test(t) ? Number(t) : null; }, "a whole number of steps (0: never)"],
    target: ["stop_loss", function (t) { return t === "0" ? 0 : inRange(1e-6, 10)(t); }, "0 (never), or a test loss from 0.000001 to 10"],
    add: ["added", function (t) {
      var points = t.split(";").map(function (part) {
        var m = /^(-?\d+(?:\.\d+)?)_(-?\d+(?:\.\d+)?)_([01])$/.exec(part);
        return m && Math.abs(Number(m[1])) <= LiveMLP.EXTENT && Math.abs(Number(m[2])) <= LiveMLP.EXTENT ?
          [Number(m[1]), Number(m[2]), Number(m[3])] : null;
      });
      return points.length <= MAX_ADDED && points.every(Boolean) ? points : null;
    }, "up to " + MAX_ADDED + " points x1_x2_label joined by ';', coordinates within ±6, label 0 or 1"],
    drop: ["dropped", function (t) {
      var indices = t.split(",").map(Number);
      return /^\d+(,\d+)*$/.test(t) && indices.every(function (i) { return i < 400; }) ? indices : null;
    }, "indices of removed training points, joined by ','"]
  };

  function readAddress() { return readQuery(new URLSearchParams(location.search)); }

  /* Settings from an address's query (or an exported file's setting written as one): each
   * key checked by its parser, the defaults for the rest, and what was ignored and why. */
  function readQuery(query) {
    var settings = JSON.parse(JSON.stringify(DEFAULTS)), ignored = [];
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
    var query = queryOf(settings, new URLSearchParams(location.search));
    history.replaceState(history.state, "", location.pathname + "?" + query.toString() + location.hash);
  }

  /* The query that holds `settings`, on top of `query` (whatever else the address holds). */
  function queryOf(settings, query) {
    query.set("data", settings.dataset);
    query.set("noise", shortNumber(settings.noise));
    query.set("train", String(Math.round(settings.train_share * 100)));
    query.set("seed", String(settings.seed));
    query.set("activation", settings.activation);
    query.set("layers", settings.hidden.length ? settings.hidden.join("-") : "0");
    query.set("lr", shortNumber(settings.learning_rate));
    query.set("l2", shortNumber(settings.l2));
    query.set("l1", shortNumber(settings.l1));
    query.set("batch", String(settings.batch_size));
    query.set("features", settings.features.join(","));
    query.set("test", settings.show_test ? "1" : "0");
    query.set("stop", String(settings.stop_steps));
    query.set("target", shortNumber(settings.stop_loss));
    if (settings.added.length) {
      query.set("add", settings.added.map(function (p) { return p[0].toFixed(2) + "_" + p[1].toFixed(2) + "_" + p[2]; }).join(";"));
    } else query.delete("add");
    if (settings.dropped.length) query.set("drop", settings.dropped.join(","));
    else query.delete("drop");
    return query;
  }

  var ui = window.LiveUI || {}, el = ui.el, button = ui.button, labelled = ui.labelled, select = ui.select,
    range = ui.range, toLog = ui.toLog, fromLog = ui.fromLog, setText = ui.setText, setAttribute = ui.setAttribute;

  // Colours for values in [-1, 1]: orange, through grey-white, to blue, in 201 steps.
  var PALETTE = new Uint8ClampedArray(201 * 3);
  for (var shade = 0; shade <= 200; shade++) {
    var t = shade / 100 - 1, to = t < 0 ? ORANGE : BLUE;
    for (var k = 0; k < 3; k++) PALETTE[3 * shade + k] = Math.round(WHITE[k] + (to[k] - WHITE[k]) * Math.abs(t));
  }

  /* tanh from a table, linearly interpolated, for the pictures only: a heatmap has 201 shades
   * (steps of 0.01) and the table is off by less than 1e-6, so no pixel can tell; Math.tanh,
   * called for every neuron at every cell of the grid, was most of a frame. Training, the
   * losses and gridProbabilities() keep the engine's exact float64 arithmetic (torch's). */
  var TANH_LIMIT = 10, TANH_PER_UNIT = 512, TANH_TABLE = new Float64Array(2 * TANH_LIMIT * TANH_PER_UNIT + 2);
  for (var entry = 0; entry < TANH_TABLE.length; entry++) TANH_TABLE[entry] = Math.tanh(entry / TANH_PER_UNIT - TANH_LIMIT);
  function tanhForPictures(x) {
    if (!(x > -TANH_LIMIT)) return -1;  // also NaN: a diverged network paints orange
    if (x >= TANH_LIMIT) return 1;
    var position = (x + TANH_LIMIT) * TANH_PER_UNIT, below = position | 0, low = TANH_TABLE[below];
    return low + (TANH_TABLE[below + 1] - low) * (position - below);
  }
  var ACTIVATIONS_FOR_PICTURES = {
    tanh: tanhForPictures,
    relu: function (z) { return z > 0 ? z : 0; },
    sigmoid: function (z) { return 0.5 + 0.5 * tanhForPictures(0.5 * z); }
  };

  /* Paints canvas from values[offset + c] * scale + shift (in [-1, 1]) for each cell c: the
   * hot loop of a frame (every neuron of every layer), so no call per cell, and one
   * ImageData per canvas, kept. */
  function paintValues(canvas, cells, values, offset, scale, shift) {
    var context = canvas._context || (canvas._context = canvas.getContext("2d"));
    var image = canvas._image || (canvas._image = context.createImageData(cells, cells)), pixels = image.data;
    for (var c = 0, n = cells * cells; c < n; c++) {
      var v = values[offset + c] * scale + shift;
      v = v < -1 ? -1 : v > 1 ? 1 : v;
      var shade = 3 * Math.round(100 * (v + 1)), q = 4 * c;
      pixels[q] = PALETTE[shade]; pixels[q + 1] = PALETTE[shade + 1]; pixels[q + 2] = PALETTE[shade + 2]; pixels[q + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    return image;
  }

  /* The network over the grid, for the pictures: every layer's output at every cell, stored
   * neuron by neuron (outputs[l][n * cells² + c]), the last layer as 2·P(blue) - 1, and each
   * layer's largest output (what a ReLU heatmap is scaled to), in one pass with buffers kept
   * between frames. */
  function GridPass(cellCount, sizes) {
    this.n = cellCount;
    this.sizes = sizes.slice();
    this.outputs = [];
    this.top = [];
    for (var l = 1; l < sizes.length; l++) {
      this.outputs.push(new Float64Array(cellCount * sizes[l]));
      this.top.push(new Float64Array(sizes[l]));
    }
    var widest = Math.max.apply(null, sizes);
    this.input = new Float64Array(widest);
    this.output = new Float64Array(widest);
  }

  GridPass.prototype.run = function (net, grid) {
    var n = this.n, sizes = this.sizes, last = sizes.length - 2, f = ACTIVATIONS_FOR_PICTURES[net.activation];
    var input = this.input, output = this.output;
    for (var l = 0; l <= last; l++) this.top[l].fill(0);
    for (var c = 0; c < n; c++) {
      var k0 = sizes[0];
      for (var i = 0; i < k0; i++) input[i] = grid[c * k0 + i];
      for (l = 0; l <= last; l++) {
        var fanIn = sizes[l], fanOut = sizes[l + 1], W = net.W[l], b = net.b[l], out = this.outputs[l], top = this.top[l];
        for (var o = 0; o < fanOut; o++) {
          var sum = b[o], row = o * fanIn;
          for (i = 0; i < fanIn; i++) sum += W[row + i] * input[i];
          var value = l === last ? tanhForPictures(0.5 * sum) : f(sum);  // 2·sigmoid(z) - 1 = tanh(z / 2)
          output[o] = value;
          out[o * n + c] = value;
          if (value > top[o]) top[o] = value;
        }
        var swap = input; input = output; output = swap;
      }
    }
  };

  // --- the widget --------------------------------------------------------------------------

  function download(name, blob) {
    var link = el("a", {href: URL.createObjectURL(blob), download: name});
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function Classifier(root) {
    var address = readAddress();
    this.root = root;
    this.settings = address.settings;
    // the boundary: one pixel a cell, scaled (and smoothed) to the plane's size by the browser
    this.gridCanvas = el("canvas", {width: String(BOUNDARY_CELLS), height: String(BOUNDARY_CELLS), class: "lc-boundary",
                                    "aria-hidden": "true"});
    this.clickAdds = 1;  // what a click on the plane does: 1 adds a blue point, 0 an orange one, -1 removes
    this.build(address.ignored);
    this.reset(true);
  }

  Classifier.prototype.build = function (ignored) {
    var self = this, s = this.settings;
    this.root.textContent = "";
    this.root.classList.add("lc-mounted");

    this.player = new ui.Player(this.root, STEPS_PER_FRAME, {
      reset: function () { self.reset(false); },
      train: function (steps) { self.train(steps); self.draw(); },
      paused: function () { if (self.net && self.textStep !== self.step) self.showText(); }
    });
    // on a phone the toolbar stays in view, with a thumbnail of the output beside Play
    this.thumbnail = el("canvas", {width: String(BOUNDARY_CELLS), height: String(BOUNDARY_CELLS), class: "lc-thumbnail",
                                   "aria-hidden": "true"});
    this.player.toolbar.appendChild(this.thumbnail);
    this.player.toolbar.classList.add("lc-sticky");

    var dataset = select(DATASETS, s.dataset);
    dataset.addEventListener("change", function () { s.dataset = dataset.value; s.added = []; s.dropped = []; self.reset(true); });
    var noiseOut = el("output"), noise = range(0, 1, 0.05, s.noise);
    noise.addEventListener("input", function () { s.noise = Number(noise.value); s.dropped = []; self.reset(true); });
    var trainOut = el("output"), train = range(10, 90, 5, Math.round(s.train_share * 100));
    train.addEventListener("input", function () { s.train_share = Number(train.value) / 100; s.dropped = []; self.reset(true); });
    var seedOut = el("output");
    var newSeed = button("New seed", "New seed: new points and new initial weights", function () {
      s.seed = Math.floor(Math.random() * 4294967296);
      s.dropped = [];
      self.reset(true);
    });
    var activation = select(ACTIVATIONS, s.activation);
    activation.addEventListener("change", function () { s.activation = activation.value; self.reset(true); });
    var rateOut = el("output"), rate = range(0, 100, 1, fromLog(s.learning_rate, LR_RANGE));
    rate.setAttribute("aria-valuetext", String(s.learning_rate));
    rate.addEventListener("input", function () { s.learning_rate = toLog(Number(rate.value), LR_RANGE); self.changed(); });
    function penalty(key, bounds, label) {  // a checkbox that turns it on and a log slider for its rate
      var on = el("input", {type: "checkbox"}), out = el("output"), slider = range(0, 100, 1, fromLog(s[key] || 0.001, bounds));
      on.checked = s[key] > 0;
      function set() { s[key] = on.checked ? toLog(Number(slider.value), bounds) : 0; slider.disabled = !on.checked; self.changed(); }
      on.addEventListener("change", set);
      slider.addEventListener("input", set);
      slider.disabled = !on.checked;
      return {fields: [labelled(label + " regularization", on), labelled(label + " rate", slider, out)], out: out};
    }
    var l2 = penalty("l2", L2_RANGE, "L2"), l1 = penalty("l1", L1_RANGE, "L1");
    var batch = select(BATCH_SIZES.map(function (b) { return b ? String(b) : "all"; }), s.batch_size ? String(s.batch_size) : "all");
    batch.addEventListener("change", function () { s.batch_size = batch.value === "all" ? 0 : Number(batch.value); self.reset(false); });
    var stopSteps = el("input", {type: "number", min: "0", step: "1", value: String(s.stop_steps), class: "lc-number"});
    stopSteps.addEventListener("change", function () {
      var v = Math.floor(Number(stopSteps.value));
      s.stop_steps = isFinite(v) && v > 0 ? v : 0;
      stopSteps.value = String(s.stop_steps);
      self.changed();
    });
    var stopLoss = el("input", {type: "number", min: "0", step: "0.01", value: String(s.stop_loss), class: "lc-number"});
    stopLoss.addEventListener("change", function () {
      var v = Number(stopLoss.value);
      s.stop_loss = isFinite(v) && v > 0 && v <= 10 ? v : 0;
      stopLoss.value = String(s.stop_loss);
      self.changed();
    });
    this.outputs = {noise: noiseOut, train: trainOut, seed: seedOut, rate: rateOut, l2: l2.out, l1: l1.out, rateInput: rate};

    var load = el("input", {type: "file", accept: "application/json,.json", class: "lc-file"});
    load.addEventListener("change", function () {
      if (!load.files.length) return;
      load.files[0].text().then(function (text) { self.loadWeights(text); load.value = ""; });
    });
    var controls = el("div", {class: "lc-controls"}, [
      el("fieldset", {}, [el("legend", {text: "Data"}),
        labelled("dataset", dataset), labelled("noise", noise, noiseOut), labelled("training share", train, trainOut),
        el("span", {class: "lc-field"}, [el("span", {text: "seed"}), seedOut, newSeed])]),
      el("fieldset", {}, [el("legend", {text: "Training"}),
        labelled("activation", activation), labelled("learning rate", rate, rateOut)].concat(l2.fields, l1.fields, [
        labelled("batch size", batch)])),
      el("fieldset", {}, [el("legend", {text: "Stop"}),
        labelled("at step (0: never)", stopSteps), labelled("at test loss (0: never)", stopLoss)]),
      el("fieldset", {}, [el("legend", {text: "Save"}),
        button("Export weights", "Export weights: the setting and the current weights, as JSON", function () {
          download("decision-boundaries-weights.json", new Blob([self.exportWeights()], {type: "application/json"}));
        }),
        labelled("load weights", load),
        button("Save picture", "Save picture: the decision boundary as a PNG", function () {
          self.picture().toBlob(function (blob) { download("decision-boundary.png", blob); }, "image/png");
        })])
    ]);

    this.layersBox = el("div", {class: "lc-layers"});
    this.plane = el("canvas", {width: String(PLANE_PIXELS), height: String(PLANE_PIXELS), class: "lc-plane", role: "img"});
    this.plane.addEventListener("click", function (event) { self.clickPlane(event); });
    var showTest = el("input", {type: "checkbox"});
    showTest.checked = s.show_test;
    showTest.addEventListener("change", function () { s.show_test = showTest.checked; self.pointsDrawn = null; self.changed(); });
    var adds = el("div", {class: "lc-adds", role: "radiogroup", "aria-label": "a click on the plane"}, [el("span", {text: "click adds:"})]);
    [[1, "blue (1)"], [0, "orange (0)"], [-1, "removes a point"]].forEach(function (choice) {
      var radio = el("input", {type: "radio", name: "lc-adds-" + Math.random().toString(36).slice(2), value: String(choice[0])});
      radio.checked = choice[0] === self.clickAdds;
      radio.addEventListener("change", function () { if (radio.checked) self.clickAdds = choice[0]; });
      adds.appendChild(labelled(choice[1], radio));
    });
    this.lossChart = el("div", {class: "lc-loss"});
    this.summary = el("p", {class: "lc-summary", "aria-live": "polite"});
    this.tooltip = el("div", {class: "lc-tooltip", role: "tooltip", id: "lc-tooltip-" + Math.random().toString(36).slice(2), hidden: ""});
    var output = el("div", {class: "lc-output"}, [
      el("div", {class: "lc-heading", text: "Output: P(blue)"}), el("div", {class: "lc-plane-box"}, [this.gridCanvas, this.plane]),
      el("div", {class: "lc-legend"}, [el("span", {class: "lc-swatch lc-orange"}), el("span", {text: "orange (0)"}),
        el("span", {class: "lc-swatch lc-blue"}), el("span", {text: "blue (1)"}),
        el("span", {text: "● training ▲ test"})]),
      labelled("show test data", showTest), adds, this.lossChart, this.summary
    ]);
    this.note = el("p", {class: "lc-note", role: "status"});
    if (ignored.length) this.note.textContent = "Ignored from the address: " + ignored.join("; ") + ".";
    this.root.appendChild(this.player.toolbar);
    this.root.appendChild(output);
    this.root.appendChild(controls);
    var network = el("div", {class: "lc-network"}, [this.layersBox]);
    this.root.appendChild(network);
    this.root.appendChild(this.tooltip);
    this.root.appendChild(this.note);
    if (window.ResizeObserver) new ResizeObserver(function () { self.placeNodes(); self.drawEdges(); }).observe(this.layersBox);
    // the thumbnail shows only on a narrow screen (explorables.css): painted while it has a size
    this.thumbnailShown = true;
    if (window.ResizeObserver) {
      new ResizeObserver(function (entries) {
        var shown = entries[entries.length - 1].contentRect.width > 0;
        if (shown && !self.thumbnailShown && self.gridCanvas._image) self.thumbnail.getContext("2d").putImageData(self.gridCanvas._image, 0, 0);
        self.thumbnailShown = shown;
      }).observe(this.thumbnail);
    }
    // The heatmaps and edges are painted only while some of the network is on screen (on a
    // phone it sits below the plane a reader watches), and at once when it comes back.
    this.networkInView = true;
    if (this.networkObserver) this.networkObserver.disconnect();
    if (window.IntersectionObserver) {
      this.networkObserver = new IntersectionObserver(function (entries) {
        var entry = entries[entries.length - 1], wasInView = self.networkInView;
        self.networkInView = entry.isIntersecting;
        if (self.networkInView && !wasInView && self.net) self.draw();
      });
      this.networkObserver.observe(network);
    }
  };

  /* The input column, the hidden layers and the output, with a canvas for the edges behind them. */
  Classifier.prototype.buildLayers = function () {
    var self = this, s = this.settings, hidden = s.hidden;
    this.layersBox.textContent = "";
    this.neurons = [];
    this.inputs = [];
    var header = el("div", {class: "lc-layer-count"}, [
      button("−", "Remove a hidden layer", function () { if (hidden.length > 0) { hidden.pop(); self.reset(true); } }),
      button("+", "Add a hidden layer", function () { if (hidden.length < MAX_LAYERS) { hidden.push(4); self.reset(true); } }),
      el("span", {text: hidden.length + (hidden.length === 1 ? " hidden layer" : " hidden layers")})
    ]);
    this.edges = el("canvas", {class: "lc-edges", "aria-hidden": "true"});
    var columns = el("div", {class: "lc-columns"}, [this.edges]);
    var inputColumn = el("div", {class: "lc-layer lc-inputs", role: "group", "aria-label": "input features"},
                         [el("div", {class: "lc-neuron-count"}, [el("span", {text: "features"})])]);
    FEATURE_IDS.forEach(function (id) {
      var on = s.features.indexOf(id) >= 0, label = LiveMLP.FEATURES[id][0];
      var box = el("input", {type: "checkbox", "aria-label": "feed " + label + " to the network"});
      box.checked = on;
      box.addEventListener("change", function () {
        var chosen = FEATURE_IDS.filter(function (f) { return f === id ? box.checked : s.features.indexOf(f) >= 0; });
        if (!chosen.length) { box.checked = true; return; }  // the network reads at least one feature
        s.features = chosen;
        self.reset(true);
      });
      var canvas = el("canvas", {width: String(BOUNDARY_CELLS), height: String(BOUNDARY_CELLS), role: "img",
                                 class: "lc-feature" + (on ? "" : " lc-off"), "aria-label": "feature " + label + " over the plane"});
      self.paintFeature(canvas, id);
      if (on) self.inputs.push(canvas);
      inputColumn.appendChild(el("label", {class: "lc-feature-row"}, [box, canvas, el("span", {text: label})]));
    });
    columns.appendChild(inputColumn);
    hidden.forEach(function (width, layer) {
      var column = el("div", {class: "lc-layer lc-hidden", role: "group", "aria-label": "hidden layer " + (layer + 1)}, [
        el("div", {class: "lc-neuron-count"}, [
          button("−", "Remove a neuron from layer " + (layer + 1), function () { if (hidden[layer] > 1) { hidden[layer]--; self.reset(true); } }),
          button("+", "Add a neuron to layer " + (layer + 1), function () { if (hidden[layer] < MAX_NEURONS) { hidden[layer]++; self.reset(true); } }),
          el("span", {text: width + (width === 1 ? " neuron" : " neurons")})
        ])
      ]);
      self.neurons.push([]);
      for (var n = 0; n < width; n++) {
        var canvas = el("canvas", {width: String(BOUNDARY_CELLS), height: String(BOUNDARY_CELLS), class: "lc-neuron",
                                   tabindex: "0", role: "img", "aria-describedby": self.tooltip.id,
                                   "aria-label": "Output of hidden neuron " + (layer + 1) + "." + (n + 1) + " over the plane"});
        self.neurons[layer].push(canvas);
        self.hover(canvas, layer, n);
        column.appendChild(canvas);
      }
      columns.appendChild(column);
    });
    this.outputNode = el("canvas", {width: String(BOUNDARY_CELLS), height: String(BOUNDARY_CELLS), class: "lc-output-node",
                                    tabindex: "0", role: "img", "aria-label": "the output, P(blue), over the plane",
                                    "aria-describedby": this.tooltip.id});
    this.hover(this.outputNode, hidden.length, 0);
    columns.appendChild(el("div", {class: "lc-layer lc-out", role: "group", "aria-label": "output"},
                           [el("div", {class: "lc-neuron-count"}, [el("span", {text: "output"})]), this.outputNode]));
    this.columns = columns;
    this.layersBox.appendChild(header);
    this.layersBox.appendChild(columns);
    this.placeNodes();
  };

  /* A feature's value over the plane, scaled to its largest magnitude there. */
  var FEATURE_PICTURES = {};  // id -> its ImageData: the same on every rebuild, so made once

  Classifier.prototype.paintFeature = function (canvas, id) {
    if (!FEATURE_PICTURES[id]) {
      var values = LiveMLP.grid(BOUNDARY_CELLS, [id]), top = 0;
      for (var c = 0; c < values.length; c++) top = Math.max(top, Math.abs(values[c]));
      FEATURE_PICTURES[id] = paintValues(canvas, BOUNDARY_CELLS, values, 0, 1 / (top || 1), 0);
      return;
    }
    canvas.getContext("2d").putImageData(FEATURE_PICTURES[id], 0, 0);
  };

  /* Where each node's edges start and end, relative to the edge canvas (read once per
   * layout, not per frame: reading layout in a frame would force the browser to lay out). */
  Classifier.prototype.placeNodes = function () {
    if (!this.columns || !this.columns.isConnected) return;
    var box = this.columns.getBoundingClientRect(), scrolled = this.columns.scrollLeft;
    function anchor(canvas) {  // in the columns' content, which may scroll sideways on a phone
      var b = canvas.getBoundingClientRect();
      return {left: b.left - box.left + scrolled, right: b.right - box.left + scrolled, y: (b.top + b.bottom) / 2 - box.top};
    }
    this.nodeAnchors = [this.inputs.map(anchor)].concat(this.neurons.map(function (layer) { return layer.map(anchor); }),
                                                        [[anchor(this.outputNode)]]);
    this.edges.width = Math.max(1, this.columns.scrollWidth);
    this.edges.height = Math.max(1, this.columns.scrollHeight);
  };

  // An edge's colour in 101 steps of size, each sign's strings made once instead of every frame.
  var EDGE_STYLES = [BLUE, ORANGE].map(function (colour) {
    var styles = [];
    for (var step = 0; step <= 100; step++) styles.push("rgba(" + colour.join(",") + "," + (0.25 + 0.0075 * step).toFixed(2) + ")");
    return styles;
  });

  /* Every weight as a line: blue for positive, orange for negative, wider and darker the larger. */
  Classifier.prototype.drawEdges = function () {
    var anchors = this.nodeAnchors, net = this.net;
    if (!anchors || !net || anchors.length !== net.sizes.length) return;
    var context = this.edges.getContext("2d");
    context.clearRect(0, 0, this.edges.width, this.edges.height);
    for (var l = 0; l < net.layers(); l++) {
      var fanIn = net.sizes[l], W = net.W[l], from = anchors[l], to = anchors[l + 1];
      for (var o = 0; o < to.length; o++) {
        for (var i = 0; i < fanIn; i++) {
          var w = W[o * fanIn + i], size = Math.min(1, Math.abs(w) / 2);
          context.strokeStyle = EDGE_STYLES[w >= 0 ? 0 : 1][Math.round(100 * size)];
          context.lineWidth = 0.5 + 5 * size;
          context.beginPath();
          context.moveTo(from[i].right, from[i].y);
          context.lineTo(to[o].left, to[o].y);
          context.stroke();
        }
      }
    }
  };

  /* Hovering (or focusing) a neuron's heatmap shows its bias and incoming weights. */
  Classifier.prototype.hover = function (canvas, layer, neuron) {
    var self = this;
    function show() {
      setText(self.tooltip, self.describeNeuron(layer, neuron));
      self.tooltip.hidden = false;
      var box = canvas.getBoundingClientRect(), rootBox = self.root.getBoundingClientRect();
      self.tooltip.style.left = Math.min(box.right - rootBox.left + 6, Math.max(0, rootBox.width - 250)) + "px";
      self.tooltip.style.top = (box.bottom - rootBox.top + 4) + "px";
      self.hovered = {canvas: canvas, layer: layer, neuron: neuron};
    }
    function hide() { self.tooltip.hidden = true; self.hovered = null; }
    canvas.addEventListener("mouseenter", show);
    canvas.addEventListener("focus", show);
    canvas.addEventListener("mouseleave", hide);
    canvas.addEventListener("blur", hide);
  };

  Classifier.prototype.describeNeuron = function (layer, neuron) {
    var fanIn = this.net.sizes[layer], W = this.net.W[layer], inputs = [], features = this.settings.features;
    for (var i = 0; i < fanIn; i++) {
      var source = layer === 0 ? LiveMLP.FEATURES[features[i]][0] : "neuron " + (layer) + "." + (i + 1);
      inputs.push(source + " × " + W[neuron * fanIn + i].toFixed(3));
    }
    var last = layer === this.net.layers() - 1;
    return (last ? "Output: sigmoid(" : "Neuron " + (layer + 1) + "." + (neuron + 1) + ": " + this.settings.activation + "(") +
      inputs.join(" + ") + " + bias " + this.net.b[layer][neuron].toFixed(3) + ")";
  };

  /* The generated points, less the ones the reader removed, plus the ones they added (to training). */
  Classifier.prototype.makeData = function () {
    var s = this.settings, points = LiveMLP.points(s), dropped = {};
    s.dropped.forEach(function (i) { dropped[i] = true; });
    var train = points.train.filter(function (row, i) { return !dropped[i]; }).concat(s.added.map(function (p) { return p.slice(); }));
    this.data = {train: train, test: points.test};
    this.trainTable = LiveMLP.inputTable(this.data.train, s);
    this.testTable = LiveMLP.inputTable(this.data.test, s);
    this.grid = LiveMLP.grid(BOUNDARY_CELLS, s.features);
    this.pointsDrawn = null;  // the plane's points are drawn again on the next frame
  };

  /* New data (when `newData`) and the initial weights of the seed (or `weights`): step 0 again. */
  Classifier.prototype.reset = function (newData, weights) {
    var s = this.settings;
    this.player.setPlaying(false);
    if (newData || !this.data) {
      this.makeData();
      this.buildLayers();
    }
    this.trainer = new LiveMLP.Trainer(s, this.data, weights || LiveMLP.initialWeights(s));
    this.trainer.train = this.trainTable;
    this.trainer.test = this.testTable;
    this.net = this.trainer.net;
    this.step = 0;
    this.history = {train: [this.net.loss(this.trainTable)], test: [this.testLoss()]};
    this.stopped = "";
    this.changed();
  };

  /* A click on the plane adds a point of the chosen class to the training data, or removes
   * the training point nearest to it (within half a unit); training goes on from the
   * current weights. */
  Classifier.prototype.clickPlane = function (event) {
    var s = this.settings, box = this.plane.getBoundingClientRect(), extent = LiveMLP.EXTENT;
    var x1 = Math.round(100 * (-extent + 2 * extent * (event.clientX - box.left) / box.width)) / 100;
    var x2 = Math.round(100 * (extent - 2 * extent * (event.clientY - box.top) / box.height)) / 100;
    if (this.clickAdds >= 0) {
      if (s.added.length >= MAX_ADDED) { this.note.textContent = "At most " + MAX_ADDED + " points can be added."; return; }
      s.added.push([x1, x2, this.clickAdds]);
    } else {
      var generated = LiveMLP.points(s).train, best = null, bestDistance = 0.5;
      generated.forEach(function (row, i) {
        var d = Math.hypot(row[0] - x1, row[1] - x2);
        if (s.dropped.indexOf(i) < 0 && d < bestDistance) { best = {generated: i}; bestDistance = d; }
      });
      s.added.forEach(function (row, i) {
        var d = Math.hypot(row[0] - x1, row[1] - x2);
        if (d < bestDistance) { best = {added: i}; bestDistance = d; }
      });
      if (!best) return;
      if (best.added !== undefined) s.added.splice(best.added, 1);
      else { s.dropped.push(best.generated); s.dropped.sort(function (a, b) { return a - b; }); }
    }
    this.makeData();
    this.trainer.train = this.trainTable;
    this.trainer.batches = new LiveMLP.Batches(this.trainTable.n, s.batch_size, s.seed);
    this.history.train[this.step] = this.net.loss(this.trainTable);
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
    o.l1.textContent = s.l1 > 0 ? String(s.l1) : "off";
    writeAddress(s);
    this.draw();
  };

  /* Whether a stop the reader set has been reached, and the words that say so. */
  Classifier.prototype.stopReason = function () {
    var s = this.settings, test = this.history.test[this.step];
    if (s.stop_steps > 0 && this.step >= s.stop_steps) return "Stopped at step " + this.step + ", as asked.";
    if (s.stop_loss > 0 && isFinite(test) && test <= s.stop_loss) {
      return "Stopped at step " + this.step + ": the test loss, " + test.toFixed(4) + ", reached " + s.stop_loss + ".";
    }
    return "";
  };

  /* Up to `steps` steps, fewer if they take longer than a frame allows or a stop is reached.
   * A full-batch step returns the loss before it, so only the loss after the last step
   * costs an extra pass. */
  Classifier.prototype.train = function (steps) {
    // the redraw to come costs what the last one of its kind did: with the text, or pictures only
    var started = performance.now(), history = this.history;
    this.textThisFrame = this.textDue();  // decided before training, so that the budget holds
    var budget = FRAME_SCRIPT_MS - (this.textThisFrame ? (this.drawTextMs || 0) + TEXT_RENDER_MS : this.drawMs || 0);
    for (var k = 0; k < steps && (k === 0 || performance.now() - started < budget); k++) {
      if (this.stopReason()) break;
      history.train[this.step] = this.trainer.step();
      this.step++;
      history.test.push(this.testLoss());
    }
    history.train[this.step] = this.net.loss(this.trainTable);
    this.stopped = this.stopReason();
    if (this.stopped && this.player.playing) this.player.setPlaying(false);
  };

  Classifier.prototype.accuracy = function (table) {
    var logits = this.net.forward(table.x, table.n).a[this.net.layers() - 1], right = 0;
    for (var p = 0; p < table.n; p++) if ((logits[p] > 0 ? 1 : 0) === table.y[p]) right++;
    return table.n ? right / table.n : NaN;
  };

  /* P(blue) on the boundary's grid, row by row from the top (what the PNG and a test read). */
  Classifier.prototype.gridProbabilities = function () {
    var cells = BOUNDARY_CELLS, logits = this.net.forward(this.grid, cells * cells).a[this.net.layers() - 1];
    return Array.prototype.map.call(logits, LiveMLP.sigmoid);
  };

  /* The setting and the current weights as JSON text that loadWeights reads back. */
  Classifier.prototype.exportWeights = function () {
    var s = this.settings;
    return JSON.stringify({format: WEIGHTS_FORMAT, version: 1, step: this.step, settings: s, weights: this.net.weights()}, null, 1);
  };

  /* Loads exported weights: their setting, their data, and training goes on from those weights. */
  Classifier.prototype.loadWeights = function (text) {
    var problem = null, file;
    try { file = JSON.parse(text); } catch (error) { problem = "it is not JSON (" + error.message + ")"; }
    if (!problem && (!file || file.format !== WEIGHTS_FORMAT)) problem = "it is not a file of exported weights";
    var settings = null;
    if (!problem) {
      // the file's setting goes through the address's own checks: a loaded file can set
      // nothing the address could not
      var given = JSON.parse(JSON.stringify(DEFAULTS)), query;
      Object.keys(DEFAULTS).forEach(function (key) {
        if (file.settings && file.settings[key] !== undefined) given[key] = file.settings[key];
      });
      try { query = queryOf(given, new URLSearchParams()); } catch (error) { problem = "its setting is not one this page makes"; }
      if (!problem) {
        var read = readQuery(query);
        settings = read.settings;
        if (read.ignored.length) problem = "its setting has " + read.ignored.join("; ");
      }
    }
    if (!problem) {
      var expected = LiveMLP.sizes(settings), weights = file.weights;
      var fits = Array.isArray(weights) && weights.length === expected.length - 1 && weights.every(function (layer, l) {
        return layer && Array.isArray(layer.w) && Array.isArray(layer.b) && layer.w.length === expected[l + 1] &&
          layer.b.length === expected[l + 1] && layer.b.every(function (v) { return typeof v === "number" && isFinite(v); }) &&
          layer.w.every(function (row) {
            return Array.isArray(row) && row.length === expected[l] && row.every(function (v) { return typeof v === "number" && isFinite(v); });
          });
      });
      if (!fits) problem = "its weights do not fit a " + expected.join("-") + " network";
    }
    if (problem) { this.note.textContent = "Not loaded: " + problem + "."; return false; }
    this.player.setPlaying(false);
    this.settings = settings;
    this.build([]);
    this.data = null;
    this.reset(true, weights);
    this.note.textContent = "Loaded weights exported at step " + (file.step || 0) + "; training goes on from them.";
    return true;
  };

  Classifier.prototype.draw = function () {
    var drawStarted = performance.now();
    this.drawFrame();
    var ms = performance.now() - drawStarted;
    if (this.textStep === this.step) this.drawTextMs = ms;
    else this.drawMs = ms;
  };

  Classifier.prototype.drawFrame = function () {
    var net = this.net, cells = BOUNDARY_CELLS, n = cells * cells, activation = this.settings.activation;
    var pass = this.gridPass;
    if (!pass || pass.sizes.join() !== net.sizes.join()) pass = this.gridPass = new GridPass(n, net.sizes);
    pass.run(net, this.grid);
    var last = net.layers() - 1, boundary = paintValues(this.gridCanvas, cells, pass.outputs[last], 0, 1, 0);
    this.outputNode.getContext("2d").putImageData(boundary, 0, 0);
    if (this.thumbnailShown) this.thumbnail.getContext("2d").putImageData(boundary, 0, 0);
    if (this.pointsDrawn !== this.data) this.drawPlane();
    if (this.networkInView) {
      this.neurons.forEach(function (canvases, layer) {
        var out = pass.outputs[layer], top = pass.top[layer];
        canvases.forEach(function (canvas, neuron) {
          if (activation === "sigmoid") paintValues(canvas, cells, out, neuron * n, 2, -1);
          else if (activation === "relu") paintValues(canvas, cells, out, neuron * n, 1 / (top[neuron] || 1), 0);
          else paintValues(canvas, cells, out, neuron * n, 1, 0);
        });
      });
      this.drawEdges();
    }
    if (this.hovered) setText(this.tooltip, this.describeNeuron(this.hovered.layer, this.hovered.neuron));
    if (this.textThisFrame || !this.player.playing || this.stopped) this.showText();
    this.textThisFrame = false;
  };

  Classifier.prototype.textDue = function () {
    return !this.player.playing || Boolean(this.stopped) || !(performance.now() - this.textShownAt < TEXT_EVERY_MS);
  };

  /* The step, the losses and accuracies, the plane's description and the loss chart. */
  Classifier.prototype.showText = function () {
    this.textShownAt = performance.now();
    this.textStep = this.step;
    var trainLoss = this.history.train[this.step], testLoss = this.history.test[this.step];
    var trainAccuracy = this.accuracy(this.trainTable), testAccuracy = this.accuracy(this.testTable);
    this.player.show(this.step);
    setText(this.summary, "Training loss " + trainLoss.toFixed(4) + " (accuracy " + Math.round(100 * trainAccuracy) +
      " %), test loss " + testLoss.toFixed(4) + " (accuracy " + Math.round(100 * testAccuracy) + " %)." +
      (this.stopped ? " " + this.stopped : ""));
    setAttribute(this.plane, "aria-label", "Decision boundary after " + this.step + " steps on the " + this.settings.dataset +
      " data: " + Math.round(100 * trainAccuracy) + " % of training points classified right.");
    ui.lossChart(this.lossChart, this.history);
  };

  /* The points over the boundary (on a transparent canvas above it): drawn when the data or
   * the choice to show the test points changes, not every frame. */
  Classifier.prototype.drawPlane = function () {
    var context = this.plane.getContext("2d"), size = PLANE_PIXELS, extent = LiveMLP.EXTENT;
    context.clearRect(0, 0, size, size);
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
    if (this.settings.show_test) mark(this.data.test, true);
    this.pointsDrawn = this.data;
  };

  /* What "Save picture" saves: the boundary, smoothed to the plane's size, and the points. */
  Classifier.prototype.picture = function () {
    var canvas = el("canvas", {width: String(PLANE_PIXELS), height: String(PLANE_PIXELS)}), context = canvas.getContext("2d");
    context.imageSmoothingEnabled = true;
    context.drawImage(this.gridCanvas, 0, 0, PLANE_PIXELS, PLANE_PIXELS);
    context.drawImage(this.plane, 0, 0);
    return canvas;
  };

  if (ui.mount) ui.mount(".live-classifier", function (node) { node._classifier = new Classifier(node); });
})();
