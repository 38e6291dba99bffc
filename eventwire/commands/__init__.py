"""CLI commands, one module each; registered in `eventwire/cli.py`."""
