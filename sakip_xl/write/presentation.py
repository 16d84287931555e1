"""How the computed sheets look on paper and in charts.

Every computed sheet calls `print_setup`: A4, landscape where the sheet is wide,
fit to the page width (as many pages down as needed), its header rows repeated
on every page, and a header and footer naming the instansi, the year and the
page. The chart helpers keep the tool's charts alike (fonts, colours, sizes).

Headers and footers use Excel's codes (&L, &C, &R, &P, &N): text typed by the user
goes through `header_text`, which doubles '&' so that "Dinas PU & Perkim" prints
as typed instead of being read as a code.
"""
from __future__ import annotations

import math

from dataclasses import dataclass

A4 = 9
HEADER_LIMIT = 255      # characters Excel keeps of a header or footer
_PART_LIMIT = 70        # characters of one user text in a header part

# Series colours: distinct enough to be found in a rendered page (tests look for them).
BAR_BLUE = "#2E75B6"
LINE_RED = "#C00000"
BAR_ORANGE = "#ED7D31"
BAR_GREEN = "#70AD47"


def header_text(text: object, limit: int = _PART_LIMIT) -> str:
    """User text made safe for a header/footer part: one line, '&' doubled, not too long."""
    s = " ".join(str(text or "").split())
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s.replace("&", "&&")


@dataclass(frozen=True)
class Page:
    """Where a sheet's printed header/footer information comes from."""

    instansi: str = ""
    kabupaten: str = ""
    tahun: int | None = None

    @classmethod
    def of(cls, settings) -> "Page":
        tahun = settings.get("tahun") if settings is not None else None
        try:
            year = int(tahun) if tahun is not None else None
        except (TypeError, ValueError):
            year = None
        if year is not None and not 1900 <= year <= 2999:
            year = None
        get = (lambda k: settings.get(k)) if settings is not None else (lambda k: "")
        return cls(str(get("instansi") or ""), str(get("kabupaten") or ""), year)


def header_footer(page: Page, title: str) -> tuple[str, str]:
    """The header (instansi left, year right) and footer (sheet title left, page right) codes."""
    who = header_text(page.instansi)
    if page.kabupaten:
        who = f"{who}, {header_text(page.kabupaten)}" if who else header_text(page.kabupaten)
    year = f"Tahun {page.tahun}" if page.tahun else ""
    header = f"&L&9{who}&R&9{year}" if (who or year) else ""
    footer = f"&L&9{header_text(title)}&R&9Halaman &P dari &N"
    return header[:HEADER_LIMIT], footer[:HEADER_LIMIT]


def print_setup(ws, settings, title: str, *, header_row: int | tuple[int, int] | None = None,
                landscape: bool = True, columns: tuple[int, int] | None = None,
                last_row: int | None = None) -> None:
    """A4, fit to the page width, header rows repeated, header and footer.

    `header_row`: a 0-based row (or first, last rows) printed on every page.
    `columns` (first, last) with `last_row`: the print area, when the sheet has
    helper columns a printed report does not need.
    """
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.center_horizontally()
    if header_row is not None:
        first, last = (header_row, header_row) if isinstance(header_row, int) else header_row
        ws.repeat_rows(first, last)
    if columns is not None and last_row is not None:
        ws.print_area(0, columns[0], last_row, columns[1])
    header, footer = header_footer(Page.of(settings), title)
    if header:
        ws.set_header(header, {"margin": 0.3})
    ws.set_footer(footer, {"margin": 0.3})


def rows_for_height(pixels: float, row_height: float = 20.0) -> int:
    """Default-height rows a drawing of `pixels` covers (a row of 15 pt is 20 px)."""
    return int(-(-pixels // row_height)) + 1


def style_chart(chart, title: str, *, width: int, height: int, y_format: str = "0",
                y_min: float | None = None, y_max: float | None = None) -> None:
    """Title, axis, legend and size as every chart of the tool has them."""
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    axis = {"num_format": y_format, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            "num_font": {"size": 8}}
    if y_min is not None:
        axis["min"] = y_min
    if y_max is not None:
        axis["max"] = y_max
    chart.set_y_axis(axis)
    chart.set_x_axis({"num_font": {"size": 8}})
    chart.set_legend({"position": "bottom", "font": {"size": 9}})
    chart.set_size({"width": width, "height": height})
    explicit_labels(chart)


def value_labels(values, num_format: str = "0.00", size: int = 8) -> dict:
    """Data labels showing the value only, none on a point without a value (a bar of an
    unmeasured indicator would otherwise be labelled 0,00)."""
    labels = {"value": True, "num_format": num_format, "font": {"size": size}, "position": "outside_end"}
    if any(v is None for v in values):
        labels["custom"] = [{"delete": True} if v is None else None for v in values]
    return labels


def headroom(values, floor: float = 100.0) -> float | None:
    """An axis maximum leaving room above the highest bar for its label (under the title);
    None (the spreadsheet's own scale) when a value is too large to scale by hand."""
    top = max([v for v in values if v is not None] + [floor])
    if not math.isfinite(top) or top > 1e15:
        return None
    step = 10 if top <= 200 else 10 ** (len(str(int(top))) - 1)
    return float(-(-(top * 1.12) // step) * step)


def explicit_labels(chart) -> None:
    """Write every data-label flag of `chart`, the ones switched off included.

    xlsxwriter writes only the flags that are on (<c:showVal val="1"/>); a reader that
    takes a missing flag as on (WPS, some Excel builds) then prints category and series
    name beside each value, over the bars and the title.
    """
    import types

    def write_d_lbls(self, labels):
        if not labels:
            return
        self._xml_start_tag("c:dLbls")
        if labels.get("custom"):
            self._write_custom_labels(labels, labels["custom"])
        if labels.get("num_format"):
            self._write_data_label_number_format(labels["num_format"])
        self._write_sp_pr(labels)
        if labels.get("font"):
            self._write_axis_font(labels["font"])
        if labels.get("position"):
            self._write_d_lbl_pos(labels["position"])
        for tag, key in (("c:showLegendKey", "legend_key"), ("c:showVal", "value"), ("c:showCatName", "category"),
                         ("c:showSerName", "series_name"), ("c:showPercent", "percentage"),
                         ("c:showBubbleSize", "bubble_size")):
            self._xml_empty_tag(tag, [("val", 1 if labels.get(key) else 0)])
        if labels.get("separator"):
            self._write_separator(labels["separator"])
        self._xml_end_tag("c:dLbls")

    chart._write_d_lbls = types.MethodType(write_d_lbls, chart)
