"""One partner event in, one command out, once.

The partner is the one whose routing key the event came on (or, from a file, the one whose
`source` it names); it may only use its own `source` and the event types its adapter knows.
Everything refused is said with its reason, for the dead letters."""

from dataclasses import dataclass
from enum import StrEnum

import structlog

from adapters.partners import (
    care_provider,
    cloudevents,
    comensha,
    local_team,
    police,
    school,
    veilig_thuis,
)
from adapters.partners.mappers import Mapper
from states import TriggerRefused
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput
from workflow.log_context import bound
from workflow.messagebus import MessageBus
from workflow.partners import PartnerDirectory
from workflow.unit_of_work import AlreadyHandled

log = structlog.get_logger(__name__)

ADAPTERS: dict[str, dict[str, Mapper]] = {
    "police": police.TYPES,
    "comensha": comensha.TYPES,
    "veilig_thuis": veilig_thuis.TYPES,
    "school": school.TYPES,
    "care_provider": care_provider.TYPES,
    "local_team": local_team.TYPES,
}


class Outcome(StrEnum):
    HANDLED = "handled"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    reason: str = ""
    event_key: str | None = None


class PartnerInbound:
    def __init__(self, bus: MessageBus, directory: PartnerDirectory) -> None:
        self.bus = bus
        self.directory = directory

    def handle(self, body: bytes | str, published_as: str | None = None) -> Result:
        """Take one event in structured mode; ConcurrencyConflict (and database errors)
        propagate: retry later."""
        try:
            event = cloudevents.parse(body)
        except InvalidInput as error:
            return Result(Outcome.REFUSED, str(error))
        return self.take(event, published_as)

    def take(self, event: cloudevents.CloudEvent, published_as: str | None = None) -> Result:
        """Take one event, however it came in."""
        partner = self.directory.by_source(event.source)
        if partner is None:
            return Result(Outcome.REFUSED, f"source: unknown partner source '{event.source}'")
        if published_as is not None and published_as != partner:
            reason = f"source: '{event.source}' belongs to {partner}, published as {published_as}"
            return Result(Outcome.REFUSED, reason, event.key)
        mapper = ADAPTERS[partner].get(event.type)
        if mapper is None:
            known = ", ".join(ADAPTERS[partner])
            reason = f"type: '{event.type}' is not an event of {partner} (known: {known})"
            return Result(Outcome.REFUSED, reason, event.key)
        with bound(partner=partner, partner_event=event.id):
            try:
                self.bus.handle(mapper(partner, event))
            except AlreadyHandled:
                return Result(Outcome.DUPLICATE, "", event.key)
            except ConcurrencyConflict:
                raise
            except (InvalidInput, TriggerRefused, CaseNotFound) as error:
                log.warning("partner event refused", reason=str(error))
                return Result(Outcome.REFUSED, str(error), event.key)
        return Result(Outcome.HANDLED, "", event.key)


def check_adapters(directory: PartnerDirectory) -> None:
    """Every partner in the configuration has an adapter for exactly its inbound types."""
    for code, partner in directory.partners.items():
        if set(ADAPTERS.get(code, {})) != set(partner.inbound_types):
            raise ValueError(f"partner '{code}': configured types differ from its adapter")
