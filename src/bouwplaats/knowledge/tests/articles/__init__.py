"""knowledge/articles/: the articles and their pages."""
