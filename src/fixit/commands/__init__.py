"""Command implementations: small plain functions that return an exit code."""
