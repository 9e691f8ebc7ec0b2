"""Every configured partner is reachable in every mode, or said to be not: in the embedded mode
an AMQP partner goes over its webhook; a partner without any channel waits, named once at start,
and leaves once its webhook is set; with MELDPUNT_PARTNERS_REQUIRED the service will not start."""

import json
import os
import subprocess
from pathlib import Path

from cryptography.fernet import Fernet

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.partners.channels import PartnerChannels
from adapters.partners.delivery import PartnerDelivery
from config.reference import load_partners
from tests.conftest import WEBHOOK_SECRETS, make_settings, with_people
from tests.e2e.cli import MELDPUNT
from tests.integration.helpers import fire, register
from tests.integration.partners.conftest import Receiver

ACUTE = {"level": "acute", "indicators": ["runs_away"], "rationale": "r"}
SUBSCRIBED = ["police", "comensha", "local_team", "veilig_thuis", "care_provider"]


def acute_case(app: App) -> str:
    case_id = register(app).case_id
    fire(app, case_id, "assess_risk", ACUTE)
    app.dispatcher.drain()
    return case_id


def police_disclosure(app: App, case_id: str) -> dict[str, object]:
    [police] = [d for d in app.deliveries.for_case(case_id) if d["partner"] == "police"]
    return police


def test_in_the_embedded_mode_an_amqp_partner_is_delivered_over_its_webhook(
    database_url: str, receiver: Receiver
) -> None:
    app = bootstrap(make_settings(database_url, partner_webhooks={"police": receiver.url}))
    upgrade(app.engine)
    with_people(app)
    case_id = acute_case(app)
    assert PartnerDelivery(app.deliveries, app.settings, app.partner_channels).deliver_once() == 1
    [(body, key)] = receiver.received
    assert body["case_id"] == case_id and key.endswith(".police.message")
    assert police_disclosure(app, case_id)["status"] == "delivered"
    app.engine.dispose()


def test_a_partner_without_a_channel_waits_and_leaves_once_its_webhook_is_set(
    database_url: str, receiver: Receiver
) -> None:
    keys = Fernet.generate_key().decode()
    app = bootstrap(make_settings(database_url, data_keys=keys))
    upgrade(app.engine)
    with_people(app)
    assert "police" in app.partner_channels.unreachable
    case_id = acute_case(app)
    delivery = PartnerDelivery(app.deliveries, app.settings, app.partner_channels)
    assert delivery.deliver_once() == 0  # nothing is tried, so nothing fails or dies
    waiting = police_disclosure(app, case_id)
    assert (waiting["status"], waiting["attempts"], waiting["last_error"]) == ("pending", 0, None)
    app.engine.dispose()

    hooked = make_settings(database_url, data_keys=keys, partner_webhooks={"police": receiver.url})
    later = bootstrap(hooked)
    assert PartnerDelivery(later.deliveries, hooked, later.partner_channels).deliver_once() == 1
    assert [body["case_id"] for body, _ in receiver.received] == [case_id]
    later.engine.dispose()


def test_channels_follow_the_mode() -> None:
    directory = load_partners()
    hooks = {code: f"https://{code}.example/hook" for code in directory.partners}
    embedded = PartnerChannels.in_mode(directory, make_settings("sqlite://"))
    assert embedded.unreachable == tuple(SUBSCRIBED)
    assert embedded.by_broker == ("police", "comensha")
    everything = PartnerChannels.in_mode(
        directory, make_settings("sqlite://", partner_webhooks=hooks)
    )
    assert everything.unreachable == () and set(everything.routes.values()) == {"webhook"}
    broker = make_settings("sqlite://", broker_url="amqp://localhost//")
    production = PartnerChannels.in_mode(directory, broker)
    assert dict(production.routes) == {"police": "amqp", "comensha": "amqp"}
    assert production.unreachable == ("local_team", "veilig_thuis", "care_provider")


def meldpunt(tmp_path: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    env["MELDPUNT_PARTNER_WEBHOOK_SECRETS"] = json.dumps(WEBHOOK_SECRETS)
    env.update({f"MELDPUNT_{k.upper()}": v for k, v in settings.items()})
    env.update(MELDPUNT_DATABASE_URL=f"sqlite:///{tmp_path}/meldpunt.db", MELDPUNT_LOG_JSON="true")
    return subprocess.run(
        [MELDPUNT, *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def test_with_partners_required_the_service_refuses_to_start_naming_them(
    tmp_path: Path,
) -> None:
    assert meldpunt(tmp_path, "db", "upgrade").returncode == 0
    hooks = '{"police": "https://politie.example/hook", "local_team": "https://wt.example/hook"}'
    for command in (["run", "--port", "1"], ["partner", "deliver", "--drain"], ["worker"]):
        refused = meldpunt(tmp_path, *command, partners_required="true", partner_webhooks=hooks)
        assert refused.returncode == 2, refused.stderr
        assert "comensha, veilig_thuis, care_provider" in refused.stderr
        assert "MELDPUNT_PARTNER_WEBHOOKS" in refused.stderr
    every = "{" + ", ".join(f'"{c}": "https://{c}.example/hook"' for c in SUBSCRIBED) + "}"
    started = meldpunt(
        tmp_path, "partner", "deliver", "--drain", partners_required="true", partner_webhooks=every
    )
    assert started.returncode == 0, started.stderr
