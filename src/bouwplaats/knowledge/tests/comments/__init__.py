"""knowledge/comments/: comments on articles and other registered subjects, reports, moderation."""
