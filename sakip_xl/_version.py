"""The version of sakip-xl, in a module of its own so that no module imports the package root."""

__version__ = "0.1.0"
