# SPDX-License-Identifier: EUPL-1.2
"""Run the test provider: ``python -m bouwplaats.accounts.tests.oidc_provider.serve``."""

import os
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

os.environ["DJANGO_SETTINGS_MODULE"] = "bouwplaats.accounts.tests.oidc_provider.settings"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

from bouwplaats.accounts.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, PASSWORD  # noqa: E402


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    call_command("migrate", verbosity=0)
    for username in settings.PROVIDER_CLAIMS:
        User.objects.create_user(username=username, password=PASSWORD)
    Application.objects.create(
        name="Bouwplaats",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=settings.PROVIDER_REDIRECT_URI,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", 0, get_wsgi_application(), ThreadingServer, QuietHandler)
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
