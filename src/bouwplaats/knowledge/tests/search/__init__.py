"""knowledge/search.py: the full-text index of questions and answers, ranking and Dutch stemming."""
