"""Join paths without escaping a base directory."""

__version__ = "2.0.0"
