"""Inkwell: a self-hosted publishing platform."""

__version__ = "0.1.0"
