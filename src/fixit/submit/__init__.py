"""Sending reports: one Submitter protocol, one registry of targets, an outbox that keeps them."""
