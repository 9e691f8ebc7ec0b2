"""Which way each partner is reached in the mode the service runs in.

A partner's configured channel (`config/data/partners.json`) is how production reaches it. AMQP
needs a broker: without one (the embedded mode) a partner is reached over its webhook
(`MELDPUNT_PARTNER_WEBHOOKS`), whatever its configured channel. A webhook partner needs its URL
and its signing secret (`MELDPUNT_PARTNER_WEBHOOK_SECRETS`) in either mode: nothing goes out
unsigned. A partner with subscriptions and no way in this mode is unreachable: its
disclosures wait, are alerted as stuck, and leave once a channel is set (docs/partners.md)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

import structlog

from config.settings import Settings
from workflow.partners import NO_CHANNEL, PartnerDirectory

log = structlog.get_logger(__name__)

WEBHOOK, AMQP = "webhook", "amqp"
__all__ = ["AMQP", "NO_CHANNEL", "WEBHOOK", "PartnerChannels", "PartnersUnreachable"]


class PartnersUnreachable(Exception):
    """MELDPUNT_PARTNERS_REQUIRED is set and some partner has no channel in this mode."""


def channel_of(configured: str, partner: str, settings: Settings) -> str | None:
    if configured == AMQP and settings.broker_url:
        return AMQP
    if partner in settings.partner_webhooks and partner in settings.partner_webhook_secrets:
        return WEBHOOK
    return None


@dataclass(frozen=True)
class PartnerChannels:
    # partner -> the channel it is reached by now; a partner not in it is unreachable.
    routes: Mapping[str, str]
    unreachable: tuple[str, ...] = field(default=())
    mode: str = "embedded"
    # Of the unreachable, those a broker would reach (configured AMQP, embedded mode).
    by_broker: tuple[str, ...] = field(default=())

    @classmethod
    def in_mode(cls, directory: PartnerDirectory, settings: Settings) -> "PartnerChannels":
        routes, unreachable, by_broker = {}, [], []
        for code, partner in directory.partners.items():
            channel = channel_of(partner.channel, code, settings)
            if channel is not None:
                routes[code] = channel
            elif partner.subscriptions:  # one that is never told anything needs no channel
                unreachable.append(code)
                if partner.channel == AMQP:
                    by_broker.append(code)
        mode = "production" if settings.broker_url else "embedded"
        return cls(routes, tuple(unreachable), mode, tuple(by_broker))

    def problem(self) -> str | None:
        """The sentence an operator reads at start, or None when every partner is reachable."""
        if not self.unreachable:
            return None
        broker = (
            f" (or, for {', '.join(self.by_broker)}, MELDPUNT_BROKER_URL)" if self.by_broker else ""
        )
        return (
            f"partners without a channel in the {self.mode} mode: {', '.join(self.unreachable)}; "
            "their disclosures wait, and are alerted as stuck, until you set their webhook in "
            f"MELDPUNT_PARTNER_WEBHOOKS and its secret in MELDPUNT_PARTNER_WEBHOOK_SECRETS{broker}"
        )

    def check(self, required: bool, logged: bool = True) -> str | None:
        """Say once, at start, which partners cannot be reached (in the log; `logged` False:
        the caller says it another way); refuse to start when they are required
        (MELDPUNT_PARTNERS_REQUIRED). Returns the sentence, if any."""
        problem = self.problem()
        if problem is None:
            return None
        if required:
            raise PartnersUnreachable(f"{problem} (MELDPUNT_PARTNERS_REQUIRED is set)")
        if logged:
            log.warning(
                "partners unreachable",
                partners=list(self.unreachable),
                mode=self.mode,
                setting="MELDPUNT_PARTNER_WEBHOOKS",
            )
        return problem
