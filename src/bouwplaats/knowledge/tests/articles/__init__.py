# SPDX-License-Identifier: EUPL-1.2
"""knowledge/articles/: the articles and their pages."""
