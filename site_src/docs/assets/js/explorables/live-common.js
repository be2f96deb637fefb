/* What the live explorables share (assets/js/explorables/live-*.js): mounting, small DOM
 * helpers, log sliders, the play/pause/step/reset toolbar and the loss chart. Exposes
 * window.LiveUI.
 */
(function (root) {
  "use strict";

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function button(label, title, onClick) {
    var node = el("button", {type: "button", class: "md-button lc-button", title: title, "aria-label": title, text: label});
    node.addEventListener("click", onClick);
    return node;
  }

  function labelled(text, control, output) {
    return el("label", {class: "lc-field"}, [el("span", {text: text}), control].concat(output ? [output] : []));
  }

  function select(values, value) {
    var node = el("select");
    values.forEach(function (v) { node.appendChild(el("option", {value: v, text: v})); });
    node.value = value;
    return node;
  }

  function range(min, max, step, value) {
    return el("input", {type: "range", min: String(min), max: String(max), step: String(step), value: String(value)});
  }

  // A log slider: positions 0..100 spread evenly over the decades of [low, high].
  function toLog(position, bounds) {
    return Number((bounds[0] * Math.pow(bounds[1] / bounds[0], position / 100)).toPrecision(3));
  }
  function fromLog(value, bounds) { return 100 * Math.log(value / bounds[0]) / Math.log(bounds[1] / bounds[0]); }

  /* Reset, play/pause and step buttons and a step counter; hooks.train(steps) runs and
   * redraws, hooks.reset() starts over. Playing trains stepsPerFrame steps a frame. */
  function Player(widget, stepsPerFrame, hooks) {
    var self = this;
    this.playing = false;
    this.widget = widget;
    this.stepsPerFrame = stepsPerFrame;
    this.hooks = hooks;
    this.playButton = button("Play", "Play: train continuously", function () { self.setPlaying(!self.playing); });
    this.stepLabel = el("span", {class: "lc-step"});
    this.toolbar = el("div", {class: "lc-toolbar"}, [
      button("Reset", "Reset: the initial weights again (same seed, same curves)", function () { hooks.reset(); }),
      this.playButton,
      button("Step", "Step: one gradient-descent step", function () { self.setPlaying(false); hooks.train(1); }),
      this.stepLabel
    ]);
  }

  Player.prototype.show = function (step) { this.stepLabel.textContent = "step " + step; };

  Player.prototype.setPlaying = function (playing) {
    var self = this;
    this.playing = playing;
    this.playButton.textContent = playing ? "Pause" : "Play";
    this.playButton.setAttribute("aria-label", playing ? "Pause training" : "Play: train continuously");
    this.playButton.setAttribute("aria-pressed", String(playing));
    if (!playing) return;
    function frame() {
      if (!self.playing || !self.widget.isConnected) { self.playing = false; return; }
      self.hooks.train(self.stepsPerFrame);
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  };

  /* history.train (and history.test, if any) over the steps so far, at most 300 points a
   * line, drawn into `node` as an SVG built from numbers only. */
  function lossChart(node, history) {
    var width = 300, height = 110, pad = 30, steps = history.train.length, test = history.test || [];
    var top = 0;
    history.train.concat(test).forEach(function (v) { if (isFinite(v)) top = Math.max(top, v); });
    top = top || 1;
    function line(values) {
      var every = Math.max(1, Math.ceil(values.length / 300)), out = [];
      for (var k = 0; k < values.length; k += every) {
        if (!isFinite(values[k])) continue;
        out.push((pad + (width - pad - 4) * k / Math.max(1, steps - 1)).toFixed(1) + "," +
                 (4 + (height - 22) * (1 - values[k] / top)).toFixed(1));
      }
      return out.join(" ");
    }
    node.innerHTML = '<svg viewBox="0 0 ' + width + " " + height + '" width="' + width + '" height="' + height +
      '" role="img" aria-label="Loss over ' + (steps - 1) + ' steps">' +
      '<line class="lc-axis" x1="' + pad + '" y1="' + (height - 18) + '" x2="' + width + '" y2="' + (height - 18) + '"/>' +
      '<line class="lc-axis" x1="' + pad + '" y1="4" x2="' + pad + '" y2="' + (height - 18) + '"/>' +
      '<text x="' + (pad - 3) + '" y="12" text-anchor="end">' + top.toFixed(2) + "</text>" +
      '<text x="' + (pad - 3) + '" y="' + (height - 18) + '" text-anchor="end">0</text>' +
      '<text x="' + width + '" y="' + (height - 4) + '" text-anchor="end">step ' + (steps - 1) + "</text>" +
      '<text x="' + pad + '" y="' + (height - 4) + '">' + (test.length ? "loss: — training, - - test" : "loss") + "</text>" +
      '<polyline class="lc-train-line" points="' + line(history.train) + '"/>' +
      (test.length ? '<polyline class="lc-test-line" points="' + line(test) + '"/>' : "") + "</svg>";
  }

  /* Starts `start(node)` on every element matching `selector` not yet mounted, now and after
   * each of Material's instant navigations (document$). */
  function mount(selector, start) {
    function mountAll() {
      if (!root.LiveMLP) return;
      document.querySelectorAll(selector + ":not(.lc-mounted)").forEach(start);
    }
    if (root.document$) root.document$.subscribe(mountAll);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
    else mountAll();
  }

  root.LiveUI = {mount: mount, el: el, button: button, labelled: labelled, select: select, range: range, toLog: toLog,
                 fromLog: fromLog, Player: Player, lossChart: lossChart};
})(window);
