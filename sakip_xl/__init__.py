"""sakip-xl: computed sheets and findings for SAKIP performance workbooks."""

from sakip_xl._version import __version__

__all__ = ["__version__", "analyze", "check", "compute"]


def __getattr__(name: str):
    """`sakip_xl.compute(path, output=None)`, `sakip_xl.check(path)`, `sakip_xl.analyze(data)`:
    the library API, imported on first use so `import sakip_xl` stays light."""
    if name in ("analyze", "check", "compute"):
        from sakip_xl import engine
        return getattr(engine, name)
    raise AttributeError(f"module 'sakip_xl' has no attribute {name!r}")
