"""monitor/insights/: block progress, blockers, deadline risk, peers."""
