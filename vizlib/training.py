"""Train a model and keep a record of everything a view might replay.

The record holds the loss and accuracy at every recorded step, on training and
held-out data, and snapshots (weights, their gradients, and the hidden activations for
chosen probe inputs) at chosen steps. Views replay it in the browser: a slider over
steps is a slider over this record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from vizlib.datasets import Dataset
from vizlib.models import hidden_activations


@dataclass(frozen=True)
class Recipe:
    steps: int  # optimizer updates to run
    learning_rate: float  # step size of the optimizer
    optimizer: str = "adam"  # "adam" or "sgd"
    batch_size: int | None = None  # examples per update; None trains on the whole set each step
    seed: int = 0  # seeds the initial weights and the order of the batches
    record_every: int = 1  # loss and accuracy are measured every this many steps
    snapshot_at: tuple[int, ...] = ()  # steps after which weights, gradients and activations are kept


@dataclass
class Snapshot:
    step: int  # updates done when this was taken (0: the initial weights)
    weights: dict[str, np.ndarray]  # parameter name -> value, as in model.named_parameters()
    gradients: dict[str, np.ndarray]  # gradient of the whole training loss at these weights
    activations: list[np.ndarray]  # hidden-layer outputs for the probe inputs, first layer first


@dataclass
class TrainingRecord:
    steps: list[int] = field(default_factory=list)  # the steps at which the metrics below were measured
    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)  # empty when the dataset has no held-out part
    val_accuracy: list[float] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    model: nn.Sequential | None = None  # the trained model, for computing more after training


def _loss_and_accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, float]:
    """Mean cross-entropy (binary when the model has one output) and the share classified right."""
    logits = model(x)
    if logits.shape[1] == 1:
        loss = F.binary_cross_entropy_with_logits(logits[:, 0], y.float())
        predicted = (logits[:, 0] > 0).long()
    else:
        loss = F.cross_entropy(logits, y)
        predicted = logits.argmax(dim=1)
    return loss, (predicted == y).float().mean().item()


def _snapshot(model: nn.Sequential, step: int, x: torch.Tensor, y: torch.Tensor, probe: np.ndarray | None) -> Snapshot:
    model.zero_grad()
    loss, _ = _loss_and_accuracy(model, x, y)
    loss.backward()
    weights = {name: p.detach().numpy().copy() for name, p in model.named_parameters()}
    # every parameter has its gradient after backward(): each takes part in the loss
    gradients = {name: p.grad.numpy().copy() for name, p in model.named_parameters() if p.grad is not None}
    model.zero_grad()
    activations = hidden_activations(model, probe) if probe is not None else []
    return Snapshot(step=step, weights=weights, gradients=gradients, activations=activations)


def train(
    make_model: Callable[[], nn.Sequential],
    data: Dataset,
    recipe: Recipe,
    probe: np.ndarray | None = None,
) -> TrainingRecord:
    """Build a model with `make_model` under the recipe's seed, train it, and record it.

    `probe` are inputs whose hidden activations every snapshot keeps.
    """
    torch.manual_seed(recipe.seed)
    model = make_model()
    x_train, y_train = torch.as_tensor(data.x_train), torch.as_tensor(data.y_train)
    x_val, y_val = torch.as_tensor(data.x_val), torch.as_tensor(data.y_val)
    optimizers = {"adam": torch.optim.Adam, "sgd": torch.optim.SGD}
    optimizer = optimizers[recipe.optimizer](model.parameters(), lr=recipe.learning_rate)
    batch_order = torch.Generator().manual_seed(recipe.seed)
    batch_size = recipe.batch_size or len(x_train)
    batches: list[torch.Tensor] = []
    record = TrainingRecord(model=model)

    for step in range(recipe.steps + 1):
        if step % recipe.record_every == 0 or step == recipe.steps:
            with torch.no_grad():
                loss, accuracy = _loss_and_accuracy(model, x_train, y_train)
                record.steps.append(step)
                record.train_loss.append(loss.item())
                record.train_accuracy.append(accuracy)
                if len(x_val):
                    loss, accuracy = _loss_and_accuracy(model, x_val, y_val)
                    record.val_loss.append(loss.item())
                    record.val_accuracy.append(accuracy)
        if step in recipe.snapshot_at:
            record.snapshots.append(_snapshot(model, step, x_train, y_train, probe))
        if step == recipe.steps:
            break
        if not batches:  # a new epoch: reshuffle
            batches = list(torch.randperm(len(x_train), generator=batch_order).split(batch_size))
        batch = batches.pop(0)
        optimizer.zero_grad()
        loss, _ = _loss_and_accuracy(model, x_train[batch], y_train[batch])
        loss.backward()
        optimizer.step()
    return record


def evenly_spaced(steps: int, count: int) -> tuple[int, ...]:
    """`count` snapshot steps from 0 to `steps`, both included, as evenly spaced as integers allow."""
    return tuple(sorted({round(i * steps / (count - 1)) for i in range(count)}))


# The digit classifier that both attribution and feature visualization explain: one network,
# so the two demos of the Attribution & Feature Visualization article show the same model.
DIGIT_CLASSIFIER_SIZES = (64, 64, 10)
DIGIT_CLASSIFIER_SPLIT = (1200, 400)  # training and held-out digits
DIGIT_CLASSIFIER_RECIPE = Recipe(steps=600, learning_rate=0.003, batch_size=50, record_every=100)


def digit_classifier() -> tuple[Dataset, nn.Sequential]:
    """The digits and the 64-64-10 relu classifier trained on them (seeded, deterministic)."""
    from vizlib import datasets, models

    data = datasets.digits(*DIGIT_CLASSIFIER_SPLIT)
    model = train(lambda: models.mlp(list(DIGIT_CLASSIFIER_SIZES)), data, DIGIT_CLASSIFIER_RECIPE).model
    assert model is not None  # train() records the model it trained
    return data, model
