"""Writers of the computed sheets (xlsxwriter), one module per sheet."""
