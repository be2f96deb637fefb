/* A small neural-network engine for the live explorables: multilayer perceptrons with one
 * logit output (binary cross-entropy) or several (softmax cross-entropy), trained by
 * gradient descent (plain SGD, SGD with momentum or Adam, each as torch.optim does it;
 * full-batch or mini-batch, with L2 and L1 penalties) in float64, on the raw coordinates or
 * on features computed from them (x1², x1·x2, sin x1...).
 *
 * It is the browser twin of vizlib/live.py: the same seeded generator (mulberry32), the
 * same point clouds, the same initial weights and the same loss, so a seed in a page's
 * address gives the same curves in every browser, and torch (float64) gives them too
 * (tests/browser/test_live_mlp.py checks it). Hand-written rather than TensorFlow.js:
 * a few KB instead of hundreds, and float64 throughout, which tfjs's CPU backend lacks.
 *
 * Exposes window.LiveMLP = {mulberry32, points, initialWeights, Network, grid, train, ...}.
 */
(function (root) {
  "use strict";

  var EXTENT = 6;  // points lie in [-EXTENT, EXTENT]^2
  var POINTS = 400;  // generated per dataset
  var WEIGHT_STREAM = 0x9E3779B9;  // xor-ed into the seed: weights and data use separate streams
  var BATCH_STREAM = 0x85EBCA6B;  // and the mini-batches' order a third one

  /* The input features a point can be given to the network as, in the order the page lists
   * them (vizlib.live.FEATURES): id -> [label, value of (x1, x2)]. */
  var FEATURES = {
    x1: ["x1", function (a) { return a; }],
    x2: ["x2", function (a, b) { return b; }],
    x1sq: ["x1²", function (a) { return a * a; }],
    x2sq: ["x2²", function (a, b) { return b * b; }],
    x1x2: ["x1·x2", function (a, b) { return a * b; }],
    sinx1: ["sin x1", function (a) { return Math.sin(a); }],
    sinx2: ["sin x2", function (a, b) { return Math.sin(b); }]
  };
  var FEATURE_IDS = Object.keys(FEATURES);

  /* Uniform floats in [0, 1); the same sequence as mulberry32() in vizlib/live.py. */
  function mulberry32(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6D2B79F5) >>> 0;
      var t = Math.imul(state ^ (state >>> 15), state | 1) >>> 0;
      t = ((t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0)) >>> 0 ^ t) >>> 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function normal(uniform) {  // Box-Muller, cosine branch
    var u1 = 1 - uniform();
    var u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /* The index-th point of a dataset before noise: [x1, x2, label]; label 1 is blue. */
  function basePoint(name, index, uniform) {
    var label, radius, angle, t, x1, x2, centre;
    if (name === "circles") {
      label = index % 2;
      radius = label === 1 ? 2.5 * uniform() : 3.5 + 1.5 * uniform();
      angle = 2 * Math.PI * uniform();
      return [radius * Math.cos(angle), radius * Math.sin(angle), label];
    }
    if (name === "xor") {
      x1 = 10 * uniform() - 5;
      x2 = 10 * uniform() - 5;
      x1 += x1 > 0 ? 0.3 : -0.3;
      x2 += x2 > 0 ? 0.3 : -0.3;
      return [x1, x2, x1 * x2 > 0 ? 1 : 0];
    }
    if (name === "gaussians") {
      label = index % 2;
      centre = label === 1 ? 2 : -2;
      x1 = centre + normal(uniform);
      return [x1, centre + normal(uniform), label];
    }
    if (name === "spiral") {
      label = index % 2;
      t = uniform();
      angle = 1.75 * t * 2 * Math.PI + Math.PI * label;
      return [5 * t * Math.sin(angle), 5 * t * Math.cos(angle), label];
    }
    throw new Error("unknown dataset " + name);
  }

  function clip(value) { return Math.min(EXTENT, Math.max(-EXTENT, value)); }

  /* {train: [[x1, x2, label]...], test: [...]} for settings {dataset, noise, train_share, seed}. */
  function points(settings) {
    var uniform = mulberry32(settings.seed);
    var rows = [], i, j, row, swap;
    for (i = 0; i < POINTS; i++) {
      row = basePoint(settings.dataset, i, uniform);
      row[0] += settings.noise * normal(uniform);
      row[1] += settings.noise * normal(uniform);
      rows.push([clip(row[0]), clip(row[1]), row[2]]);
    }
    for (i = rows.length - 1; i > 0; i--) {
      j = Math.floor(uniform() * (i + 1));
      swap = rows[i]; rows[i] = rows[j]; rows[j] = swap;
    }
    var nTrain = Math.round(settings.train_share * POINTS);  // a share in steps of 0.05: no ties
    return {train: rows.slice(0, nTrain), test: rows.slice(nTrain)};
  }

  /* The network's inputs: the chosen features, else the first `inputs` columns of a row as they are. */
  function inputCount(settings) { return settings.features && settings.features.length ? settings.features.length : settings.inputs || 2; }

  function sizes(settings) { return [inputCount(settings)].concat(settings.hidden, [settings.outputs || 1]); }

  /* Rows [[x1, x2, label]...] as the features' input matrix and a label vector. */
  function featureTable(rows, features) {
    var k = features.length, x = new Float64Array(rows.length * k), y = new Float64Array(rows.length);
    var f = features.map(function (id) { return FEATURES[id][1]; });
    for (var n = 0; n < rows.length; n++) {
      for (var i = 0; i < k; i++) x[k * n + i] = f[i](rows[n][0], rows[n][1]);
      y[n] = rows[n][2];
    }
    return {x: x, y: y, n: rows.length};
  }

  /* The training rows as the network reads them, for settings with or without features. */
  function inputTable(rows, settings) {
    return settings.features && settings.features.length ? featureTable(rows, settings.features) : table(rows, settings.inputs);
  }

  /* Which training rows each step uses: all of them (batch_size 0 or at least n), or
   * consecutive batches of a fresh seeded shuffle each epoch, the last batch of an epoch
   * holding what is left (vizlib.live.batches gives the same order). */
  function Batches(n, batchSize, seed) {
    this.n = n;
    this.size = batchSize > 0 && batchSize < n ? batchSize : n;
    this.uniform = mulberry32((seed ^ BATCH_STREAM) >>> 0);
    this.order = [];
    this.at = n;  // an epoch starts on the first call
  }

  Batches.prototype.full = function () { return this.size >= this.n; };

  /* The next batch's row indices. */
  Batches.prototype.next = function () {
    if (this.at >= this.n) {
      var order = [], i, j, swap;
      for (i = 0; i < this.n; i++) order.push(i);
      for (i = this.n - 1; i > 0; i--) {
        j = Math.floor(this.uniform() * (i + 1));
        swap = order[i]; order[i] = order[j]; order[j] = swap;
      }
      this.order = order;
      this.at = 0;
    }
    var batch = this.order.slice(this.at, this.at + this.size);
    this.at += batch.length;
    return batch;
  };

  /* Rows `indices` of a table {x, y, n} with k inputs a row, as a table of their own. */
  function gather(data, indices, k) {
    var x = new Float64Array(indices.length * k), y = new Float64Array(indices.length);
    for (var r = 0; r < indices.length; r++) {
      for (var i = 0; i < k; i++) x[k * r + i] = data.x[k * indices[r] + i];
      y[r] = data.y[indices[r]];
    }
    return {x: x, y: y, n: indices.length};
  }

  /* [{w: [[...] x in] x out, b: [...]}] per layer, uniform in +-1/sqrt(fan in); settings
   * {seed, hidden, inputs (2 unless given)}. */
  function initialWeights(settings) {
    var uniform = mulberry32((settings.seed ^ WEIGHT_STREAM) >>> 0);
    var s = sizes(settings), layers = [], l, o, i, bound, w, b, row;
    for (l = 0; l + 1 < s.length; l++) {
      bound = 1 / Math.sqrt(s[l]);
      w = [];
      for (o = 0; o < s[l + 1]; o++) {
        row = [];
        for (i = 0; i < s[l]; i++) row.push(bound * (2 * uniform() - 1));
        w.push(row);
      }
      b = [];
      for (o = 0; o < s[l + 1]; o++) b.push(bound * (2 * uniform() - 1));
      layers.push({w: w, b: b});
    }
    return layers;
  }

  var ACTIVATIONS = {
    tanh: {f: Math.tanh, d: function (z, a) { return 1 - a * a; }},
    relu: {f: function (z) { return z > 0 ? z : 0; }, d: function (z) { return z > 0 ? 1 : 0; }},
    sigmoid: {f: function (z) { return 1 / (1 + Math.exp(-z)); }, d: function (z, a) { return a * (1 - a); }}
  };

  /* How a step turns gradients into new weights, as torch.optim's single-tensor (CPU) code
   * does it, operation for operation, so that float64 runs agree with torch's to rounding:
   * "sgd" (momentum 0: w -= lr * g; else buf = momentum * buf + g, the first buf being g,
   * and w -= lr * buf) or "adam" (torch.optim.Adam with bias correction, eps added to the
   * corrected square root; no weight decay of its own: the L2 penalty is in the loss).
   * settings: {optimizer, learning_rate, momentum}; beta1, beta2, eps are torch's defaults. */
  var ADAM = {beta1: 0.9, beta2: 0.999, eps: 1e-8};  // vizlib.live.ADAM_BETAS, ADAM_EPS
  var OPTIMIZERS = ["sgd", "adam"];

  function Optimizer(settings) {
    this.settings = settings;  // read at every step: a page may change the rate while training
    this.kind = null;
  }

  /* Update each params[k] (a Float64Array) in place from grads[k], its gradient. */
  Optimizer.prototype.update = function (params, grads) {
    var k, i, p, g, st, lr = this.settings.learning_rate, kind = this.settings.optimizer || "sgd";
    if (kind !== this.kind) {  // a new optimizer starts from nothing, as a new torch optimizer would
      if (OPTIMIZERS.indexOf(kind) < 0) throw new Error("unknown optimizer " + kind);
      this.kind = kind;
      this.t = 0;  // steps taken
      this.state = [];  // per parameter array: {m, v} (adam) or {buf} (sgd with momentum)
    }
    this.momentum = this.settings.momentum || 0;
    this.t += 1;
    if (this.kind === "adam") {
      var b1 = ADAM.beta1, b2 = ADAM.beta2, w1 = 1 - b1, w2 = 1 - b2, eps = ADAM.eps;
      var stepSize = lr / (1 - Math.pow(b1, this.t)), correction2Sqrt = Math.pow(1 - Math.pow(b2, this.t), 0.5);
      for (k = 0; k < params.length; k++) {
        p = params[k]; g = grads[k];
        st = this.state[k] || (this.state[k] = {m: new Float64Array(p.length), v: new Float64Array(p.length)});
        for (i = 0; i < p.length; i++) {
          st.m[i] = st.m[i] + w1 * (g[i] - st.m[i]);  // torch: exp_avg.lerp_(grad, 1 - beta1)
          st.v[i] = st.v[i] * b2 + w2 * g[i] * g[i];  // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
          p[i] = p[i] + -stepSize * st.m[i] / (Math.sqrt(st.v[i]) / correction2Sqrt + eps);  // addcdiv_
        }
      }
      return;
    }
    for (k = 0; k < params.length; k++) {
      p = params[k]; g = grads[k];
      if (this.momentum) {
        st = this.state[k];
        if (!st) st = this.state[k] = {buf: Float64Array.from(g)};
        else for (i = 0; i < p.length; i++) st.buf[i] = st.buf[i] * this.momentum + g[i];
        g = st.buf;
      }
      for (i = 0; i < p.length; i++) p[i] -= lr * g[i];
    }
  };

  /* Mean binary cross-entropy of logit z against label y, written as torch writes it. */
  function bce(z, y) { return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))); }

  function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }

  /* Rows [[feature..., label]...] as a float64 input matrix and a label vector. */
  function table(rows, inputs) {
    var k = inputs || 2, x = new Float64Array(rows.length * k), y = new Float64Array(rows.length);
    for (var n = 0; n < rows.length; n++) {
      for (var i = 0; i < k; i++) x[k * n + i] = rows[n][i];
      y[n] = rows[n][k];
    }
    return {x: x, y: y, n: rows.length};
  }

  /* A multilayer perceptron: weights[l].w is out x in, row-major, as torch's nn.Linear. */
  function Network(layerSizes, activation, weights) {
    if (!ACTIVATIONS[activation]) throw new Error("unknown activation " + activation);
    this.sizes = layerSizes.slice();
    this.activation = activation;
    this.W = []; this.b = []; this.gW = []; this.gb = [];
    for (var l = 0; l + 1 < layerSizes.length; l++) {
      var fanIn = layerSizes[l], fanOut = layerSizes[l + 1];
      this.W.push(new Float64Array(fanIn * fanOut));
      this.b.push(new Float64Array(fanOut));
      this.gW.push(new Float64Array(fanIn * fanOut));
      this.gb.push(new Float64Array(fanOut));
      for (var o = 0; o < fanOut; o++) {
        this.b[l][o] = weights[l].b[o];
        for (var i = 0; i < fanIn; i++) this.W[l][o * fanIn + i] = weights[l].w[o][i];
      }
    }
    this.buffers = {};  // n -> per-layer pre-activations, outputs and gradients for a batch of n inputs
    // one logit: binary cross-entropy; several: softmax cross-entropy, labels 0..outputs-1
    this.softmax = layerSizes[layerSizes.length - 1] > 1;
  }

  Network.prototype.layers = function () { return this.W.length; };

  // Kept per batch size: a page alternates between the training points, the test points and
  // the grid, and reallocating on each switch would keep the garbage collector busy.
  Network.prototype._buffers = function (n) {
    if (!this.buffers[n]) {
      var z = [], a = [], d = [];
      for (var l = 1; l < this.sizes.length; l++) {
        z.push(new Float64Array(n * this.sizes[l]));
        a.push(new Float64Array(n * this.sizes[l]));
        d.push(new Float64Array(n * this.sizes[l]));
      }
      this.buffers[n] = {n: n, z: z, a: a, d: d};
    }
    return this.buffers[n];
  };

  /* Runs inputs x (n x 2) through the network; returns buffers: a[l] is layer l's output
   * (the last is the logit). */
  Network.prototype.forward = function (x, n) {
    var buf = this._buffers(n), f = ACTIVATIONS[this.activation].f, last = this.layers() - 1;
    var input = x;
    for (var l = 0; l <= last; l++) {
      var fanIn = this.sizes[l], fanOut = this.sizes[l + 1], W = this.W[l], b = this.b[l];
      var z = buf.z[l], a = buf.a[l];
      for (var p = 0; p < n; p++) {
        for (var o = 0; o < fanOut; o++) {
          var sum = b[o];
          for (var i = 0; i < fanIn; i++) sum += W[o * fanIn + i] * input[p * fanIn + i];
          z[p * fanOut + o] = sum;
          a[p * fanOut + o] = l === last ? sum : f(sum);
        }
      }
      input = a;
    }
    return buf;
  };

  /* Mean cross-entropy on data {x, y, n} (no penalty). */
  Network.prototype.loss = function (data) { return this.measure(data).loss; };

  /* {loss: mean cross-entropy (no penalty), accuracy: share classified right} on data {x, y, n};
   * with `dOut`, d(mean loss)/d(logits) into it too. */
  Network.prototype.measure = function (data, dOut) {
    var n = data.n, logits = this.forward(data.x, n).a[this.layers() - 1], total = 0, right = 0, p;
    if (!this.softmax) {
      for (p = 0; p < n; p++) {
        total += bce(logits[p], data.y[p]);
        if ((logits[p] > 0) === (data.y[p] === 1)) right += 1;
        if (dOut) dOut[p] = (sigmoid(logits[p]) - data.y[p]) / n;
      }
      return {loss: total / n, accuracy: right / n};
    }
    var k = this.sizes[this.sizes.length - 1], o, top, best, sum, label;
    for (p = 0; p < n; p++) {
      top = -Infinity; best = 0; label = data.y[p];
      for (o = 0; o < k; o++) if (logits[p * k + o] > top) { top = logits[p * k + o]; best = o; }
      sum = 0;
      for (o = 0; o < k; o++) sum += Math.exp(logits[p * k + o] - top);
      total -= logits[p * k + label] - top - Math.log(sum);  // torch: -log_softmax[label]
      if (best === label) right += 1;
      if (dOut) for (o = 0; o < k; o++) dOut[p * k + o] = (Math.exp(logits[p * k + o] - top) / sum - (o === label ? 1 : 0)) / n;
    }
    return {loss: total / n, accuracy: right / n};
  };

  /* The backward pass, the one the engine has: from d(output)/d(last layer's output) for
   * each of the n inputs in `dOut` (n x outputs, after a forward(x, n) on the same x), the
   * gradients of every weight and bias into gW and gb, summed over the inputs; and, when
   * `wantInput`, d(output)/d(input) for each input (n x inputs, a new array). */
  Network.prototype.backward = function (x, n, dOut, wantInput) {
    var buf = this._buffers(n), last = this.layers() - 1, act = ACTIVATIONS[this.activation], p, o, i, l;
    buf.d[last].set(dOut);
    var dInput = wantInput ? new Float64Array(n * this.sizes[0]) : null;
    for (l = last; l >= 0; l--) {
      var fanIn = this.sizes[l], fanOut = this.sizes[l + 1], W = this.W[l], gW = this.gW[l], gb = this.gb[l];
      var d = buf.d[l], input = l === 0 ? x : buf.a[l - 1];
      gW.fill(0); gb.fill(0);
      for (p = 0; p < n; p++) {
        for (o = 0; o < fanOut; o++) {
          var delta = d[p * fanOut + o];
          gb[o] += delta;
          for (i = 0; i < fanIn; i++) gW[o * fanIn + i] += delta * input[p * fanIn + i];
        }
      }
      if (l === 0 && !wantInput) break;
      // back through layer l's weights (and, above the input, layer l-1's activation)
      var dPrev = l > 0 ? buf.d[l - 1] : dInput, zPrev = l > 0 ? buf.z[l - 1] : null, aPrev = l > 0 ? buf.a[l - 1] : null;
      for (p = 0; p < n; p++) {
        for (i = 0; i < fanIn; i++) {
          var back = 0;
          for (o = 0; o < fanOut; o++) back += d[p * fanOut + o] * W[o * fanIn + i];
          dPrev[p * fanIn + i] = l > 0 ? back * act.d(zPrev[p * fanIn + i], aPrev[p * fanIn + i]) : back;
        }
      }
    }
    return dInput;
  };

  /* One step on the data loss over `data` (all of it: the caller picks a mini-batch)
   * + l2/2 * sum of squared weights + l1 * sum of absolute weights; biases are not
   * penalised. `optimizer` is an Optimizer, or a learning rate for plain gradient descent.
   * Returns the data loss before the step (this.measured: its loss and accuracy). */
  Network.prototype.step = function (data, optimizer, l2, l1) {
    var n = data.n, last = this.layers() - 1, dOut = this._dOut(n), i, o, l, W, gW, gb, lasso = l1 || 0;
    this.measured = this.measure(data, dOut);
    this.backward(data.x, n, dOut, false);
    if (typeof optimizer === "number") {  // plain SGD, as before optimizers came
      for (l = 0; l <= last; l++) {
        W = this.W[l]; gW = this.gW[l]; gb = this.gb[l];
        for (i = 0; i < W.length; i++) W[i] -= optimizer * (gW[i] + l2 * W[i] + lasso * Math.sign(W[i]));
        for (o = 0; o < gb.length; o++) this.b[l][o] -= optimizer * gb[o];
      }
      return this.measured.loss;
    }
    var params = [], grads = [];
    for (l = 0; l <= last; l++) {
      W = this.W[l]; gW = this.gW[l];
      for (i = 0; i < W.length; i++) gW[i] = gW[i] + l2 * W[i] + lasso * Math.sign(W[i]);
      params.push(W, this.b[l]); grads.push(gW, this.gb[l]);
    }
    optimizer.update(params, grads);
    return this.measured.loss;
  };

  Network.prototype._dOut = function (n) {
    this.dOuts = this.dOuts || {};
    return this.dOuts[n] || (this.dOuts[n] = new Float64Array(n * this.sizes[this.sizes.length - 1]));
  };

  /* The weights as plain arrays, in the shape initialWeights gives. */
  Network.prototype.weights = function () {
    var out = [];
    for (var l = 0; l < this.layers(); l++) {
      var fanIn = this.sizes[l], w = [];
      for (var o = 0; o < this.sizes[l + 1]; o++) w.push(Array.prototype.slice.call(this.W[l], o * fanIn, (o + 1) * fanIn));
      out.push({w: w, b: Array.prototype.slice.call(this.b[l])});
    }
    return out;
  };

  /* Cell centres of a cells x cells grid, row by row from the top (as grid() in live.py). */
  function grid(cells, features) {
    var width = 2 * EXTENT / cells, x = new Float64Array(cells * cells * 2);
    for (var j = 0; j < cells; j++) {
      for (var i = 0; i < cells; i++) {
        x[2 * (j * cells + i)] = -EXTENT + (i + 0.5) * width;
        x[2 * (j * cells + i) + 1] = EXTENT - (j + 0.5) * width;
      }
    }
    if (!features) return x;
    var rows = [];
    for (var c = 0; c < cells * cells; c++) rows.push([x[2 * c], x[2 * c + 1], 0]);
    return featureTable(rows, features).x;
  }

  /* A run's trainer: the network, its training and test tables and the batch order. */
  function Trainer(settings, data, weights) {
    this.settings = settings;
    this.net = new Network(sizes(settings), settings.activation, weights || initialWeights(settings));
    this.train = inputTable(data.train, settings);
    this.test = inputTable(data.test, settings);
    this.batches = new Batches(this.train.n, settings.batch_size || 0, settings.seed);
    this.optimizer = new Optimizer(settings);
  }

  /* One step on the next batch; returns the data loss on all the training rows before it
   * (this.measured: that loss and the accuracy there). */
  Trainer.prototype.step = function () {
    var s = this.settings;
    if (this.batches.full()) {
      this.net.step(this.train, this.optimizer, s.l2 || 0, s.l1 || 0);
      this.measured = this.net.measured;
      return this.measured.loss;
    }
    this.measured = this.net.measure(this.train);
    this.net.step(gather(this.train, this.batches.next(), this.net.sizes[0]), this.optimizer, s.l2 || 0, s.l1 || 0);
    return this.measured.loss;
  };

  /* A recorded run: loss and accuracy on the training rows at every step (a step measures
   * them anyway), and on the test rows every `every` steps and after the last (they cost a
   * pass of their own). What the live training widget draws and vizlib.live.history_torch
   * computes with torch. */
  function Recorder(trainer, steps, every) {
    this.trainer = trainer;
    this.steps = steps;
    this.every = every;
    this.at = 0;  // steps taken
    this.run = {step: [], train_loss: [], train_accuracy: [], test_step: [], test_loss: [], test_accuracy: []};
    this._test();
  }

  Recorder.prototype.done = function () { return this.at >= this.steps; };

  Recorder.prototype._test = function () {
    var test = this.trainer.net.measure(this.trainer.test), run = this.run;
    run.test_step.push(this.at); run.test_loss.push(test.loss); run.test_accuracy.push(test.accuracy);
  };

  Recorder.prototype._train = function (measured) {
    var run = this.run;
    run.step.push(this.at); run.train_loss.push(measured.loss); run.train_accuracy.push(measured.accuracy);
  };

  /* Take one step (none once done); the last step measures the training rows once more. */
  Recorder.prototype.advance = function () {
    if (this.done()) return;
    this.trainer.step();
    this._train(this.trainer.measured);
    this.at += 1;
    if (this.at % this.every === 0 || this.done()) this._test();
    if (this.done()) this._train(this.trainer.net.measure(this.trainer.train));
  };

  /* The recorded run of an exported run (settings, data, weights) over `steps` steps. */
  function history(exported, steps, every) {
    var recorder = new Recorder(new Trainer(exported.settings, exported.data, exported.weights), steps, every);
    while (!recorder.done()) recorder.advance();
    return recorder.run;
  }

  /* Train an exported run (vizlib.live.export) for `steps`: the browser half of the parity
   * check. Returns the same fields as vizlib.live.TorchRun. */
  function train(exported, steps, gridCells) {
    var s = exported.settings, trainer = new Trainer(s, exported.data, exported.weights), net = trainer.net;
    var run = {train_loss: [], test_loss: [], grid_probability: []};
    for (var step = 0; step <= steps; step++) {
      if (trainer.test.n) run.test_loss.push(net.loss(trainer.test));
      if (step === steps) { run.train_loss.push(net.loss(trainer.train)); break; }
      run.train_loss.push(trainer.step());
    }
    if (!(s.features && s.features.length) && (s.inputs || 2) !== 2 || net.softmax) return run;
    var cells = gridCells || 20, logits = net.forward(grid(cells, s.features && s.features.length ? s.features : null),
                                                      cells * cells).a[net.layers() - 1];
    for (var c = 0; c < cells * cells; c++) run.grid_probability.push(sigmoid(logits[c]));
    return run;
  }

  /* A trained relu classifier with softmax outputs (the attribution demo's 64-64-10):
   * what it says about one input, and the gradients that explain and attack it. */
  function Classifier(weights) {
    var layerSizes = [weights[0].w[0].length].concat(weights.map(function (layer) { return layer.w.length; }));
    this.net = new Network(layerSizes, "relu", weights);
    this.classes = layerSizes[layerSizes.length - 1];
  }

  Classifier.prototype.logits = function (x) {
    var buf = this.net.forward(Float64Array.from(x), 1);
    return Array.prototype.slice.call(buf.a[this.net.layers() - 1]);
  };

  /* The first hidden layer's activations for one input: a row of the instance matrix. */
  Classifier.prototype.hidden = function (x) {
    return Array.prototype.slice.call(this.net.forward(Float64Array.from(x), 1).a[0]);
  };

  Classifier.prototype.probabilities = function (x) {
    var logits = this.logits(x), top = Math.max.apply(null, logits), total = 0;
    var e = logits.map(function (z) { total += Math.exp(z - top); return Math.exp(z - top); });
    return e.map(function (v) { return v / total; });
  };

  /* d(output)/d(input) for one input, where dOutput(logits, probabilities) gives
   * d(output)/d(logits): the network's own backward pass, asked for the input's gradient. */
  Classifier.prototype._inputGradient = function (x, dOutput) {
    var net = this.net, input = Float64Array.from(x), buf = net.forward(input, 1);
    var logits = Array.prototype.slice.call(buf.a[net.layers() - 1]);
    var dOut = Float64Array.from(dOutput(logits, this.probabilities(x)));
    return Array.prototype.slice.call(net.backward(input, 1, dOut, true));
  };

  /* The gradient of class c's logit (its score) with respect to the input. */
  Classifier.prototype.scoreGradient = function (x, c) {
    return this._inputGradient(x, function (logits) { return logits.map(function (_, k) { return k === c ? 1 : 0; }); });
  };

  /* The gradient of the cross-entropy loss for label c with respect to the input. */
  Classifier.prototype.lossGradient = function (x, c) {
    return this._inputGradient(x, function (logits, p) { return p.map(function (v, k) { return v - (k === c ? 1 : 0); }); });
  };

  function peakScaled(values) {  // scaled so the largest magnitude is 1, as the build-time maps are
    var peak = Math.max(1e-12, Math.max.apply(null, values.map(Math.abs)));
    return values.map(function (v) { return v / peak; });
  }

  /* Saliency |gradient|, gradient x input and integrated gradients (from a blank image, in
   * `steps` midpoint steps) of class c's score; each scaled to a peak of 1. */
  Classifier.prototype.attributions = function (x, c, steps) {
    var gradient = this.scoreGradient(x, c), m = steps || 32, total = x.map(function () { return 0; });
    for (var k = 0; k < m; k++) {
      var along = this.scoreGradient(x.map(function (v) { return v * (k + 0.5) / m; }), c);
      for (var i = 0; i < x.length; i++) total[i] += along[i];
    }
    return {
      saliency: peakScaled(gradient.map(Math.abs)),
      gradient_x_input: peakScaled(gradient.map(function (g, i) { return g * x[i]; })),
      integrated_gradients: peakScaled(total.map(function (g, i) { return x[i] * g / m; }))
    };
  };

  /* One fast-gradient-sign step of size epsilon away from label c, kept within [0, 1]. */
  Classifier.prototype.fgsm = function (x, c, epsilon) {
    return this.lossGradient(x, c).map(function (g, i) { return Math.min(1, Math.max(0, x[i] + epsilon * Math.sign(g))); });
  };

  root.LiveMLP = {
    Classifier: Classifier,
    EXTENT: EXTENT, POINTS: POINTS, mulberry32: mulberry32, points: points, sizes: sizes,
    initialWeights: initialWeights, Network: Network, table: table, grid: grid, sigmoid: sigmoid,
    train: train, FEATURES: FEATURES, FEATURE_IDS: FEATURE_IDS, featureTable: featureTable, inputTable: inputTable,
    Batches: Batches, gather: gather, Trainer: Trainer, Optimizer: Optimizer, OPTIMIZERS: OPTIMIZERS,
    ADAM: ADAM, history: history, Recorder: Recorder
  };
})(window);
