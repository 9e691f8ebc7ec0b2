"""Delivering a message to a partner's webhook: one HTTP POST of JSON, 2xx or it failed."""

import json
import ssl
from typing import Any

import httpx


class WebhookFailed(Exception):
    pass


def post(url: str, body: dict[str, Any], timeout: float, idempotency_key: str) -> None:
    """POST `body`; the `Idempotency-Key` header lets the receiver drop a repeat delivery."""
    with httpx.Client(
        timeout=httpx.Timeout(timeout),  # for each of connect, write, read and the pool
        # The system's trust store, as before, not httpx's certifi bundle: a partner's
        # certificate may come from a CA the operator installed (PKIoverheid Private Root).
        verify=ssl.create_default_context(),
        # A redirect is a failure the partner has to fix, not a delivery.
        follow_redirects=False,
    ) as client:
        try:
            response = client.post(  # the URL comes from the settings
                url,
                # Serialised here, not by httpx's json=, so the bytes stay as partners know them.
                content=json.dumps(body, ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json", "Idempotency-Key": idempotency_key},
            )
        except httpx.TransportError as error:  # refused, timed out, reset, no such host
            raise WebhookFailed(f"unreachable: {error}") from None
    if not response.is_success:
        raise WebhookFailed(f"HTTP {response.status_code}")
