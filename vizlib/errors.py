"""The one exception vizlib raises on purpose.

The site build and the CLI catch it and show its message as is, so every message names
the demo (or the directive) and says what went wrong and what is allowed instead.
"""


class DemoError(Exception):
    """A demo that cannot be built: unknown name or option, bad directive, failed training."""


class DemoBuildFailed(DemoError):
    """A known demo with valid options whose training or chart building raised an error."""
