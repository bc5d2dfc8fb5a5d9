"""Statistics of the recorded sessions: outcome records, their tables, the local index, figures."""
