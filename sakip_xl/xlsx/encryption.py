"""Password-protected (encrypted) workbooks: decrypt in memory, re-encrypt the result.

Excel's "Encrypt with Password" stores the .xlsx package inside an OLE compound
file (stream ``EncryptedPackage``). With the password the tool decrypts it in
memory only; the decrypted bytes are never written to disk, and the result is
encrypted again with the same password, so the file stays protected.
"""
from __future__ import annotations

import io

from sakip_xl.errors import InputFileError, OutputError

CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

MSG_LOCKED = (
    "File ini dilindungi kata sandi (terenkripsi), sehingga isinya tidak bisa dibaca tanpa sandinya. "
    "Jalankan lagi dengan --sandi KATA_SANDI, atau buka di Excel dan hapus kata sandinya "
    "(File > Info > Proteksi Buku Kerja > Enkripsi dengan Kata Sandi, kosongkan), simpan, lalu jalankan lagi."
)
MSG_WRONG = (
    "Kata sandi salah: file tidak dapat dibuka dengan sandi yang diberikan. "
    "Periksa huruf besar/kecil dan tata letak papan ketik, lalu jalankan lagi dengan --sandi yang benar."
)
MSG_BROKEN = (
    "File terenkripsi ini tidak dapat dibuka ({detail}). "
    "Buka di Excel dengan sandinya, simpan ulang, lalu jalankan lagi."
)
MSG_MISSING = (
    "Untuk membuka file bersandi diperlukan paket 'msoffcrypto-tool'. "
    "Pasang dengan: pip install msoffcrypto-tool, lalu jalankan lagi."
)


def is_encrypted(data: bytes) -> bool:
    """An Office file encrypted with a password (an OLE container holding EncryptedPackage)."""
    return data[:8] == CFB_SIGNATURE and ENCRYPTED_STREAM in data


def _office():
    try:
        import msoffcrypto
    except ImportError:  # pragma: no cover - an install requirement
        raise InputFileError(MSG_MISSING) from None
    return msoffcrypto


def decrypt(data: bytes, password: str | None) -> bytes:
    """The decrypted package of an encrypted workbook (in memory only)."""
    if not password:
        raise InputFileError(MSG_LOCKED)
    msoffcrypto = _office()
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=password)
        out = io.BytesIO()
        office.decrypt(out)
    except msoffcrypto.exceptions.InvalidKeyError:
        raise InputFileError(MSG_WRONG) from None
    except Exception as exc:  # the library raises many kinds on a damaged container
        raise InputFileError(MSG_BROKEN.format(detail=f"{type(exc).__name__}: {exc}")) from None
    return out.getvalue()


def encrypt(data: bytes, password: str) -> bytes:
    """`data` (an .xlsx package) encrypted with `password` as Excel does (ECMA-376 agile)."""
    _office()
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    try:
        OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    except Exception as exc:
        raise OutputError(
            f"Hasil tidak dapat dienkripsi ulang dengan sandinya ({type(exc).__name__}: {exc}); "
            "file tidak diubah. Hapus sandi di Excel lalu jalankan lagi."
        ) from None
    return out.getvalue()


def open_bytes(data: bytes, password: str | None) -> tuple[bytes, str | None]:
    """(package bytes, password to re-encrypt with or None) for a file's raw bytes."""
    if is_encrypted(data):
        return decrypt(data, password), password
    return data, None
