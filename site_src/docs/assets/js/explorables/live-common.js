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
   * redraws, hooks.reset() starts over, hooks.paused() (if given) runs when playing stops.
   * Playing trains stepsPerFrame steps a frame. */
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

  Player.prototype.setPlaying = function (playing) {
    var self = this;
    this.playing = playing;
    this.playButton.textContent = playing ? "Pause" : "Play";
    this.playButton.setAttribute("aria-label", playing ? "Pause training" : "Play: train continuously");
    this.playButton.setAttribute("aria-pressed", String(playing));
    if (!playing) {
      if (this.hooks.paused) this.hooks.paused();
      return;
    }
    function frame() {
      if (!self.playing || !self.widget.isConnected) { self.playing = false; return; }
      self.hooks.train(self.stepsPerFrame);
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  };

  /* Sets a node's text or attribute only when it changes: a playing demo redraws every frame,
   * and an unchanged value written again still costs the browser a style and layout pass. */
  function setText(node, text) {
    if (node._text !== text) { node.textContent = text; node._text = text; }
  }
  function setAttribute(node, name, value) {
    var key = "_attr_" + name;
    if (node[key] !== value) { node.setAttribute(name, value); node[key] = value; }
  }

  Player.prototype.show = function (step) { setText(this.stepLabel, "step " + step); };

  var SVG = "http://www.w3.org/2000/svg";
  function svgElement(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* history.train (and history.test, if any) over the steps so far, at most 300 points a
   * line, drawn into `node` as an SVG built from numbers only. The SVG is made once; each
   * frame then changes only the lines' points and the labels that changed. */
  function lossChart(node, history) {
    var width = 300, height = 110, pad = 30, steps = history.train.length, test = history.test || [];
    var top = 0;
    [history.train, test].forEach(function (values) {
      for (var k = 0; k < values.length; k++) if (values[k] > top && isFinite(values[k])) top = values[k];
    });
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
    var chart = node._lossChart;
    if (!chart || chart.svg.parentNode !== node || chart.withTest !== test.length > 0) {
      chart = node._lossChart = {withTest: test.length > 0};
      chart.svg = svgElement("svg", {viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img"});
      chart.svg.appendChild(svgElement("line", {class: "lc-axis", x1: pad, y1: height - 18, x2: width, y2: height - 18}));
      chart.svg.appendChild(svgElement("line", {class: "lc-axis", x1: pad, y1: 4, x2: pad, y2: height - 18}));
      chart.top = chart.svg.appendChild(svgElement("text", {x: pad - 3, y: 12, "text-anchor": "end"}, ""));
      chart.svg.appendChild(svgElement("text", {x: pad - 3, y: height - 18, "text-anchor": "end"}, "0"));
      chart.steps = chart.svg.appendChild(svgElement("text", {x: width, y: height - 4, "text-anchor": "end"}, ""));
      chart.svg.appendChild(svgElement("text", {x: pad, y: height - 4}, test.length ? "loss: — training, - - test" : "loss"));
      chart.train = chart.svg.appendChild(svgElement("polyline", {class: "lc-train-line", points: ""}));
      if (test.length) chart.test = chart.svg.appendChild(svgElement("polyline", {class: "lc-test-line", points: ""}));
      node.textContent = "";
      node.appendChild(chart.svg);
    }
    setAttribute(chart.svg, "aria-label", "Loss over " + (steps - 1) + " steps");
    setText(chart.top, top.toFixed(2));
    setText(chart.steps, "step " + (steps - 1));
    setAttribute(chart.train, "points", line(history.train));
    if (chart.test) setAttribute(chart.test, "points", line(test));
  }

  function ink(v) { var g = Math.round(255 * (1 - v)); return "rgb(" + g + "," + g + "," + g + ")"; }

  /* Paints `values` (row by row, side x side) into `canvas` as cells of `cell` pixels. */
  function paintGrid(canvas, values, side, cell, colour) {
    var context = canvas.getContext("2d");
    values.forEach(function (v, i) {
      context.fillStyle = colour(v);
      context.fillRect((i % side) * cell, Math.floor(i / side) * cell, cell, cell);
    });
  }

  /* A side x side drawing pad for digits (ink 0-1): drawn with a pointer, mouse, pen or finger
   * (a stroke inks, or clears where it starts on ink, or with shift or the right button), or
   * from the keyboard (arrows move, space or enter flips a pixel). onChange() runs after
   * every change. The canvas takes touch itself (touch-action: none), so a finger drags a
   * stroke instead of scrolling the page; and a stroke inks every cell on the straight line
   * between two pointer samples, so a fast stroke leaves no gaps. */
  function DrawingPad(side, cell, onChange) {
    var self = this;
    this.side = side;
    this.cell = cell;
    this.pixels = [];
    for (var i = 0; i < side * side; i++) this.pixels.push(0);
    this.cursor = 0;
    this.canvas = el("canvas", {width: String(side * cell), height: String(side * cell), class: "ld-pad", tabindex: "0",
                                role: "application", "aria-label": "Drawing pad, " + side + " by " + side + " pixels: draw " +
                                "with the mouse or a finger; or move with the arrow keys and press space to ink or clear a pixel"});
    var pad = this.canvas, drawing = null, last = null;
    pad.style.touchAction = "none";  // here, not only in a page's CSS: every pad takes touch
    function cellAt(event) {  // [column, row], possibly outside the pad
      var box = pad.getBoundingClientRect();
      return [Math.floor((event.clientX - box.left) / box.width * side), Math.floor((event.clientY - box.top) / box.height * side)];
    }
    function inside(c) { return c[0] >= 0 && c[0] < side && c[1] >= 0 && c[1] < side; }
    function set(c) {
      if (!inside(c)) return false;
      var index = c[1] * side + c[0];
      if (self.pixels[index] === drawing) return false;
      self.pixels[index] = drawing;
      return true;
    }
    function stroke(from, to) {  // every cell on the line from one sample's cell to the next (Bresenham)
      var x = from[0], y = from[1], dx = Math.abs(to[0] - x), dy = -Math.abs(to[1] - y);
      var sx = x < to[0] ? 1 : -1, sy = y < to[1] ? 1 : -1, error = dx + dy, changed = false;
      for (;;) {
        changed = set([x, y]) || changed;
        if (x === to[0] && y === to[1]) return changed;
        var twice = 2 * error;
        if (twice >= dy) { error += dy; x += sx; }
        if (twice <= dx) { error += dx; y += sy; }
      }
    }
    pad.addEventListener("pointerdown", function (event) {
      var c = cellAt(event);
      if (!inside(c)) return;
      event.preventDefault();
      drawing = event.button === 2 || event.shiftKey || self.pixels[c[1] * side + c[0]] >= 0.5 ? 0 : 1;
      if (pad.setPointerCapture) pad.setPointerCapture(event.pointerId);
      last = c;
      if (set(c)) onChange();
    });
    pad.addEventListener("pointermove", function (event) {
      if (drawing === null) return;
      var c = cellAt(event), events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
      var changed = false;
      (events.length ? events : [event]).forEach(function (sample) {
        var here = cellAt(sample);
        changed = stroke(last, here) || changed;
        last = here;
      });
      last = c;
      if (changed) onChange();
    });
    function end() { drawing = null; last = null; }
    pad.addEventListener("pointerup", end);
    pad.addEventListener("pointercancel", end);
    pad.addEventListener("contextmenu", function (event) { event.preventDefault(); });
    pad.addEventListener("keydown", function (event) {
      var moves = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -side, ArrowDown: side};
      if (moves[event.key] !== undefined) {
        var next = self.cursor + moves[event.key];
        var sameRow = Math.floor(next / side) === Math.floor(self.cursor / side);
        if (next >= 0 && next < side * side && (Math.abs(moves[event.key]) !== 1 || sameRow)) self.cursor = next;
      } else if (event.key === " " || event.key === "Enter") {
        self.pixels[self.cursor] = self.pixels[self.cursor] >= 0.5 ? 0 : 1;
      } else return;
      event.preventDefault();
      onChange();
    });
  }

  /* True while no pixel holds ink: the demos then ask for a digit instead of reading one. */
  DrawingPad.prototype.blank = function () { return this.pixels.every(function (v) { return v === 0; }); };

  DrawingPad.prototype.clear = function () { this.pixels = this.pixels.map(function () { return 0; }); };

  /* Paints the pixels, and the keyboard cursor while the pad has the focus. */
  DrawingPad.prototype.draw = function () {
    var cell = this.cell, side = this.side, context = this.canvas.getContext("2d");
    paintGrid(this.canvas, this.pixels, side, cell, ink);
    if (document.activeElement !== this.canvas) return;
    context.strokeStyle = "#d62728";
    context.lineWidth = 2;
    context.strokeRect((this.cursor % side) * cell + 1, Math.floor(this.cursor / side) * cell + 1, cell - 2, cell - 2);
  };

  /* The "load" menu: the reader's drawing, or one of `examples` ({example, pixels}) put on the pad. */
  function exampleMenu(examples, pad, onChange) {
    var menu = select(["your drawing"].concat(examples.map(function (e) { return "a " + e.example + " from the test set"; })),
                      "your drawing");
    menu.addEventListener("change", function () {
      if (menu.selectedIndex > 0) pad.pixels = examples[menu.selectedIndex - 1].pixels.slice();
      menu.selectedIndex = 0;
      onChange();
    });
    return menu;
  }

  /* Fetches the JSON at node.dataset.model (a live demo's shipped network), then start(node, model). */
  function withModel(start) {
    return function (node) {
      node.classList.add("lc-mounted");
      fetch(new URL(node.dataset.model, location.href).href).then(function (response) {
        if (!response.ok) throw new Error("cannot load the network's weights: " + response.status);
        return response.json();
      }).then(function (model) { start(node, model); }).catch(function (error) {
        node.textContent = "The live network could not start: " + error.message;
        console.error(error);
      });
    };
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
                 fromLog: fromLog, Player: Player, lossChart: lossChart, setText: setText, setAttribute: setAttribute, ink: ink, paintGrid: paintGrid,
                 DrawingPad: DrawingPad, exampleMenu: exampleMenu, withModel: withModel};
})(window);
