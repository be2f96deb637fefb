"""Vega expressions that compute a small network's output in the browser.

Weights travel as data (one array per training snapshot); these functions write the
arithmetic that turns inputs and those weights into an activation or a probability,
so moving an input or a slider changes the prediction with no precomputed answer.
Vega's expression language has exp and max but no tanh, hence the identity below.
"""

from __future__ import annotations

from typing import Sequence

_ACTIVATIONS = {
    "tanh": "(2 / (1 + exp(-2 * ({z}))) - 1)",  # tanh(z) = 2 sigmoid(2z) - 1
    "relu": "max(0, {z})",
    "sigmoid": "(1 / (1 + exp(-({z}))))",
}


def activation(name: str, z: str) -> str:
    """The expression applying activation function `name` to expression `z`."""
    return _ACTIVATIONS[name].format(z=z)


def sigmoid(z: str) -> str:
    """The logistic function of expression `z`: a logit turned into a probability."""
    return activation("sigmoid", z)


def weighted_sum(inputs: Sequence[str], weights: Sequence[str], bias: str) -> str:
    """bias + sum of weight * input, all given as expressions."""
    terms = [f"{weight} * {value}" for weight, value in zip(weights, inputs)]
    return " + ".join([bias, *terms])


def one_hidden_layer(inputs: Sequence[str], weights: str, units: str, max_units: int, activation_expr: str) -> str:
    """The logit of a network with one hidden layer, whose weights are one flat array.

    Array layout (see `flatten_one_hidden_layer`): [output bias, then for each hidden
    unit: one weight per input, its bias, its outgoing weight]. `units` is the expression
    giving how many hidden units the array holds; terms beyond it count zero, so one
    expression serves networks of every width up to `max_units`. `activation_expr` is the
    expression naming the activation ('tanh' or 'relu'), chosen live.
    """
    stride = len(inputs) + 2
    terms = []
    for unit in range(max_units):
        base = 1 + unit * stride
        z = weighted_sum(
            inputs, [f"{weights}[{base + i}]" for i in range(len(inputs))], f"{weights}[{base + len(inputs)}]"
        )
        hidden = f"({activation_expr} == 'relu' ? {activation('relu', z)} : {activation('tanh', z)})"
        terms.append(f"({units} > {unit} ? {weights}[{base + len(inputs) + 1}] * {hidden} : 0)")
    return " + ".join([f"{weights}[0]", *terms])


def flatten_one_hidden_layer(weights: dict) -> list[float]:
    """The flat array `one_hidden_layer` reads, from an nn.Sequential(Linear, act, Linear) state.

    `weights` maps parameter names ("0.weight", "0.bias", "2.weight", "2.bias") to arrays.
    """
    hidden_weight, hidden_bias = weights["0.weight"], weights["0.bias"]
    output_weight, output_bias = weights["2.weight"][0], weights["2.bias"][0]
    flat = [float(output_bias)]
    for unit in range(len(hidden_bias)):
        flat += [*map(float, hidden_weight[unit]), float(hidden_bias[unit]), float(output_weight[unit])]
    return flat
