"""The API fixture of the HTTP tests, for the operator's endpoints, and the partners' webhook
receiver."""

from tests.integration.http.conftest import api
from tests.integration.partners.conftest import receiver

__all__ = ["api", "receiver"]
