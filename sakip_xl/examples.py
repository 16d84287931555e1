"""The example workbook (the seed LKjIP: Kecamatan Jelbuk, 2021) and the template.

`python -m sakip_xl.examples` rewrites templates/ and workbooks/ from the schema;
a test fails when the committed files are out of date.
"""
from __future__ import annotations

import sys
from pathlib import Path

from sakip_xl.sections import sections
from sakip_xl.template import build_template

TEMPLATE_NAME = "templates/sakip-xl-template.xlsx"
EXAMPLE_NAME = "workbooks/contoh-kecamatan-jelbuk-2021.xlsx"

def template_bytes() -> bytes:
    return build_template()


def example_bytes() -> bytes:
    settings, rows = {}, {}
    for sec in sections():
        settings.update(sec.example_settings)
        rows.update(sec.example_rows)
    return build_template(settings, rows)


def write_all(root: Path) -> list[Path]:
    written = []
    for name, data in ((TEMPLATE_NAME, template_bytes()), (EXAMPLE_NAME, example_bytes())):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for p in write_all(root):
        print(p)
