"""Low-level OOXML package handling used by :mod:`sakip_xl.xlsx.splice` (private)."""
