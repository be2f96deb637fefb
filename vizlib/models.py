"""The small torch networks the demos train.

One builder covers them all: a stack of fully connected layers with one activation
function between them. A single neuron is the stack with no hidden layer.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import torch
from torch import nn

ACTIVATIONS: dict[str, type[nn.Module]] = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid}


def mlp(sizes: Sequence[int], activation: str = "relu") -> nn.Sequential:
    """Linear layers of the given widths, `activation` after each but the last.

    sizes = [inputs, hidden..., outputs]; one output means a binary classifier whose
    output is the logit of class 1.
    """
    layers: list[nn.Module] = []
    for index, (width_in, width_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(width_in, width_out))
        if index < len(sizes) - 2:
            layers.append(ACTIVATIONS[activation]())
    return nn.Sequential(*layers)


def hidden_activations(model: nn.Sequential, x: np.ndarray) -> list[np.ndarray]:
    """The output of every activation layer of `model` for inputs `x`, first layer first."""
    outputs = []
    with torch.no_grad():
        h = torch.as_tensor(x)
        for layer in model:
            h = layer(h)
            if not isinstance(layer, nn.Linear):
                outputs.append(h.numpy().copy())
    return outputs


def predict_proba(model: nn.Module, x: np.ndarray) -> np.ndarray:
    """Class probabilities, one row per input (two columns for a binary model)."""
    with torch.no_grad():
        logits = model(torch.as_tensor(x))
    if logits.shape[1] == 1:
        p = torch.sigmoid(logits)
        return torch.cat([1 - p, p], dim=1).numpy()
    return torch.softmax(logits, dim=1).numpy()


def linear_weights(model: nn.Sequential) -> list[dict]:
    """The weights of every linear layer, one {"w": out x in, "b": out} per layer, first
    first: what a live demo ships so the reader's browser runs the same network."""
    return [
        {"w": layer.weight.detach().numpy(), "b": layer.bias.detach().numpy()}
        for layer in model
        if isinstance(layer, nn.Linear)
    ]
