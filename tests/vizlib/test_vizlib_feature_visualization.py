"""Activation maximization: each image excites its own unit or class, is regularized and
reproducible, and the grid has a text alternative on the page."""

from __future__ import annotations

import numpy as np
import torch

from site_src.pages.explorables import _demo
from vizlib import training
from vizlib.demos import feature_visualization


def test_each_class_image_is_read_as_its_class(build):
    rows = build("feature-visualization")["datasets"]["images"]
    _, model = training.digit_classifier()
    classes = [row for row in rows if row["kind"] == "class"]
    with torch.no_grad():
        answers = model(torch.tensor([row["pixels"] for row in classes], dtype=torch.float32)).argmax(dim=1)
    assert answers.tolist() == list(range(10))


def test_optimizing_excites_more_than_the_grey_start_and_keeps_pixels_in_range(build):
    rows = build("feature-visualization")["datasets"]["images"]
    _, model = training.digit_classifier()
    grey = torch.full((1, 64), 0.5)
    with torch.no_grad():
        start = torch.cat([model[0](grey)[0], model(grey)[0]]).numpy()
    reached = np.array([row["reached"] for row in rows])
    assert (reached > start).all()
    pixels = np.array([row["pixels"] for row in rows])
    assert pixels.shape == (74, 64) and pixels.min() >= 0 and pixels.max() <= 1


def test_the_optimization_is_deterministic():
    _, model = training.digit_classifier()
    first, _ = feature_visualization.maximize(model)
    second, _ = feature_visualization.maximize(model)
    np.testing.assert_array_equal(first, second)


def test_the_grid_has_a_text_alternative(tmp_path, build, cache_dir):
    out: dict = {}
    markup = _demo("explorables/attribution.md", ("feature-visualization",), {}, cache_dir, out)
    description = build("feature-visualization")["description"]
    assert "a grid of 64 images, one per hidden unit, and a row of 10, one per class" in description
    assert f'aria-label="{description}"' in markup
