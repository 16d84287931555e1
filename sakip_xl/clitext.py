"""Click's own messages (usage, errors, --help), in Bahasa Indonesia.

Click marks every text it prints with gettext (`_("Usage:")`, `ngettext(...)`).
`install()` replaces those two functions in click's modules with a lookup in the
table below, so "Missing argument 'WORKBOOK'" reaches a clerk as
"Argumen 'WORKBOOK' belum diisi". It must run before the commands are declared:
some texts (the --help and --version option help, the name of a path type) are
taken when an option is created.

A text not in the table is printed as click wrote it; tests/test_cli_text.py
runs every command's --help and the usual mistakes and fails on English words.
"""
from __future__ import annotations

import click

# msgid (click 8.x) -> Indonesian. Placeholders keep click's names.
TEXTS: dict[str, str] = {
    "Usage:": "Cara pakai:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi sakip-xl lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s versi %(version)s",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Ketik '{command} {option}' untuk bantuan.",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Missing argument": "Belum diisi: argumen",
    "Missing option": "Belum diisi: opsi",
    "Missing parameter": "Belum diisi: parameter",
    "Missing {param_type}": "Belum diisi: {param_type}",
    "Missing parameter: {param_name}": "Belum diisi: {param_name}",
    "No such option {name!r}.": "Opsi {name!r} tidak dikenal.",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "Missing command.": "Perintah belum diisi (lihat daftar Perintah di bawah).",
    "Aborted!": "Dibatalkan.",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dihitung)",
    "deprecated": "usang",
    "unknown error": "galat tidak dikenal",
    "Could not open file {filename!r}: {message}": "File {filename!r} tidak dapat dibuka: {message}",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan angka yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} bukan ya/tidak yang sah. Pilihan: {states}",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "file": "file",
    "directory": "folder",
    "path": "file atau folder",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah file, bukan folder.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder, bukan file.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "Invalid start character for option ({option})": "Awal opsi tidak sah ({option})",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak memerlukan nilai.",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Lakukan tanpa bertanya.",
}

# (singular, plural) -> (Indonesian singular, Indonesian plural)
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Maksud Anda {possibility}?", "(Maksud Anda salah satu dari: {possibilities}?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Ada argumen yang tidak dikenal ({args})", "Ada argumen yang tidak dikenal ({args})"),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} bukan {choice}.", "{value!r} bukan salah satu dari {choices}."),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Opsi {name!r} memerlukan nilai.", "Opsi {name!r} memerlukan {nargs} nilai."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Memerlukan {nargs} nilai, diberikan 1.", "Memerlukan {nargs} nilai, diberikan {len}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Memerlukan {len_type} nilai, diberikan {len_value}.", "Memerlukan {len_type} nilai, diberikan {len_value}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} tidak sesuai bentuk {format}.", "{value!r} tidak sesuai bentuk {formats}."),
}

# Placeholders in usage lines: click's defaults are English.
OPTIONS_METAVAR = "[OPSI]"
SUBCOMMAND_METAVAR = "PERINTAH [ARGUMEN]..."

_MODULES = ("core", "exceptions", "types", "parser", "decorators", "formatting", "termui", "utils")


def gettext(message: str) -> str:
    return TEXTS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def install() -> None:
    """Route click's gettext calls through the tables above (idempotent)."""
    import importlib

    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


class Command(click.Command):
    """A command whose usage line says [OPSI]."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """The sakip-xl group: Indonesian usage placeholders, and Indonesian aliases of commands."""

    command_class = Command
    ALIASES = {"rekap": "recap"}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def get_command(self, ctx, cmd_name):
        return super().get_command(ctx, self.ALIASES.get(cmd_name, cmd_name))

    def resolve_command(self, ctx, args):
        name, cmd, rest = super().resolve_command(ctx, args)
        return (cmd.name if cmd is not None else name), cmd, rest
