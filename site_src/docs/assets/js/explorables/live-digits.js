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

  function paintGrid(canvas, values, cell, colour) {
    var context = canvas.getContext("2d");
    values.forEach(function (v, i) {
      context.fillStyle = colour(v);
      context.fillRect((i % SIDE) * cell, Math.floor(i / SIDE) * cell, cell, cell);
    });
  }
  function ink(v) { var g = Math.round(255 * (1 - v)); return "rgb(" + g + "," + g + "," + g + ")"; }
  function diverging(v) {  // red raises the score, blue lowers it
    var s = Math.min(1, Math.abs(v)), to = v >= 0 ? [214, 39, 40] : [31, 119, 180];
    return "rgb(" + to.map(function (c) { return Math.round(255 + (c - 255) * s); }).join(",") + ")";
  }
  function best(p) { return p.indexOf(Math.max.apply(null, p)); }

  function Digits(root, model) {
    this.root = root;
    this.model = new LiveMLP.Classifier(model.weights);
    this.examples = model.examples;
    this.pixels = this.examples.filter(function (e) { return e.example === "3"; })[0].pixels.slice();
    this.epsilon = 0.1;
    this.cursor = 0;
    this.build();
    this.update();
  }

  Digits.prototype.build = function () {
    var self = this, el = ui.el;
    this.root.textContent = "";
    this.root.classList.add("lc-mounted");
    this.pad = el("canvas", {width: String(SIDE * CELL), height: String(SIDE * CELL), class: "ld-pad", tabindex: "0",
                             role: "application", "aria-label": "Drawing pad, 8 by 8 pixels: draw with the mouse; or move " +
                             "with the arrow keys and press space to ink or clear a pixel"});
    var drawing = null;
    function at(event) {
      var box = self.pad.getBoundingClientRect();
      var column = Math.floor((event.clientX - box.left) / box.width * SIDE);
      var row = Math.floor((event.clientY - box.top) / box.height * SIDE);
      return column >= 0 && column < SIDE && row >= 0 && row < SIDE ? row * SIDE + column : -1;
    }
    function paint(event) {
      var index = at(event);
      if (index < 0 || drawing === null || self.pixels[index] === drawing) return;
      self.pixels[index] = drawing;
      self.update();
    }
    this.pad.addEventListener("pointerdown", function (event) {
      var index = at(event);
      if (index < 0) return;
      drawing = event.button === 2 || event.shiftKey || self.pixels[index] >= 0.5 ? 0 : 1;
      self.pad.setPointerCapture(event.pointerId);
      paint(event);
    });
    this.pad.addEventListener("pointermove", paint);
    this.pad.addEventListener("pointerup", function () { drawing = null; });
    this.pad.addEventListener("contextmenu", function (event) { event.preventDefault(); });
    this.pad.addEventListener("keydown", function (event) {
      var moves = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -SIDE, ArrowDown: SIDE};
      if (moves[event.key] !== undefined) {
        var next = self.cursor + moves[event.key];
        if (next >= 0 && next < SIDE * SIDE && !(Math.abs(moves[event.key]) === 1 && Math.floor(next / SIDE) !== Math.floor(self.cursor / SIDE))) self.cursor = next;
      } else if (event.key === " " || event.key === "Enter") {
        self.pixels[self.cursor] = self.pixels[self.cursor] >= 0.5 ? 0 : 1;
      } else return;
      event.preventDefault();
      self.update();
    });
    var example = ui.select(["your drawing"].concat(this.examples.map(function (e) { return "a " + e.example + " from the test set"; })), "your drawing");
    example.addEventListener("change", function () {
      if (example.selectedIndex > 0) self.pixels = self.examples[example.selectedIndex - 1].pixels.slice();
      example.selectedIndex = 0;
      self.update();
    });
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
      ui.button("Clear", "Clear the drawing", function () { self.pixels = self.pixels.map(function () { return 0; }); self.update(); }),
      ui.labelled("load", example), ui.labelled("attack strength ε", epsilon, epsilonOut)]));
    this.root.appendChild(el("div", {class: "lc-network"}, [el("div", {}, [this.pad]), el("div", {}, [this.prediction, this.bars])]));
    this.root.appendChild(el("div", {class: "ld-maps"}, maps));
    this.root.appendChild(this.attack);
  };

  Digits.prototype.update = function () {
    var self = this, x = this.pixels, p = this.model.probabilities(x), digit = best(p);
    paintGrid(this.pad, x, CELL, ink);
    var context = this.pad.getContext("2d");
    context.strokeStyle = "#d62728";
    context.lineWidth = 2;
    if (document.activeElement === this.pad) {
      context.strokeRect((this.cursor % SIDE) * CELL + 1, Math.floor(this.cursor / SIDE) * CELL + 1, CELL - 2, CELL - 2);
    }
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
    paintGrid(this.maps.attacked, attacked, MAP_CELL, ink);
    this.attack.textContent = "After a one-step attack of ε = " + this.epsilon + " it reads a " + after + " (" +
      Math.round(100 * q[after]) + " %)" + (after === digit ? ": not fooled yet." : ": fooled.");
  };

  if (window.LiveUI) {
    window.LiveUI.mount(".live-digits[data-model]", function (node) {
      node.classList.add("lc-mounted");
      fetch(new URL(node.dataset.model, location.href).href).then(function (response) {
        if (!response.ok) throw new Error("cannot load the network's weights: " + response.status);
        return response.json();
      }).then(function (model) { node._digits = new Digits(node, model); }).catch(function (error) {
        node.textContent = "The live network could not start: " + error.message;
        console.error(error);
      });
    });
  }
})();
