"""knowledge/guides/: implementation guides, their versions, ticks per municipality, the monitor column."""
