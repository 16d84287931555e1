"""Reading the workbook: values (python-calamine), tables of the schema, numbers as typed, settings."""
from sakip_xl.read import codes  # noqa: F401  (registers the SEL- and SET- codes every reader raises)
