"""Automatic checks: one explicit registry, small check functions, a runner with timeouts."""
