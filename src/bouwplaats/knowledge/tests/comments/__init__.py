# SPDX-License-Identifier: EUPL-1.2
"""knowledge/comments/: comments on articles and other registered subjects, reports, moderation."""
