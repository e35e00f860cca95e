# SPDX-License-Identifier: EUPL-1.2
"""knowledge/guides/: implementation guides, their versions, ticks per municipality, the monitor column."""
