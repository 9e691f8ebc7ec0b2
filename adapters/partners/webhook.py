"""Delivering a message to a partner's webhook: one HTTP POST of JSON, 2xx or it failed."""

import json
import urllib.error
import urllib.request
from typing import Any


class WebhookFailed(Exception):
    pass


def post(url: str, body: dict[str, Any], timeout: float, idempotency_key: str) -> None:
    """POST `body`; the `Idempotency-Key` header lets the receiver drop a repeat delivery."""
    request = urllib.request.Request(  # the URL comes from the settings
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": idempotency_key},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if not 200 <= response.status < 300:
                raise WebhookFailed(f"HTTP {response.status}")
    except urllib.error.HTTPError as error:
        raise WebhookFailed(f"HTTP {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise WebhookFailed(f"unreachable: {error}") from None
