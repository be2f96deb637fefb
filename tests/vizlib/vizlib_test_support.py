"""Constants the vizlib tests share (a plain module: conftest is not importable by name)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXPLORABLES = REPO / "explorables"
DEMO_NAMES = [
    "how-a-network-learns",
    "decision-boundaries",
    "watching-training",
    "neurons-in-high-dimensional-space",
    "instance-based-analysis",
    "attribution",
    "feature-visualization",
    "reading-a-recurrent-networks-memory",
]
