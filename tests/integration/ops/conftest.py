"""The API fixture of the HTTP tests, for the operator's endpoints."""

from tests.integration.http.conftest import api

__all__ = ["api"]
