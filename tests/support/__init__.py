"""Helpers the tests share: workbook builders, the LibreOffice oracle, zip edits, the clip checker."""
