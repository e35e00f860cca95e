# SPDX-License-Identifier: EUPL-1.2
"""monitor/insights/: block progress, blockers, deadline risk, peers."""
