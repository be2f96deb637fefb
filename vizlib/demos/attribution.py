"""Attribution and adversarial examples on a small digit classifier.

For one correctly classified held-out digit of each class, two attribution maps say
which pixels the classifier's score for the true class depends on: saliency (the size
of the gradient) and gradient x input. Then the fast gradient sign method (FGSM)
nudges every pixel by epsilon in the direction that most increases the loss; the
slider shows the attacked image and the classifier's answer for each epsilon, all
computed at build time.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import torch
from torch.nn import functional as F

from vizlib import datasets, models, training
from vizlib.registry import DemoInfo, Progress
from vizlib.views import arrays, controls, pixels
from vizlib.views.data import named

INFO = DemoInfo(
    name="attribution",
    title="Attribution and adversarial examples",
    description="See which pixels a digit classifier looks at, then change them imperceptibly until it answers wrong.",
    options={},
)

EPSILONS = tuple(round(0.025 * i, 3) for i in range(13))  # FGSM step sizes, in units of full ink (0 to 0.3)
EXPLANATIONS = {
    "saliency": "saliency |gradient|",
    "gradient_x_input": "gradient × input",
    "integrated_gradients": "integrated gradients",
    "smoothgrad": "SmoothGrad",
}
INTEGRATED_GRADIENT_STEPS = 32  # midpoint steps from a blank image, as the live pad takes
SMOOTHGRAD_SAMPLES, SMOOTHGRAD_NOISE = 25, 0.15  # noisy copies averaged, and their noise (in units of full ink)


def _examples(data: datasets.Dataset, model: torch.nn.Module) -> list[int]:
    """Index of the first correctly classified held-out digit of each class."""
    predicted = models.predict_proba(model, data.x_val).argmax(axis=1)
    return [int(np.flatnonzero((data.y_val == digit) & (predicted == digit))[0]) for digit in range(10)]


def _score_gradient(model: torch.nn.Module, x: torch.Tensor, label: int) -> torch.Tensor:
    x = x.clone().requires_grad_(True)
    (gradient,) = torch.autograd.grad(model(x[None])[0, label], x)
    return gradient


def _attributions(model: torch.nn.Module, x: torch.Tensor, label: int) -> dict[str, np.ndarray]:
    """Four maps of the true class's score, each scaled to a peak of 1: saliency, gradient x
    input, integrated gradients (the gradient averaged from a blank image to x, times x) and
    SmoothGrad (saliency averaged over noisy copies of x, seeded)."""
    gradient = _score_gradient(model, x, label)
    steps = INTEGRATED_GRADIENT_STEPS
    # sums start from a 0-d zero tensor rather than 0: the same numbers, typed as tensors
    along = sum((_score_gradient(model, x * (k + 0.5) / steps, label) for k in range(steps)), torch.zeros(())) / steps
    noise = torch.Generator().manual_seed(label)
    smooth = (
        sum(
            (
                _score_gradient(model, x + SMOOTHGRAD_NOISE * torch.randn(x.shape, generator=noise), label).abs()
                for _ in range(SMOOTHGRAD_SAMPLES)
            ),
            torch.zeros(()),
        )
        / SMOOTHGRAD_SAMPLES
    )
    maps = {
        "saliency": gradient.abs(),
        "gradient_x_input": gradient * x,
        "integrated_gradients": along * x,
        "smoothgrad": smooth,
    }
    return {name: (value / value.abs().max().clamp_min(1e-12)).numpy() for name, value in maps.items()}


def _fgsm(model: torch.nn.Module, x: torch.Tensor, label: int) -> list[dict]:
    """The image after an FGSM step of each epsilon, with the class probabilities it gets."""
    x = x.clone().requires_grad_(True)
    (gradient,) = torch.autograd.grad(F.cross_entropy(model(x[None]), torch.tensor([label])), x)
    rows = []
    for epsilon in EPSILONS:
        attacked = (x.detach() + epsilon * gradient.sign()).clamp(0, 1)
        probabilities = models.predict_proba(model, attacked[None].numpy())[0]
        rows.append(
            {
                "epsilon": epsilon,
                "pixels": attacked.numpy(),
                "probabilities": probabilities,
                "predicted": int(probabilities.argmax()),
            }
        )
    return rows


def build(options: dict[str, Any], progress: Progress) -> alt.TopLevelMixin:
    progress("attribution: training a 64-64-10 digit classifier")
    data, model = training.digit_classifier()
    progress("attribution: computing attributions and FGSM attacks")
    originals, attacks = [], []
    for index in _examples(data, model):
        label, x = int(data.y_val[index]), torch.as_tensor(data.x_val[index])
        attacked = _fgsm(model, x, label)
        flips = [row["epsilon"] for row in attacked if row["predicted"] != label]
        originals.append(
            {
                "example": str(label),
                "pixels": data.x_val[index],
                **_attributions(model, x, label),
                "flips_at": flips[0] if flips else None,
            }
        )
        attacks += [{"example": str(label), "label": label, **row} for row in attacked]

    example = controls.choice("example", "digit ", [str(d) for d in range(10)], value="3", menu=True)
    explanation = controls.choice(
        "explanation", "explanation ", list(EXPLANATIONS), value="saliency", labels=list(EXPLANATIONS.values())
    )
    epsilon = controls.slider("epsilon", "attack strength ε ", 0, EPSILONS[-1], EPSILONS[1] - EPSILONS[0], value=0)

    original = alt.Chart(named("originals")).transform_filter("datum.example == example")
    attack = alt.Chart(named("attacks")).transform_filter(
        "datum.example == example && abs(datum.epsilon - epsilon) < 1e-6"
    )
    ink = alt.Scale(domain=[0, 1], scheme="greys")
    attribution = original.transform_calculate(attribution="datum[explanation]")
    scores = arrays.elements(attack, ["probabilities"], group_by=[], position="digit").transform_calculate(
        role="datum.digit == datum.label ? 'true digit' : datum.digit == datum.predicted ? 'prediction' : 'other'"
    )
    answer = alt.layer(
        scores.mark_bar().encode(
            x=alt.X("digit:O", title="digit"),
            y=alt.Y("probabilities:Q", title="classifier's probability", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "role:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(domain=["true digit", "prediction", "other"], range=["#1b9e77", "#d62728", "#9e9e9e"]),
            ),
            tooltip=["digit:O", alt.Tooltip("probabilities:Q", format=".1%")],
        ),
        attack.transform_calculate(
            caption="datum.predicted == datum.label ? 'still right' : 'fooled: says ' + datum.predicted"
        )
        .mark_text(baseline="top")
        .encode(x=alt.value(75), y=alt.value(-14), text="caption:N"),
    ).properties(width=150, height=110)
    caption = (
        original.transform_calculate(
            caption="datum.flips_at === null ? 'no ε here changes its answer' : 'answer changes from ε = ' + datum.flips_at"
        )
        .mark_text(baseline="top")
        .encode(x=alt.value(55), y=alt.value(114), text="caption:N")
    )

    return (
        alt.hconcat(
            pixels.image(original, "pixels", datasets.DIGIT_SIDE, "the digit", ink, legend=None),
            pixels.image(
                attribution,
                "attribution",
                datasets.DIGIT_SIDE,
                "pixels that matter",
                alt.Scale(domain=[-1, 1], scheme="redblue", reverse=True),
                legend=None,
            ),
            alt.layer(pixels.image(attack, "pixels", datasets.DIGIT_SIDE, "attacked digit", ink, legend=None), caption),
            answer,
            # "model" feeds the page's live attribution (live-digits.js); no chart reads it
            datasets={"originals": originals, "attacks": attacks, "model": models.linear_weights(model)},
        )
        .resolve_scale(color="independent")
        .add_params(example, explanation, epsilon)
    )
