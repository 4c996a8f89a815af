"""Bundled sample articles imported on a first run with an empty library."""
