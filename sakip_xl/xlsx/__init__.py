"""The xlsx package as bytes: zip, OPC parts, sheet XML, styles, the splice, safe file writes."""
