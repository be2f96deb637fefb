/* Live attribution: the reader draws a digit and the attribution demo's trained network
 * (its weights ship with the page, data-model) reads it in the browser: its prediction,
 * saliency, gradient x input, integrated gradients, and a one-step FGSM attack at the
 * chosen epsilon. Mounts on <div class="live-digits" data-model="URL"> ({{ live("attribution") }}).
 * tests/browser/test_live_mlp.py checks the numbers against torch.
 */
(function () {
  "use strict";

  var SIDE = 8, CELL = 24, MAP_CELL = 12, IG_STEPS = 32;  // IG_STEPS = vizlib.live.INTEGRATED_GRADIENT_STEPS
  var ui = window.LiveUI || {};

  function paintGrid(canvas, values, cell, colour) { ui.paintGrid(canvas, values, SIDE, cell, colour); }
  function diverging(v) {  // red raises the score, blue lowers it
    var s = Math.min(1, Math.abs(v)), to = v >= 0 ? [214, 39, 40] : [31, 119, 180];
    return "rgb(" + to.map(function (c) { return Math.round(255 + (c - 255) * s); }).join(",") + ")";
  }
  function best(p) { return p.indexOf(Math.max.apply(null, p)); }

  function Digits(root, model) {
    this.root = root;
    this.model = new LiveMLP.Classifier(model.weights);
    this.examples = model.examples;
    this.epsilon = 0.1;
    this.build();
    this.pad.pixels = this.examples.filter(function (e) { return e.example === "3"; })[0].pixels.slice();
    this.update();
  }

  Digits.prototype.build = function () {
    var self = this, el = ui.el;
    this.root.textContent = "";
    this.root.classList.add("lc-mounted");
    this.pad = new ui.DrawingPad(SIDE, CELL, function () { self.update(); });
    var example = ui.exampleMenu(this.examples, this.pad, function () { self.update(); });
    var epsilonOut = el("output", {text: String(this.epsilon)}), epsilon = ui.range(0, 0.3, 0.025, this.epsilon);
    epsilon.addEventListener("input", function () { self.epsilon = Number(epsilon.value); epsilonOut.textContent = epsilon.value; self.update(); });
    this.prediction = el("p", {class: "ld-prediction", "aria-live": "polite"});
    this.bars = el("div", {class: "ld-bars", role: "img"});
    this.maps = {};
    var maps = [["saliency", "saliency |gradient|"], ["gradient_x_input", "gradient × input"],
                ["integrated_gradients", "integrated gradients"], ["attacked", "after the attack"]].map(function (pair) {
      var canvas = el("canvas", {width: String(SIDE * MAP_CELL), height: String(SIDE * MAP_CELL), role: "img", "aria-label": pair[1]});
      self.maps[pair[0]] = canvas;
      return el("figure", {class: "ld-map"}, [canvas, el("figcaption", {text: pair[1]})]);
    });
    this.attack = el("p", {class: "ld-attack", "aria-live": "polite"});
    this.root.appendChild(el("div", {class: "lc-toolbar"}, [
      ui.button("Clear", "Clear the drawing", function () { self.pad.clear(); self.update(); }),
      ui.labelled("load", example), ui.labelled("attack strength ε", epsilon, epsilonOut)]));
    this.root.appendChild(el("div", {class: "lc-network"}, [el("div", {}, [this.pad.canvas]), el("div", {}, [this.prediction, this.bars])]));
    this.root.appendChild(el("div", {class: "ld-maps"}, maps));
    this.root.appendChild(this.attack);
  };

  Digits.prototype.update = function () {
    var self = this, x = this.pad.pixels;
    this.pad.draw();
    if (this.pad.blank()) {  // a blank image is no digit: reading one in it would be noise
      this.prediction.textContent = "Draw a digit on the pad, or load one from the test set.";
      this.bars.textContent = "";
      this.bars.setAttribute("aria-label", "No probabilities: the pad is blank");
      Object.keys(this.maps).forEach(function (name) { paintGrid(self.maps[name], x, MAP_CELL, ui.ink); });
      this.attack.textContent = "";
      return;
    }
    var p = this.model.probabilities(x), digit = best(p);
    this.prediction.textContent = "The network reads a " + digit + " (" + Math.round(100 * p[digit]) + " %).";
    this.bars.textContent = "";
    this.bars.setAttribute("aria-label", "Probabilities: " + p.map(function (v, k) { return k + ": " + Math.round(100 * v) + " %"; }).join(", "));
    p.forEach(function (v, k) {
      self.bars.appendChild(ui.el("div", {class: "ld-bar" + (k === digit ? " ld-chosen" : "")}, [
        ui.el("span", {text: String(k)}), ui.el("span", {class: "ld-fill", style: "width:" + (100 * v).toFixed(1) + "%"})]));
    });
    var maps = this.model.attributions(x, digit, IG_STEPS);
    ["saliency", "gradient_x_input", "integrated_gradients"].forEach(function (name) { paintGrid(self.maps[name], maps[name], MAP_CELL, diverging); });
    var attacked = this.model.fgsm(x, digit, this.epsilon), q = this.model.probabilities(attacked), after = best(q);
    paintGrid(this.maps.attacked, attacked, MAP_CELL, ui.ink);
    this.attack.textContent = "After a one-step attack of ε = " + this.epsilon + " it reads a " + after + " (" +
      Math.round(100 * q[after]) + " %)" + (after === digit ? ": not fooled yet." : ": fooled.");
  };

  if (window.LiveUI) {
    window.LiveUI.mount(".live-digits[data-model]", ui.withModel(function (node, model) { node._digits = new Digits(node, model); }));
  }
})();
