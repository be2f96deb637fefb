/* A small recurrent-network engine for "Reading a recurrent network's memory": one LSTM
 * layer reading note tokens, a linear read-out and a softmax, in float64. A token switches
 * on a few input units (a note: its pitch's and its length's), so its input is a sum of
 * columns of the input weights.
 *
 * It is the browser twin of torch's nn.LSTM + nn.Linear as the demo
 * (vizlib/demos/reading_a_recurrent_networks_memory.py) trains and exports them: the same
 * gate order (input, forget, cell, output), the same equations, the same weights, so the
 * hidden states and next-note probabilities agree with torch in float64 to 1e-12
 * (tests/vizlib/test_rnn_memory.py runs this file under Node and checks it). No dependency,
 * no DOM: it runs in a page (window.LiveRNN) and under Node (module.exports).
 */
(function (root) {
  "use strict";

  function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }

  function flat(rows) {  // [[...]...] (row-major) -> Float64Array
    var columns = rows[0].length, out = new Float64Array(rows.length * columns);
    for (var r = 0; r < rows.length; r++) for (var c = 0; c < columns; c++) out[r * columns + c] = rows[r][c];
    return out;
  }

  /* weights: {w_ih: 4H x I, w_hh: 4H x H, b_ih: 4H, b_hh: 4H, w_out: V x H, b_out: V}, as
   * torch names them (weight_ih_l0, ...): rows in the gate order i, f, g, o. tokenInputs:
   * per token (0..V-1), the input units (0..I-1) it switches on, in increasing order. */
  function LSTM(weights, tokenInputs) {
    this.hidden = weights.w_hh[0].length;
    this.inputs = weights.w_ih[0].length;
    this.vocabulary = weights.w_out.length;
    this.tokenInputs = tokenInputs;
    this.w_ih = flat(weights.w_ih);
    this.w_hh = flat(weights.w_hh);
    this.b_ih = Float64Array.from(weights.b_ih);
    this.b_hh = Float64Array.from(weights.b_hh);
    this.w_out = flat(weights.w_out);
    this.b_out = Float64Array.from(weights.b_out);
    this.gates = new Float64Array(4 * this.hidden);
  }

  /* The state before the first token: every hidden and cell value 0 (as torch's default). */
  LSTM.prototype.initial = function () {
    return {h: new Float64Array(this.hidden), c: new Float64Array(this.hidden)};
  };

  /* The state after reading `token` (an index into the vocabulary) in `state`. */
  LSTM.prototype.step = function (state, token) {
    var H = this.hidden, I = this.inputs, gates = this.gates, g, k, sum;
    if (!(token >= 0 && token < this.vocabulary)) throw new Error("token " + token + " is not in the vocabulary");
    var on = this.tokenInputs[token];
    for (g = 0; g < 4 * H; g++) {
      // torch adds the input's linear map (bias b_ih) to the hidden state's (bias b_hh); the
      // input's is a sum of the switched-on columns (the zeros add nothing, exactly)
      var fromInput = 0;
      for (k = 0; k < on.length; k++) fromInput += this.w_ih[g * I + on[k]];
      fromInput += this.b_ih[g];
      sum = 0;
      for (k = 0; k < H; k++) sum += this.w_hh[g * H + k] * state.h[k];
      gates[g] = fromInput + (sum + this.b_hh[g]);
    }
    var h = new Float64Array(H), c = new Float64Array(H);
    for (k = 0; k < H; k++) {
      var input = sigmoid(gates[k]), forget = sigmoid(gates[H + k]);
      var cell = Math.tanh(gates[2 * H + k]), output = sigmoid(gates[3 * H + k]);
      c[k] = forget * state.c[k] + input * cell;
      h[k] = output * Math.tanh(c[k]);
    }
    return {h: h, c: c};
  };

  /* The read-out's logits for the next token, from a hidden state. */
  LSTM.prototype.logits = function (h) {
    var H = this.hidden, V = this.vocabulary, out = new Float64Array(V);
    for (var v = 0; v < V; v++) {
      var sum = 0;
      for (var k = 0; k < H; k++) sum += this.w_out[v * H + k] * h[k];
      out[v] = sum + this.b_out[v];
    }
    return out;
  };

  /* softmax(logits / temperature); temperature 1 unless given (0 is handled by choose). */
  function softmax(logits, temperature) {
    var t = temperature || 1, top = -Infinity, total = 0, v, out = new Float64Array(logits.length);
    for (v = 0; v < logits.length; v++) top = Math.max(top, logits[v] / t);
    for (v = 0; v < logits.length; v++) { out[v] = Math.exp(logits[v] / t - top); total += out[v]; }
    for (v = 0; v < logits.length; v++) out[v] /= total;
    return out;
  }

  LSTM.prototype.probabilities = function (h, temperature) { return softmax(this.logits(h), temperature); };

  /* Every state and next-token distribution along `tokens`, from the initial state:
   * {h: [H values] per token, c: [...], p: [V probabilities] per token}. */
  LSTM.prototype.run = function (tokens) {
    var state = this.initial(), out = {h: [], c: [], p: []};
    for (var t = 0; t < tokens.length; t++) {
      state = this.step(state, tokens[t]);
      out.h.push(Array.from(state.h));
      out.c.push(Array.from(state.c));
      out.p.push(Array.from(this.probabilities(state.h)));
    }
    out.state = state;
    return out;
  };

  /* The index of the largest value (the first, on a tie: as torch.argmax), skipping `skip`. */
  function argmax(values, skip) {
    var best = -1;
    for (var v = 0; v < values.length; v++) if (v !== skip && (best < 0 || values[v] > values[best])) best = v;
    return best;
  }

  /* The next token from hidden state h, never `skip`: the most likely at temperature 0,
   * else a draw from softmax(logits / temperature) over the others, with uniform() in [0, 1). */
  LSTM.prototype.choose = function (h, temperature, uniform, skip) {
    var logits = this.logits(h);
    if (skip !== undefined) logits[skip] = -Infinity;
    if (!(temperature > 0)) return argmax(logits, skip);
    var p = softmax(logits, temperature), u = uniform(), total = 0, last = 0;
    for (var v = 0; v < p.length; v++) {
      if (v === skip) continue;
      total += p[v];
      last = v;
      if (u < total) return v;
    }
    return last;
  };

  /* `count` tokens continuing from `state` (after the last token read), each fed back in;
   * never `skip` (the page skips the end-of-melody token, so a continuation always has
   * `count` notes). */
  LSTM.prototype.generate = function (state, count, temperature, uniform, skip) {
    var tokens = [];
    for (var n = 0; n < count; n++) {
      var next = this.choose(state.h, temperature, uniform, skip);
      tokens.push(next);
      state = this.step(state, next);
    }
    return {tokens: tokens, state: state};
  };

  var api = {LSTM: LSTM, softmax: softmax, argmax: argmax, sigmoid: sigmoid};
  root.LiveRNN = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
