"""The data the demos learn from: small, generated or shipped offline, always seeded.

Every function returns a `Dataset` whose arrays are NumPy (torch is imported only by the
code that trains). Nothing is downloaded: the 2-D sets are generated here, the songs are
written out below, and the digits ship inside scikit-learn.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Dataset:
    name: str  # short id shown to readers, e.g. "xor"
    x_train: np.ndarray  # float32 inputs the model trains on, one row per example
    y_train: np.ndarray  # int64 class index of each training example
    x_val: np.ndarray  # float32 held-out inputs, never trained on (may have zero rows)
    y_val: np.ndarray  # int64 class index of each held-out example
    feature_names: tuple[str, ...]  # one name per input column
    class_names: tuple[str, ...]  # one name per class index


# --- 2-D point clouds, after TensorFlow Playground's dataset.ts --------------------------

TWO_D_NAMES = ("circles", "xor", "spiral", "gaussians")
TWO_D_EXTENT = 6.0  # points lie in [-6, 6] x [-6, 6], the square the boundary is drawn on


def _circles(rng: np.random.RandomState, n: int) -> tuple[np.ndarray, np.ndarray]:
    """An inner disc (class 1) inside a ring (class 0)."""
    label = np.arange(n) % 2
    radius = np.where(label == 1, rng.uniform(0, 2.5, n), rng.uniform(3.5, 5.0, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1), label


def _xor(rng: np.random.RandomState, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Four quadrants: class 1 where x and y have the same sign."""
    points = rng.uniform(-5, 5, (n, 2))
    points += np.sign(points) * 0.3  # a small gap along the axes, as in the Playground
    return points, (points[:, 0] * points[:, 1] > 0).astype(int)


def _spiral(rng: np.random.RandomState, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms, one per class."""
    label = np.arange(n) % 2
    t = rng.uniform(0, 1, n)
    radius = 5 * t
    angle = 1.75 * t * 2 * np.pi + np.pi * label
    return np.stack([radius * np.sin(angle), radius * np.cos(angle)], axis=1), label


def _gaussians(rng: np.random.RandomState, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two round blobs, centred at (2, 2) (class 1) and (-2, -2) (class 0)."""
    label = np.arange(n) % 2
    centre = np.where(label[:, None] == 1, 2.0, -2.0)
    return centre + rng.normal(0, 1.0, (n, 2)), label


_TWO_D_GENERATORS = {"circles": _circles, "xor": _xor, "spiral": _spiral, "gaussians": _gaussians}


def two_d(name: str, n_train: int = 200, n_val: int = 200, noise: float = 0.25, seed: int = 0) -> Dataset:
    """A 2-D binary classification set: `name` is one of TWO_D_NAMES."""
    rng = np.random.RandomState(seed)
    points, label = _TWO_D_GENERATORS[name](rng, n_train + n_val)
    points = points + rng.normal(0, noise, points.shape)
    points = np.clip(points, -TWO_D_EXTENT, TWO_D_EXTENT).astype(np.float32)
    order = rng.permutation(len(points))  # so train and val both hold both classes
    points, label = points[order], label[order].astype(np.int64)
    return Dataset(
        name=name,
        x_train=points[:n_train],
        y_train=label[:n_train],
        x_val=points[n_train:],
        y_val=label[n_train:],
        feature_names=("x1", "x2"),
        class_names=("orange", "blue"),
    )


# --- The song example of "Visualizing neural networks" (seed 003) -----------------------

SONG_FEATURES = ("modern", "sad", "piano")
SONG_SETS = ("four-songs", "eight-songs")


def songs(which: str) -> Dataset:
    """Songs a listener likes (1) or not (0), from three yes/no features.

    "four-songs": the post's first training set, 2 liked and 2 disliked, from which no
    rule can be learned. The post shows it only as a sketch, so these four are our
    reconstruction with that property: every song has piano, and the listener likes a
    song exactly when it is both modern and sad or neither, which no single weighted
    sum of the features can express.

    "eight-songs": the post's "better training data": all eight combinations, liked when
    sad + piano - modern >= 1 (sad songs and piano songs, but modern counts against a
    song), a rule one neuron can learn.
    """
    if which == "four-songs":
        x = np.array([[1, 1, 1], [0, 0, 1], [1, 0, 1], [0, 1, 1]], dtype=np.float32)
        y = np.array([1, 1, 0, 0], dtype=np.int64)
    elif which == "eight-songs":
        x = np.array(list(itertools.product([0, 1], repeat=3)), dtype=np.float32)
        modern, sad, piano = x.T
        y = (sad + piano - modern >= 1).astype(np.int64)
    else:
        raise ValueError(f"unknown song set {which!r}; choose from {SONG_SETS}")
    return Dataset(
        name=which,
        x_train=x,
        y_train=y,
        x_val=np.zeros((0, 3), np.float32),
        y_val=np.zeros(0, np.int64),
        feature_names=SONG_FEATURES,
        class_names=("dislikes", "likes"),
    )


def song_title(features: np.ndarray) -> str:
    """A readable name for a song from its features, e.g. "modern, sad" or "plain"."""
    present = [name for name, value in zip(SONG_FEATURES, features) if value]
    return ", ".join(present) if present else "none of them"


# --- Handwritten digits: scikit-learn's bundled 8x8 images (1797 of them) ----------------

DIGIT_SIDE = 8  # images are 8 x 8 pixels
DIGIT_MAX = 16.0  # pixel values are ink counts from 0 to 16


def digits(n_train: int, n_val: int, seed: int = 0) -> Dataset:
    """A shuffled split of the 8x8 digits, pixels scaled to [0, 1]."""
    from sklearn.datasets import load_digits  # ships with scikit-learn: no download

    bunch = load_digits()
    order = np.random.RandomState(seed).permutation(len(bunch.target))
    if n_train + n_val > len(order):
        raise ValueError(f"only {len(order)} digits exist; asked for {n_train} + {n_val}")
    x = (bunch.data[order] / DIGIT_MAX).astype(np.float32)
    y = bunch.target[order].astype(np.int64)
    return Dataset(
        name="digits",
        x_train=x[:n_train],
        y_train=y[:n_train],
        x_val=x[n_train : n_train + n_val],
        y_val=y[n_train : n_train + n_val],
        feature_names=tuple(f"pixel {i}" for i in range(DIGIT_SIDE * DIGIT_SIDE)),
        class_names=tuple(str(digit) for digit in range(10)),
    )
