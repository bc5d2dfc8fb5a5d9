"""Reports: one model built from a session, redacted, rendered as Markdown, text, HTML or JSON."""
