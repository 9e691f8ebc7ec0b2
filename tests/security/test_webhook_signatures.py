"""Messages to a partner's webhook are signed as Standard Webhooks do, with the partner's own
secret: a receiver verifies them with any Standard Webhooks library and refuses a forgery. A
webhook partner without a secret is sent nothing, and plain http is refused outside loopback."""

import json

import pytest
from pydantic import ValidationError
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from adapters.partners.channels import PartnerChannels
from adapters.partners.delivery import PartnerDelivery
from config.reference import load_partners
from tests.conftest import WEBHOOK_SECRETS, ManualClock, make_settings
from tests.integration.partners.conftest import Receiver
from tests.integration.partners.test_webhook_delivery import scaled_down_app


def test_each_message_is_signed_and_a_forgery_fails(database_url: str, receiver: Receiver) -> None:
    app, _ = scaled_down_app(database_url, receiver.url, ManualClock())
    assert PartnerDelivery(app.deliveries, app.settings, app.partner_channels).deliver_once() > 0
    [(body, headers)] = receiver.raw
    headers = {k.lower(): v for k, v in headers.items()}
    assert headers["webhook-id"] == headers["idempotency-key"]
    assert headers["webhook-signature"].startswith("v1,")
    ours = Webhook(WEBHOOK_SECRETS["local_team"])
    assert ours.verify(body, headers) == json.loads(body)  # the receiver's check passes
    forged = body.replace(b"}", b', "extra": 1}', 1)
    with pytest.raises(WebhookVerificationError):
        ours.verify(forged, headers)
    with pytest.raises(WebhookVerificationError):  # another partner's secret
        Webhook(WEBHOOK_SECRETS["police"]).verify(body, headers)


def test_a_webhook_partner_without_a_secret_is_sent_nothing() -> None:
    settings = make_settings(
        "sqlite://",
        partner_webhooks={"local_team": "https://wijkteams.example/hook"},
        partner_webhook_secrets={},
    )
    channels = PartnerChannels.in_mode(load_partners(), settings)
    assert "local_team" not in channels.routes
    assert "local_team" in channels.unreachable
    assert "MELDPUNT_PARTNER_WEBHOOK_SECRETS" in (channels.problem() or "")


@pytest.mark.parametrize(
    "url", ["http://wijkteams.example/hook", "http://10.0.0.8/hook", "ftp://127.0.0.1/hook"]
)
def test_plain_http_outside_loopback_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="https is required"):
        make_settings("sqlite://", partner_webhooks={"local_team": url})
    for loopback in ("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/h"):
        make_settings("sqlite://", partner_webhooks={"local_team": loopback})
