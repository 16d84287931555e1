"""sakip-xl: computed sheets and findings for SAKIP performance workbooks."""

__version__ = "0.1.0"
