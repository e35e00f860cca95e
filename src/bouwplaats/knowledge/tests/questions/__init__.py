"""knowledge/questions/: asking, triage, answers, the FAQ and its search, themes."""
