# SPDX-License-Identifier: EUPL-1.2
"""What the monitor registers with other apps, and they with it: municipality links, management
links, progress columns."""
