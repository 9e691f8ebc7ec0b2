"""Delivering a message to a partner's webhook: one HTTP POST of JSON, 2xx or it failed.

Signed as Standard Webhooks do (standardwebhooks.com): `webhook-id` (the disclosure's stable
key, the same on every retry), `webhook-timestamp` (Unix seconds) and `webhook-signature`
(`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the partner's secret), so the
receiver can refuse a forgery or a replay with any Standard Webhooks library."""

import json
import ssl
from datetime import datetime
from math import floor
from typing import Any

import httpx
from standardwebhooks import Webhook


class WebhookFailed(Exception):
    pass


def post(
    url: str,
    body: dict[str, Any],
    timeout: float,
    idempotency_key: str,
    signer: Webhook,
    now: datetime,
) -> None:
    """POST `body`, signed by `signer` as of `now`; the `Idempotency-Key` header (and the
    `webhook-id`) lets the receiver drop a repeat delivery."""
    # Serialised here, not by httpx's json=, so the bytes signed are the bytes sent.
    content = json.dumps(body, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": idempotency_key,
        "webhook-id": idempotency_key,
        "webhook-timestamp": str(floor(now.timestamp())),
        "webhook-signature": signer.sign(idempotency_key, now, content),
    }
    with httpx.Client(
        timeout=httpx.Timeout(timeout),  # for each of connect, write, read and the pool
        # The system's trust store, as before, not httpx's certifi bundle: a partner's
        # certificate may come from a CA the operator installed (PKIoverheid Private Root).
        verify=ssl.create_default_context(),
        # A redirect is a failure the partner has to fix, not a delivery.
        follow_redirects=False,
    ) as client:
        try:
            response = client.post(url, content=content, headers=headers)  # URL: the settings
        except httpx.TransportError as error:  # refused, timed out, reset, no such host
            raise WebhookFailed(f"unreachable: {error}") from None
    if not response.is_success:
        raise WebhookFailed(f"HTTP {response.status_code}")
