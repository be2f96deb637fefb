/* Live instance-based analysis: the reader draws a digit and the instance demo's trained
 * network (its weights ship with the page, data-model) reads it in the browser. Its hidden
 * activations join the class-activation matrix as a new row, under each class's average
 * over the held-out digits, and the page says which class's row it is closest to.
 * Mounts on <div class="live-instances" data-model="URL"> ({{ live("instance-based-analysis") }}).
 * tests/browser/test_live_mlp.py checks the row against torch.
 */
(function () {
  "use strict";

  var SIDE = 8, CELL = 24;
  var ui = window.LiveUI || {};
  // viridis at nine even stops, the build-time matrix's scheme (vizlib/views/matrix.py)
  var VIRIDIS = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
                 [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]];

  function viridis(t) {
    var x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1), k = Math.min(VIRIDIS.length - 2, Math.floor(x)), f = x - k;
    return "rgb(" + VIRIDIS[k].map(function (c, i) { return Math.round(c + (VIRIDIS[k + 1][i] - c) * f); }).join(",") + ")";
  }
  function best(values) { return values.indexOf(Math.max.apply(null, values)); }
  function distance(a, b) { return Math.sqrt(a.reduce(function (sum, v, i) { return sum + (v - b[i]) * (v - b[i]); }, 0)); }

  function Instances(root, model) {
    var self = this, el = ui.el;
    this.root = root;
    this.model = new LiveMLP.Classifier(model.weights);
    this.classMeans = model.class_means;
    this.pad = new ui.DrawingPad(SIDE, CELL, function () { self.update(); });
    this.pad.pixels = model.examples[0].pixels.slice();
    var example = ui.exampleMenu(model.examples, this.pad, function () { self.update(); });
    this.prediction = el("p", {class: "ld-prediction", "aria-live": "polite"});
    this.neurons = this.classMeans[0].act.length;
    var header = el("tr", {}, [el("th", {scope: "col", text: "row"})]);
    for (var n = 0; n < this.neurons; n++) header.appendChild(el("th", {scope: "col", class: "li-neuron", text: String(n)}));
    this.body = el("tbody");
    // the caption is a paragraph above the scrolling box, not the table's caption: inside
    // a box that scrolls sideways a caption is cut off at the box's edge on a phone
    var captionId = "li-caption-" + Math.random().toString(36).slice(2);
    this.caption = el("p", {class: "li-caption", id: captionId,
                            text: "Mean activation of each of the " + this.neurons + " hidden neurons (columns) for each true digit's " +
                                  "held-out examples, and your digit's own activations (last row). Brighter is stronger."});
    this.table = el("table", {class: "li-matrix", "aria-describedby": captionId}, [el("thead", {}, [header]), this.body]);
    root.textContent = "";
    root.appendChild(el("div", {class: "lc-toolbar"}, [
      ui.button("Clear", "Clear the drawing", function () { self.pad.clear(); self.update(); }), ui.labelled("load", example)]));
    root.appendChild(el("div", {class: "lc-network"}, [el("div", {}, [this.pad.canvas]), el("div", {class: "li-side"}, [this.prediction])]));
    root.appendChild(this.caption);
    root.appendChild(el("div", {class: "li-scroll"}, [this.table]));
    this.update();
  }

  /* A row of the matrix; `short` is the label a phone shows instead (CSS), the full one staying for screen readers. */
  Instances.prototype.row = function (label, short, values, top, className) {
    var tr = ui.el("tr", {class: className || ""}, [ui.el("th", {scope: "row", text: label, "data-short": short})]);
    values.forEach(function (v, n) {
      tr.appendChild(ui.el("td", {style: "background:" + viridis(v / top), title: "neuron " + n + ": " + v.toFixed(3),
                                  "aria-label": v.toFixed(2)}));
    });
    return tr;
  };

  Instances.prototype.update = function () {
    var self = this, x = this.pad.pixels;
    this.pad.draw();
    if (this.pad.blank()) {  // a blank image is no digit: its row would only show the biases
      this.own = null;
      this.body.textContent = "";
      var averages = Math.max.apply(null, [].concat.apply([], this.classMeans.map(function (m) { return m.act; }))) || 1;
      this.classMeans.forEach(function (m) { self.body.appendChild(self.row("average " + m.label, String(m.label), m.act, averages)); });
      this.prediction.textContent = "Draw a digit on the pad, or load one from the test set, to add its row.";
      return;
    }
    var own = this.model.hidden(x), p = this.model.probabilities(x), digit = best(p);
    this.own = own;
    var top = Math.max.apply(null, own.concat.apply(own, this.classMeans.map(function (m) { return m.act; }))) || 1;
    var distances = this.classMeans.map(function (m) { return distance(own, m.act); }), nearest = distances.indexOf(Math.min.apply(null, distances));
    var strongest = best(own), firesFor = best(this.classMeans.map(function (m) { return m.act[strongest]; }));
    this.body.textContent = "";
    this.classMeans.forEach(function (m) { self.body.appendChild(self.row("average " + m.label, String(m.label), m.act, top)); });
    this.body.appendChild(this.row("your digit", "you", own, top, "li-own"));
    this.prediction.textContent = "The network reads a " + digit + " (" + Math.round(100 * p[digit]) + " %). " +
      "Your digit's row is closest to the average " + this.classMeans[nearest].label + "'s row. " +
      (own[strongest] > 0 ? "Its strongest neuron, " + strongest + ", fires most on average for a " +
                            this.classMeans[firesFor].label + "." : "None of its neurons fire.");
  };

  if (window.LiveUI) {
    window.LiveUI.mount(".live-instances[data-model]", ui.withModel(function (node, model) { node._instances = new Instances(node, model); }));
  }
})();
