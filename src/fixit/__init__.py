"""fixit: a troubleshooting wizard for the terminal."""

__version__ = "0.1.0"
