/* Live training curves: a digit classifier (the 8x8 scikit-learn digits, softmax outputs)
 * trains in the page with mlp-engine.js, and two charts draw its loss and accuracy on the
 * training and the validation digits as it goes, with a diamond at the lowest validation
 * loss. Two experiments, each a few networks that differ in one setting: capacity (the
 * hidden layer's width, trained with Adam) and the learning rate (plain SGD). The digits
 * and the experiments' settings come from data-model (vizlib.live.training_payload); the
 * address holds the experiment and the setting (?experiment=capacity&setting=512), so an
 * article links to a preset. Mounts on <div class="live-training" data-model="URL">
 * ({{ live("watching-training") }}). tests/browser/test_live_training.py checks the curves
 * against torch.
 */
(function () {
  "use strict";

  var FRAME_BUDGET_MS = 30;  // training per animation frame: the page stays responsive
  var WIDTH = 320, HEIGHT = 200, PAD_LEFT = 48, PAD_BOTTOM = 34, PAD_TOP = 10, PAD_RIGHT = 10;
  var ui = window.LiveUI || {};

  function readAddress(experiments) {
    var query = new URLSearchParams(location.search), names = Object.keys(experiments), ignored = [];
    var experiment = names[0], setting = null;
    if (query.has("experiment")) {
      if (names.indexOf(query.get("experiment")) >= 0) experiment = query.get("experiment");
      else ignored.push("experiment=" + query.get("experiment") + " (one of " + names.join(", ") + ")");
    }
    var values = experiments[experiment].values;
    if (query.has("setting")) {
      var wanted = Number(query.get("setting"));
      if (values.indexOf(wanted) >= 0) setting = wanted;
      else ignored.push("setting=" + query.get("setting") + " (for " + experiment + ": one of " + values.join(", ") + ")");
    }
    return {experiment: experiment, setting: setting === null ? experiments[experiment].default : setting,
            ignored: ignored, preset: query.has("experiment") || query.has("setting")};
  }

  function scaled(rows, ink) {  // ink levels 0..ink as the network reads them, 0..1; the label last
    return rows.map(function (row) {
      var out = row.slice(0, row.length - 1).map(function (v) { return v / ink; });
      out.push(row[row.length - 1]);
      return out;
    });
  }

  function fixed(v, digits) { return isFinite(v) ? v.toFixed(digits) : "—"; }
  function percent(v) { return isFinite(v) ? Math.round(100 * v) + " %" : "—"; }

  function Training(root, payload) {
    this.root = root;
    this.payload = payload;
    this.experiments = payload.experiments;
    this.data = {train: scaled(payload.digits.train, payload.ink), test: scaled(payload.digits.test, payload.ink)};
    var address = readAddress(this.experiments);
    this.experiment = address.experiment;
    this.setting = address.setting;
    this.build(address.ignored);
    this.reset(true);
  }

  Training.prototype.settings = function () {
    var chosen = this.experiments[this.experiment];
    return chosen.settings[chosen.values.indexOf(this.setting)];
  };

  Training.prototype.build = function (ignored) {
    var self = this, el = ui.el, names = Object.keys(this.experiments);
    this.root.textContent = "";
    this.root.classList.add("lc-mounted");
    this.player = new ui.Player(this.root, 1, {
      train: function (steps) { self.train(steps); },
      reset: function () { self.reset(false); }
    });
    this.experimentMenu = el("select", {"aria-label": "Experiment"});
    names.forEach(function (name) {
      self.experimentMenu.appendChild(el("option", {value: name, text: self.experiments[name].label}));
    });
    this.experimentMenu.addEventListener("change", function () {
      self.experiment = self.experimentMenu.value;
      self.setting = self.experiments[self.experiment].default;
      self.reset(true);
    });
    this.settingMenu = el("select");
    this.settingMenu.addEventListener("change", function () { self.setting = Number(self.settingMenu.value); self.reset(true); });
    this.settingLabel = el("span");
    this.root.appendChild(el("div", {class: "lc-toolbar"}, [
      ui.labelled("experiment: vary the", this.experimentMenu),
      el("label", {class: "lc-field"}, [this.settingLabel, this.settingMenu])]));
    this.root.appendChild(this.player.toolbar);
    if (ignored.length) {
      this.root.appendChild(el("p", {class: "lc-note", role: "note",
                                     text: "Ignored in the address: " + ignored.join("; ") + "."}));
    }
    // side by side where they fit, one under the other on a phone
    var chartStyle = "flex:1 1 260px;min-width:0;max-width:" + WIDTH + "px";
    this.lossChart = el("div", {class: "lt-chart", style: chartStyle});
    this.accuracyChart = el("div", {class: "lt-chart", style: chartStyle});
    this.root.appendChild(el("div", {class: "lt-charts", style: "display:flex;flex-wrap:wrap;gap:0.5rem"},
                             [this.lossChart, this.accuracyChart]));
    this.summary = el("p", {class: "lt-summary", "aria-live": "polite"});
    this.root.appendChild(this.summary);
  };

  Training.prototype.reset = function (play) {
    var self = this, chosen = this.experiments[this.experiment], settings = this.settings();
    this.experimentMenu.value = this.experiment;
    this.settingLabel.textContent = chosen.label;
    this.settingMenu.textContent = "";
    chosen.values.forEach(function (v) { self.settingMenu.appendChild(ui.el("option", {value: String(v), text: String(v)})); });
    this.settingMenu.value = String(this.setting);
    this.settingMenu.setAttribute("aria-label", chosen.label);
    var trainer = new LiveMLP.Trainer(settings, this.data, LiveMLP.initialWeights(settings));
    this.recorder = new LiveMLP.Recorder(trainer, this.payload.steps, this.payload.every);
    this.run = this.recorder.run;
    this.msPerStep = null;
    var query = new URLSearchParams(location.search);
    query.set("experiment", this.experiment);
    query.set("setting", String(this.setting));
    history.replaceState(history.state, "", location.pathname + "?" + query.toString() + location.hash);
    this.draw();
    this.player.setPlaying(Boolean(play));
  };

  /* Train up to `steps` steps, fewer if a frame's time budget runs out; stop at the end. */
  Training.prototype.train = function (steps) {
    var started = performance.now(), taken = 0;
    if (this.recorder.done()) { this.player.setPlaying(false); return; }
    while (taken < Math.max(steps, 1) && !this.recorder.done()) {
      this.recorder.advance();
      taken += 1;
      if (this.player.playing && performance.now() - started > FRAME_BUDGET_MS) break;
    }
    this.msPerStep = (performance.now() - started) / taken;
    // play as many steps a frame as fit in the budget
    this.player.stepsPerFrame = Math.max(1, Math.floor(FRAME_BUDGET_MS / Math.max(this.msPerStep, 0.01)));
    this.draw();
    if (this.recorder.done()) this.player.setPlaying(false);
  };

  /* The recorded point with the lowest validation loss: the early-stopping point. */
  Training.prototype.best = function () {
    var run = this.run, at = -1;
    for (var k = 0; k < run.test_loss.length; k++) if (at < 0 || run.test_loss[k] < run.test_loss[at]) at = k;
    return at < 0 ? null : {step: run.test_step[at], loss: run.test_loss[at], accuracy: run.test_accuracy[at]};
  };

  function chart(node, title, lines, top, steps, diamond, format) {
    var w = WIDTH - PAD_LEFT - PAD_RIGHT, h = HEIGHT - PAD_TOP - PAD_BOTTOM;
    function x(step) { return PAD_LEFT + w * step / steps; }
    function y(v) { return PAD_TOP + h * (1 - Math.min(v, top) / top); }
    function polyline(xs, ys, cls) {
      var points = [];
      for (var k = 0; k < xs.length; k++) if (isFinite(ys[k])) points.push(x(xs[k]).toFixed(1) + "," + y(ys[k]).toFixed(1));
      return '<polyline class="' + cls + '" fill="none" points="' + points.join(" ") + '"/>';
    }
    // every string below is our own words and numbers: no reader text reaches the markup
    var svg = '<svg viewBox="0 0 ' + WIDTH + " " + HEIGHT + '" style="width:100%;max-width:' + WIDTH + 'px;font-size:11px" fill="currentColor" role="img" aria-label="' +
      lines.label + '"><title>' + title + "</title>" +
      '<line class="lc-axis" x1="' + PAD_LEFT + '" y1="' + (PAD_TOP + h) + '" x2="' + (PAD_LEFT + w) + '" y2="' + (PAD_TOP + h) + '"/>' +
      '<line class="lc-axis" x1="' + PAD_LEFT + '" y1="' + PAD_TOP + '" x2="' + PAD_LEFT + '" y2="' + (PAD_TOP + h) + '"/>' +
      '<text x="' + (PAD_LEFT - 4) + '" y="' + (PAD_TOP + 8) + '" text-anchor="end">' + format(top) + "</text>" +
      '<text x="' + (PAD_LEFT - 4) + '" y="' + (PAD_TOP + h) + '" text-anchor="end">' + format(0) + "</text>" +
      '<text x="' + PAD_LEFT + '" y="' + (PAD_TOP + h + 14) + '">0</text>' +
      '<text x="' + (PAD_LEFT + w) + '" y="' + (PAD_TOP + h + 14) + '" text-anchor="end">step ' + steps + "</text>" +
      '<text x="' + PAD_LEFT + '" y="' + (HEIGHT - 4) + '">' + title.split(" ").pop() + ": — training, - - validation</text>" +
      polyline(lines.trainSteps, lines.train, "lc-train-line") +
      polyline(lines.testSteps, lines.test, "lc-test-line");
    if (diamond) {
      var cx = x(diamond.step), cy = y(diamond.value);
      svg += '<path class="lt-best" fill="#e7298a" d="M' + cx.toFixed(1) + "," + (cy - 6).toFixed(1) + " l6,6 l-6,6 l-6,-6 z\">" +
        "<title>lowest validation loss, at step " + diamond.step + "</title></path>";
    }
    node.innerHTML = svg + "</svg>";
  }

  Training.prototype.draw = function () {
    var run = this.run, steps = this.payload.steps, at = this.recorder.at, best = this.best(), top = 0;
    run.train_loss.concat(run.test_loss).forEach(function (v) { if (isFinite(v)) top = Math.max(top, v); });
    top = top ? Math.ceil(top * 2) / 2 : 1;  // a round top: the scale moves in half units, not every frame
    var last = run.test_loss.length - 1, trainLast = run.train_loss.length - 1;
    chart(this.lossChart, "cross-entropy loss", {
      trainSteps: run.step, train: run.train_loss, testSteps: run.test_step, test: run.test_loss,
      label: "Loss over " + at + " of " + steps + " steps: training " + fixed(run.train_loss[trainLast], 3) +
             ", validation " + fixed(run.test_loss[last], 3) +
             (best && at ? "; lowest validation loss " + fixed(best.loss, 3) + " at step " + best.step : "")
    }, top, steps, best && at ? {step: best.step, value: best.loss} : null, function (v) { return v.toFixed(1); });
    chart(this.accuracyChart, "accuracy", {
      trainSteps: run.step, train: run.train_accuracy, testSteps: run.test_step, test: run.test_accuracy,
      label: "Accuracy over " + at + " of " + steps + " steps: training " + percent(run.train_accuracy[trainLast]) +
             ", validation " + percent(run.test_accuracy[last])
    }, 1, steps, null, function (v) { return Math.round(100 * v) + "%"; });
    this.player.show(at);
    var chosen = this.experiments[this.experiment];
    var text = chosen.label + " " + this.setting + ", step " + at + " of " + steps + ": training loss " +
      fixed(run.train_loss[trainLast], 3) + " (accuracy " + percent(run.train_accuracy[trainLast]) + "), validation loss " +
      fixed(run.test_loss[last], 3) + " (accuracy " + percent(run.test_accuracy[last]) + ")" +
      (best && at ? "; lowest validation loss so far " + fixed(best.loss, 3) + " at step " + best.step : "") + ".";
    // announced when training stops, not at every frame, so that a screen reader is not flooded
    if (!this.player.playing || this.recorder.done()) this.summary.textContent = text;
    else this.summary.setAttribute("data-progress", text);
  };

  if (window.LiveUI) {
    window.LiveUI.mount(".live-training[data-model]", ui.withModel(function (node, payload) {
      node._training = new Training(node, payload);
    }));
  }
})();
