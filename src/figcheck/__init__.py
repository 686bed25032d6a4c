"""figcheck: record figures with their sources, and see which truly contradict each other."""

__version__ = "0.1.0"
