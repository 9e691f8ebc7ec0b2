"""Deliveries to partners by partner and outcome, and stuck disclosures, in the metrics: a real
webhook receiver on loopback refuses once, then takes the delivery."""

from datetime import timedelta

from prometheus_client import REGISTRY, CollectorRegistry

from adapters.ops.database_metrics import DatabaseMetrics
from adapters.partners.delivery import PartnerDelivery
from tests.conftest import ManualClock
from tests.integration.partners.conftest import Receiver
from tests.integration.partners.test_webhook_delivery import scaled_down_app


def failures() -> dict[str, float]:
    return {
        s.labels["outcome"]: s.value
        for m in REGISTRY.collect()
        if m.name == "meldpunt_partner_deliveries"
        for s in m.samples
        if s.name.endswith("_total") and s.labels["outcome"] != "ok"
    }


def deliveries(outcome: str) -> float:
    labels = {"partner": "local_team", "outcome": outcome}
    return REGISTRY.get_sample_value("meldpunt_partner_deliveries_total", labels) or 0.0


def test_deliveries_are_counted_by_partner_and_outcome(
    database_url: str, receiver: Receiver
) -> None:
    clock = ManualClock()
    app, _ = scaled_down_app(database_url, receiver.url, clock)
    gauges = CollectorRegistry()
    gauges.register(DatabaseMetrics(app))
    delivery = PartnerDelivery(app.deliveries, app.settings, app.partner_channels)
    ok_before = deliveries("ok")
    failed_before = failures()
    receiver.statuses = [503]
    assert delivery.deliver_once() == 1
    failed_after = failures()
    grown = {k: v - failed_before.get(k, 0.0) for k, v in failed_after.items()}
    assert sum(grown.values()) == 1 and deliveries("ok") == ok_before
    # Pending past the stuck time: counted as stuck until it leaves.
    clock.now += timedelta(minutes=app.settings.disclosure_stuck_minutes + 1)
    stuck = gauges.get_sample_value("meldpunt_stuck_disclosures") or 0
    assert stuck >= 1  # local_team's, and those of partners without a channel
    assert delivery.deliver_once() == 1
    assert deliveries("ok") == ok_before + 1
    assert gauges.get_sample_value("meldpunt_stuck_disclosures") == stuck - 1
    app.engine.dispose()
