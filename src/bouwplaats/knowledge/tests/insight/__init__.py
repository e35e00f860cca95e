"""knowledge/insight/: the staff page of figures about the questions asked."""
