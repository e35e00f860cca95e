# SPDX-License-Identifier: EUPL-1.2
"""A small OpenID provider (django-oauth-toolkit) for the OIDC tests, run as a separate process.

``serve.py`` migrates a fresh SQLite database, creates the people of the claims file (each with
the password ``PASSWORD``) and one confidential client that skips the consent page, and serves
on a free loopback port, which it prints as its first line.
"""

PASSWORD = "provider-passw0rd"
CLIENT_ID = "bouwplaats"
CLIENT_SECRET = "bouwplaats-client-secret"
