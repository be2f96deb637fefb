// The MLP engine of the live explorables (site_src/docs/assets/js/explorables/mlp-engine.js)
// against torch in float64: tests/mlp_vectors.json, written by tests/js/vectors.py. Each
// case checks the forward pass (every layer's outputs), the backward pass (the weight
// gradients of the mean cross-entropy and d(sum of logits)/d(inputs)) and training steps
// (the loss before each and the weights after), to 1e-12. Run: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const ENGINE = path.join(ROOT, "site_src", "docs", "assets", "js", "explorables", "mlp-engine.js");
const VECTORS = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "mlp_vectors.json"), "utf8"));
const TOLERANCE = 1e-12;

// The engine is a browser script that sets window.LiveMLP: it runs here with a window of its own.
function loadEngine() {
  const window = {};
  new Function("window", fs.readFileSync(ENGINE, "utf8"))(window);
  return window.LiveMLP;
}
const LiveMLP = loadEngine();

// How a step of each optimizer in the vectors' `optimizer` column is taken with the engine;
// a case with another optimizer fails until one is added here.
// sgd without momentum is the engine's plain step (a learning rate); with momentum, and adam,
// keep state between steps: one Optimizer per network, as the page's Trainer holds one.
const optimizers = new WeakMap();
function withOptimizer(net, c) {
  if (!optimizers.has(net)) {
    optimizers.set(net, new LiveMLP.Optimizer({ optimizer: c.optimizer, learning_rate: c.learning_rate, momentum: c.momentum || 0 }));
  }
  return optimizers.get(net);
}
const STEPS = {
  sgd: (net, data, c) => net.step(data, c.momentum ? withOptimizer(net, c) : c.learning_rate, c.l2, c.l1),
  adam: (net, data, c) => net.step(data, withOptimizer(net, c), c.l2, c.l1),
};

function close(actual, expected, where) {
  const a = Array.from(actual), e = expected.flat(Infinity);
  assert.equal(a.length, e.length, `${where}: ${a.length} values, expected ${e.length}`);
  e.forEach((value, i) => {
    const off = Math.abs(a[i] - value);
    if (!(off <= TOLERANCE * Math.max(1, Math.abs(value)))) {
      assert.fail(`${where}[${i}]: ${a[i]} instead of ${value} (off by ${off})`);
    }
  });
}

// The case's rows as the engine's input table: features computed by the engine from (x1, x2),
// or the raw columns.
function inputs(c) {
  return c.features.length ? LiveMLP.featureTable(c.data, c.features) : LiveMLP.table(c.data, c.inputs);
}

function network(c) {
  const net = new LiveMLP.Network(c.sizes, c.activation, c.weights);
  assert.deepEqual(net.sizes, LiveMLP.sizes({ features: c.features, inputs: c.inputs, hidden: c.hidden }));
  return net;
}

for (const c of VECTORS.cases) {
  test.describe(`${c.name} (sizes ${c.sizes.join("-")}, ${c.activation}, ${c.rows} rows)`, () => {
    test.it("forward: every layer's outputs, and the loss", () => {
      const net = network(c), data = inputs(c);
      const buf = net.forward(data.x, data.n);
      c.outputs.forEach((layer, l) => close(buf.a[l], layer, `layer ${l}`));
      close([net.loss(data)], [c.loss], "loss");
    });

    test.it("backward: the gradients of the loss, and of the logits by the inputs", () => {
      const net = network(c), data = inputs(c);
      net.step(data, 0, 0, 0);  // a step of size 0 leaves the weights and fills gW, gb
      c.gradients.forEach((g, l) => {
        close(net.gW[l], g.w, `gradient of layer ${l}'s weights`);
        close(net.gb[l], g.b, `gradient of layer ${l}'s biases`);
      });
      close(net.W.flatMap((w) => Array.from(w)), c.weights.map((l) => l.w), "weights after a step of 0");
      net.forward(data.x, data.n);
      const dInput = net.backward(data.x, data.n, new Float64Array(data.n).fill(1), true);
      close(dInput, c.input_gradient, "d(sum of logits)/d(inputs)");
    });

    test.it(`${c.steps} training step(s) with ${c.optimizer}, L2 ${c.l2}, L1 ${c.l1}`, () => {
      const step = STEPS[c.optimizer];
      assert.ok(step, `no step for optimizer ${c.optimizer}: add one to STEPS in tests/js/mlp.test.js`);
      const net = network(c), data = inputs(c);
      c.steps_after.forEach((expected, s) => {
        close([step(net, data, c)], [expected.loss], `loss before step ${s + 1}`);
        net.weights().forEach((layer, l) => {
          close(layer.w.flat(), expected.weights[l].w, `step ${s + 1}, layer ${l}'s weights`);
          close(layer.b, expected.weights[l].b, `step ${s + 1}, layer ${l}'s biases`);
        });
      });
    });
  });
}

test.it("the vectors cover every activation the engine has, and each case names its optimizer", () => {
  const used = new Set(VECTORS.cases.map((c) => c.activation));
  for (const name of ["tanh", "relu", "sigmoid"]) assert.ok(used.has(name), `no case uses ${name}`);
  for (const c of VECTORS.cases) assert.equal(typeof c.optimizer, "string");
});
