"""The thin notification as it leaves on the wire (a real webhook receiver on loopback) meets
the Notificaties API's definition of a notification: the field names, their types, the
date-time of `aanmaakdatum` with its offset, and URLs that are absolute and lead to the case in
this API. Checked with a JSON Schema validator that checks formats."""

from datetime import datetime
from urllib.parse import urlsplit

import jsonschema_rs

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.partners.delivery import PartnerDelivery
from tests.conftest import ManualClock, make_settings, with_people
from tests.integration.helpers import fire, register
from tests.integration.partners.conftest import Receiver
from tests.integration.partners.notificatie_schema import NOTIFICATIE

PUBLIC = "https://meldpunt.twente.example"


def test_a_notificatie_on_the_wire_meets_the_notificaties_api(
    database_url: str, receiver: Receiver
) -> None:
    settings = make_settings(
        database_url, partner_webhooks={"veilig_thuis": receiver.url}, public_base_url=PUBLIC
    )
    app = bootstrap(settings, clock=ManualClock())
    upgrade(app.engine)
    with_people(app)
    ref = register(app)
    fire(app, ref.case_id, "close", {"result": "no_contact", "reason": "geen contact"})
    app.dispatcher.drain()
    PartnerDelivery(app.deliveries, app.settings, app.partner_channels).deliver_once()
    [(body, _key)] = receiver.received

    validator = jsonschema_rs.validator_for(NOTIFICATIE, validate_formats=True)
    problems = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(body)]
    assert problems == []

    moment = datetime.fromisoformat(body["aanmaakdatum"])
    assert moment.utcoffset() is not None  # ISO 8601 with its offset, never a bare local time
    for url in (body["hoofdObject"], body["resourceUrl"]):
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == ("https", "meldpunt.twente.example")
        assert parts.path == f"/api/v1/cases/{ref.case_id}"
    assert body["kenmerken"] == {"status": "closed"}
    app.engine.dispose()


def test_the_check_finds_a_notification_of_another_shape() -> None:
    validator = jsonschema_rs.validator_for(NOTIFICATIE, validate_formats=True)
    wrong = {
        "kanaal": "meldpunt",
        "hoofdObject": "not a url",
        "resource": "case",
        "resourceUrl": "https://x.example/api/v1/cases/1",
        "actie": "update",
        "aanmaakdatum": "2026-11-02 10:00",
        "kenmerken": {"status": 3},
        "zaak": "extra",
    }
    fields = {str(e.instance_path) for e in validator.iter_errors(wrong)}
    assert len(fields) == 4, fields
