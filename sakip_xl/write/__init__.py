"""Writing computed sheets with xlsxwriter: formats, links, rows that fit, presentation."""
