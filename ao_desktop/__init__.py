"""AO Desktop: the working tool of an Indonesian bank Account Officer."""

__version__ = "0.1.0"
