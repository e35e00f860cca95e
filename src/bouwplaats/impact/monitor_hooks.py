"""What the landscapes add to the monitor's pages (registered in ``ImpactConfig.ready``)."""


def register() -> None:
    """Register the landscapes' contributions to the monitor."""
