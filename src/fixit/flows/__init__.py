"""The application layer: a session's lifecycle, the report pipeline and delivery, for commands."""
