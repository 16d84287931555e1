"""Classify the bytes of an input file before anything else reads it (private).

Every refusal is an :class:`InputFileError` whose message (Bahasa Indonesia) says
what the file is and how to turn it into something the tool can read.
"""

from __future__ import annotations

import zlib
from collections import Counter

from sakip_xl.errors import InputFileError
from sakip_xl.xlsx.opc import CONTENT_TYPES, ROOT_RELS, ContentTypes, Package, rels_name
from sakip_xl.xlsx.xmlutil import STRICT_MARK, UnsafeXmlError, local, ns_of
from sakip_xl.xlsx.zipio import DEFLATED, FLAG_ENCRYPTED, STORED, ZipFormatError

CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

MAX_TOTAL_UNCOMPRESSED = 2 * 1024**3
MAX_RATIO = 200
RATIO_CHECK_FROM = 50 * 1024**2

MSG_EMPTY = "File kosong (0 byte): ini bukan file Excel .xlsx. Pilih file buku kerja yang benar."
MSG_ENCRYPTED = (
    "File ini dilindungi kata sandi (terenkripsi), sehingga isinya tidak bisa dibaca. "
    "Jalankan lagi dengan --sandi KATA_SANDI, atau buka di Excel, hapus kata sandinya (File > Info > Proteksi Buku Kerja > "
    "Enkripsi dengan Kata Sandi, kosongkan), simpan, lalu jalankan lagi."
)
MSG_LEGACY = (
    "File ini berformat Excel lama (.xls, Excel 97-2003) yang tidak didukung. "
    'Buka di Excel, pilih Simpan Sebagai > "Excel Workbook (*.xlsx)", '
    "lalu jalankan lagi dengan file .xlsx tersebut."
)
MSG_NOT_ZIP = (
    "File ini bukan file Excel .xlsx (isinya tidak dikenali sebagai buku kerja Excel). "
    "Pastikan yang dipilih adalah file .xlsx yang disimpan dari Excel."
)
MSG_PDF = (
    "File ini adalah dokumen PDF, bukan file Excel .xlsx (mungkin hanya namanya yang diganti). "
    "Pilih file .xlsx aslinya; PDF tidak dapat dihitung ulang."
)
MSG_HTML = (
    "File ini adalah halaman web (HTML) yang diberi nama file Excel, bukan file .xlsx. "
    'Buka di Excel, pilih Simpan Sebagai > "Excel Workbook (*.xlsx)", lalu jalankan lagi dengan file itu.'
)
MSG_ODS = (
    "File ini berformat OpenDocument (.ods, dari LibreOffice/WPS), bukan .xlsx. "
    'Buka di LibreOffice, pilih Simpan Sebagai > "Excel 2007-365 (.xlsx)", lalu jalankan lagi dengan file itu.'
)
MSG_CORRUPT = (
    "File .xlsx ini rusak atau terpotong (arsip ZIP-nya tidak utuh: {detail}). "
    "Salin ulang file aslinya, atau buka di Excel lalu simpan ulang."
)
MSG_NOT_WORKBOOK = (
    "File ini berformat ZIP tetapi bukan buku kerja Excel ({detail} tidak ada). "
    "Pilih file .xlsx yang disimpan dari Excel."
)
MSG_STRICT = (
    'File ini disimpan sebagai "Strict Open XML Spreadsheet", yang tidak didukung. '
    'Buka di Excel, pilih Simpan Sebagai > "Excel Workbook (*.xlsx)" (bukan yang Strict), '
    "lalu jalankan lagi."
)
MSG_BINARY = (
    "File ini berformat Excel Binary Workbook (.xlsb) yang tidak didukung. "
    'Buka di Excel, pilih Simpan Sebagai > "Excel Workbook (*.xlsx)", lalu jalankan lagi.'
)
MSG_BOMB = (
    "File ini ditolak demi keamanan: {detail}. File Excel yang wajar tidak seperti ini; "
    "periksa asal file atau simpan ulang dari Excel."
)
MSG_DUPLICATE = (
    'File .xlsx ini rusak: bagian "{name}" muncul lebih dari sekali di dalam arsip. '
    "Buka di Excel lalu simpan ulang."
)
MSG_UNSAFE_XML = (
    'File ini ditolak demi keamanan: bagian "{name}" berisi XML yang tidak wajar '
    "(deklarasi DTD/entitas atau XML rusak). Buka di Excel lalu simpan ulang."
)
MSG_TOO_MANY_MEMBERS = (
    "File .xlsx ini tidak wajar: arsipnya berisi {count} bagian, lebih dari 65.535 (batas file Excel biasa). "
    "Buka di Excel lalu simpan ulang, atau periksa asal file."
)
MSG_METHOD = (
    'File .xlsx ini tidak dapat dibaca: bagian "{name}" dimampatkan dengan metode kompresi {method} '
    "yang tidak dipakai Excel (hanya tanpa kompresi atau deflate). Buka di Excel lalu simpan ulang."
)
MSG_CONTENT_TYPES = (
    "File .xlsx ini rusak: daftar jenis isi [Content_Types].xml {detail}, sehingga Excel dan LibreOffice "
    "tidak dapat membukanya. Buka di Excel lalu simpan ulang."
)
MSG_NOT_UTF8 = (
    'File .xlsx ini rusak: bagian "{name}" berisi karakter yang bukan UTF-8 (teks XML Excel selalu UTF-8). '
    "Buka di Excel lalu simpan ulang."
)
WORKBOOK_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
)
MSG_ENCRYPTED_MEMBER = (
    "File .xlsx ini berisi bagian yang dienkripsi dengan sandi ZIP, yang tidak bisa dibaca. "
    "Buka di Excel lalu simpan ulang tanpa sandi."
)


def open_package(data: bytes) -> Package:
    """Check the container (see :func:`check_container`) and return its package."""
    if not data:
        raise InputFileError(MSG_EMPTY)
    if data[:8] == CFB_SIGNATURE:
        if ENCRYPTED_STREAM in data:
            raise InputFileError(MSG_ENCRYPTED)
        raise InputFileError(MSG_LEGACY)
    if not (data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06")):
        raise InputFileError(_not_zip_message(data))
    if data[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
        raise InputFileError(MSG_ODS)
    try:
        pkg = Package(data)
    except ZipFormatError as exc:
        raise InputFileError(MSG_CORRUPT.format(detail=_detail(exc))) from None
    members = pkg.zip.members
    if len(members) > 0xFFFF:
        raise InputFileError(MSG_TOO_MANY_MEMBERS.format(count=f"{len(members):,}".replace(",", ".")))
    dup = [n for n, k in Counter(m.name.lower() for m in members).items() if k > 1]
    if dup:
        raise InputFileError(MSG_DUPLICATE.format(name=sorted(dup)[0]))
    total = sum(m.usize for m in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise InputFileError(
            MSG_BOMB.format(detail=f"total isinya {total / 1024**3:.1f} GiB setelah dibuka (batas 2 GiB)")
        )
    for m in members:
        if m.usize > RATIO_CHECK_FROM and m.usize > MAX_RATIO * max(m.csize, 1):
            raise InputFileError(
                MSG_BOMB.format(
                    detail=f'bagian "{m.name}" memuai {m.usize // max(m.csize, 1)} kali saat dibuka'
                )
            )
        if m.flags & FLAG_ENCRYPTED:
            raise InputFileError(MSG_ENCRYPTED_MEMBER)
        if m.method not in (STORED, DEFLATED):
            raise InputFileError(MSG_METHOD.format(name=m.name, method=m.method))
    for m in members:
        if m.name.lower().endswith((".xml", ".rels")) and _declares_dtd(pkg, m):
            raise InputFileError(MSG_UNSAFE_XML.format(name=m.name))
    _check_well_formed(pkg, members)
    if pkg.find(CONTENT_TYPES) is None:
        raise InputFileError(MSG_NOT_WORKBOOK.format(detail="[Content_Types].xml"))
    if pkg.find(CONTENT_TYPES) != CONTENT_TYPES:
        raise InputFileError(MSG_CONTENT_TYPES.format(
            detail=f'bernama "{pkg.find(CONTENT_TYPES)}" (seharusnya persis "{CONTENT_TYPES}")'))
    types_root = _parse(pkg, CONTENT_TYPES)
    if local(types_root) != "Types":
        raise InputFileError(MSG_CONTENT_TYPES.format(detail=f"berakar <{local(types_root)}> (seharusnya <Types>)"))
    _check_content_types(pkg, types_root)
    if pkg.find(ROOT_RELS) is not None:
        raw = _read(pkg, pkg.find(ROOT_RELS))
        if STRICT_MARK in raw:
            raise InputFileError(MSG_STRICT)
        _parse(pkg, pkg.find(ROOT_RELS))
    try:
        wb = pkg.workbook_part()
    except UnsafeXmlError:
        raise InputFileError(MSG_UNSAFE_XML.format(name=ROOT_RELS)) from None
    if wb is None:
        raise InputFileError(MSG_NOT_WORKBOOK.format(detail="xl/workbook.xml"))
    ctype = ContentTypes(pkg.xml(pkg.find(CONTENT_TYPES))).of(wb) or ""
    if wb.lower().endswith(".bin") or "sheet.binary" in ctype:
        raise InputFileError(MSG_BINARY)
    if ctype.lower() not in {t.lower() for t in WORKBOOK_TYPES} and local(_parse(pkg, wb)) == "workbook":
        raise InputFileError(MSG_CONTENT_TYPES.format(detail=f'tidak menyebut "{wb}" sebagai buku kerja'))
    root = _parse(pkg, wb)
    if ns_of(root).startswith("http://purl.oclc.org/"):
        raise InputFileError(MSG_STRICT)
    if local(root) != "workbook":
        raise InputFileError(MSG_NOT_WORKBOOK.format(detail="xl/workbook.xml"))
    _check_sheet_names(root)
    _check_targets(pkg)
    wb_rels = pkg.find(rels_name(wb))
    if wb_rels is None:
        raise InputFileError(MSG_CORRUPT.format(detail=f"{rels_name(wb)} tidak ada"))
    _parse(pkg, wb_rels)
    return pkg


MSG_SHEET_NAME = (
    "Nama lembar '{name}' tidak sah di Excel ({why}); Excel dan LibreOffice tidak dapat membuka hasilnya "
    "dengan benar. Ganti nama lembar itu (klik kanan tab > Ganti Nama), simpan, lalu jalankan lagi."
)
_SHEET_NAME_WHY = {
    "is empty": "kosong",
    "is longer than 31 characters": "lebih dari 31 karakter",
    "starts or ends with an apostrophe": "diawali atau diakhiri tanda petik '",
    "is the reserved name History": "History adalah nama yang dicadangkan Excel",
}


MSG_MISSING_PART = (
    'File .xlsx ini rusak: bagian "{target}"{sheet} yang dirujuk oleh "{source}" tidak ada di dalam arsip. '
    "Excel akan menolak atau \"memperbaiki\" file ini. Buka di Excel lalu simpan ulang."
)


def _check_content_types(pkg: Package, root) -> None:
    """Every entry is complete and every part has a content type (by its extension or by name)."""
    for el in root:
        kind = local(el)
        need = {"Default": ("Extension", "ContentType"), "Override": ("PartName", "ContentType")}.get(kind, ())
        missing = [a for a in need if not el.get(a)]
        if missing:
            raise InputFileError(MSG_CONTENT_TYPES.format(detail=f"memuat <{kind}> tanpa atribut {missing[0]}"))
    types = ContentTypes(root)
    for name in pkg.members:
        if name == CONTENT_TYPES or name.endswith("/"):
            continue
        if not types.of(name):
            raise InputFileError(MSG_CONTENT_TYPES.format(detail=f'tidak menyebut jenis isi bagian "{name}"'))


def _check_targets(pkg: Package) -> None:
    """Every internal relationship of an existing part points to a part that exists."""
    for name in list(pkg.members):
        if not name.lower().endswith(".rels") or "_rels/" not in name.lower():
            continue
        cut = name.lower().rfind("_rels/")
        folder, base = name[:cut], name[cut + len("_rels/"):]
        source = folder + base[:-len(".rels")]
        if source and pkg.find(source) is None:
            continue           # the relationships of a part that is not there: nothing reads them
        try:
            rels = pkg.rels(source)
        except Exception:
            continue           # reported by the checks that parse it
        for rel in rels:
            if rel.external or not rel.target or rel.kind in ("hyperlink",):
                continue
            if pkg.find(rel.part) is None:
                raise InputFileError(MSG_MISSING_PART.format(target=rel.part, source=name,
                                                             sheet=_sheet_of(pkg, rel.part)))


def _check_sheet_names(root) -> None:
    from sakip_xl.xlsx.integrity import sheet_name_problem

    for el in root.iter():
        if local(el) != "sheet" or el.get("name") is None:
            continue
        name = el.get("name")
        why = sheet_name_problem(name)
        if why is not None:
            text = _SHEET_NAME_WHY.get(why) or "berisi karakter " + why.split(" ", 1)[1].replace("'", "")
            raise InputFileError(MSG_SHEET_NAME.format(name=name, why=text))


WELL_FORMED_CHECK_LIMIT = 4 << 20   # bigger parts (a survey's sheet) are checked by the reader that parses them
MSG_MALFORMED = (
    'File .xlsx ini rusak: bagian "{name}"{sheet} berisi XML yang tidak utuh atau tidak sah ({detail}). '
    "Excel dan LibreOffice akan menolak atau \"memperbaiki\" file ini. Buka di Excel lalu simpan ulang."
)


def _check_well_formed(pkg: Package, members) -> None:
    """Every XML part the tool copies unread must be well-formed: the result would not open otherwise."""
    from lxml import etree

    for m in members:
        if not m.name.lower().endswith((".xml", ".rels")) or m.usize > WELL_FORMED_CHECK_LIMIT:
            continue
        if m.name.lower().startswith(("xl/worksheets/", "xl/charts/", "xl/drawings/", "xl/media/")):
            continue     # sheets: checked by the reader, which inflates them anyway; the splice copies
            #              sheets, charts and drawings without inflating them (tests/test_splice.py)
        body = _read(pkg, m.name)
        try:
            etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                   huge_tree=False))
        except etree.XMLSyntaxError as exc:
            line = getattr(exc, "lineno", None) or 0
            detail = "karakter bukan UTF-8" if "encoding" in str(exc).lower() or "utf-8" in str(exc).lower() \
                else f"baris {line}, kolom {getattr(exc, 'offset', 0) or 0}"
            raise InputFileError(MSG_MALFORMED.format(name=m.name, sheet=_sheet_of(pkg, m.name), detail=detail)) from None


def _sheet_of(pkg: Package, part: str) -> str:
    """' (lembar 'PK')' when `part` is a worksheet, else ''."""
    try:
        wb = pkg.workbook_part()
        rels = {r.id: r.part for r in pkg.rels(wb)}
        names = [el.get("name") for el in pkg.xml(wb).iter() if local(el) == "sheet" and el.get("name")
                 and rels.get(next((v for k, v in el.attrib.items() if k.endswith("}id")), None)) == part]
    except Exception:
        return ""
    return f" (lembar '{names[0]}')" if names else ""


def _not_zip_message(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return MSG_PDF
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in head[:512]:
        return MSG_HTML
    return MSG_NOT_ZIP


PROLOG_LIMIT = 64 * 1024   # the part before the root element; Excel's is under 100 bytes


def _declares_dtd(pkg: Package, member) -> bool:
    """Whether an XML member has a DTD (<!DOCTYPE, <!ENTITY) before its root element.

    Every XML part is checked here, before python-calamine or any parser reads it,
    by decompressing only its first bytes: entity bombs and external entities are
    refused whatever part holds them, and nothing is expanded. A prolog longer than
    PROLOG_LIMIT counts as unsafe too.
    """
    raw = pkg.zip.raw(member)
    if member.method == STORED:
        head = bytes(raw[:PROLOG_LIMIT])
    elif member.method == DEFLATED:
        d = zlib.decompressobj(-15)
        head = b""
        pos = 0
        try:
            while len(head) < PROLOG_LIMIT and pos < len(raw) and not d.eof:
                head += d.decompress(raw[pos:pos + 16384], PROLOG_LIMIT - len(head))
                pos += 16384
                verdict = _prolog_verdict(head, complete=False)
                if verdict is not None:
                    return verdict
        except zlib.error:
            return False   # the readers report the damage with their own message
    else:
        return False
    verdict = _prolog_verdict(head, complete=True)
    return bool(verdict) if verdict is not None else len(head) >= PROLOG_LIMIT


def _prolog_verdict(head: bytes, complete: bool) -> bool | None:
    """True: a DTD before the root; False: the root comes first; None: need more bytes."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = head[: len(head) - len(head) % 2].decode("utf-16", errors="ignore")
        head = text.encode("utf-8")
    i = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    n = len(head)
    while True:
        while i < n and head[i] in b" \t\r\n":
            i += 1
        if i >= n:
            return False if complete else None
        if head.startswith(b"<?", i):
            end = head.find(b"?>", i + 2)
        elif head.startswith(b"<!--", i):
            end = head.find(b"-->", i + 4)
        elif head.startswith(b"<!", i):
            return True
        else:
            return False   # the root element (or text the parsers will reject)
        if end < 0:
            return False if complete else None
        i = end + 2 if head[end:end + 2] == b"?>" else end + 3


_LAST_ACCEPTED: list = [None]    # the last bytes accepted (compute checks before it analyses, analyse again)


def check_container(data: bytes) -> None:
    """Refuse anything that is not a safe, readable transitional .xlsx/.xlsm package."""
    if _LAST_ACCEPTED[0] is data:
        return
    open_package(data)
    _LAST_ACCEPTED[0] = data


def _read(pkg: Package, name: str) -> bytes:
    try:
        return pkg.read(name)
    except ZipFormatError as exc:
        raise InputFileError(MSG_CORRUPT.format(detail=_detail(exc))) from None


def _parse(pkg: Package, name: str):
    _read(pkg, name)
    try:
        return pkg.xml(name)
    except UnsafeXmlError:
        raise InputFileError(MSG_UNSAFE_XML.format(name=name)) from None


def _detail(exc: Exception) -> str:
    text = str(exc)
    known = {
        "end of central directory not found": "direktori isi ZIP tidak ditemukan",
        "central directory outside the file (truncated?)": "direktori isi berada di luar file",
        "member data truncated": "data salah satu bagian terpotong",
        "local header missing": "kepala salah satu bagian hilang",
        "bad central directory entry": "direktori isi tidak terbaca",
        "zip64 extra field missing": "data zip64 salah satu bagian hilang",
        "short zip64 extra field": "data zip64 salah satu bagian terpotong",
    }
    for en, idn in known.items():
        if text.endswith(en):
            return idn
    if "local header names another member" in text:
        return f'nama bagian "{text.split(":")[0]}" di kepala bagiannya berbeda dengan di direktori isi'
    if "corrupt extra field" in text:
        return "kolom tambahan (extra field) di direktori isi rusak"
    if "CRC mismatch" in text:
        return f'checksum bagian "{text.split(":")[0]}" tidak cocok'
    if "corrupt deflate" in text or "size does not match" in text:
        return f'bagian "{text.split(":")[0]}" tidak bisa dibuka'
    if "unsupported compression" in text:
        return "metode kompresi tidak didukung"
    return "struktur ZIP tidak dikenali"
