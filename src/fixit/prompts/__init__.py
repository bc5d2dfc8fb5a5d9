"""Prompting: the Prompter protocol and its implementations."""
