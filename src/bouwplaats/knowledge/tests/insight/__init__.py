# SPDX-License-Identifier: EUPL-1.2
"""knowledge/insight/: the staff page of figures about the questions asked."""
