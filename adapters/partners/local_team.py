"""The municipal local teams: the result of a follow-up check-in on a scaled-down case."""

from adapters.partners import mappers
from adapters.partners.cloudevents import FOLLOWUP_RESULT

TYPES: dict[str, mappers.Mapper] = {FOLLOWUP_RESULT: mappers.followup_result}
