# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """Gives each person the claims of the claims file, in the id_token and from the userinfo endpoint."""

    oidc_claim_scope = None  # every claim, whatever the scope (also ``groups``)

    def get_additional_claims(self, request):
        return settings.PROVIDER_CLAIMS[request.user.username]
