"""Veilig Thuis: reports forwarded to the Meldpunt."""

from adapters.partners import mappers
from adapters.partners.cloudevents import REPORT

TYPES: dict[str, mappers.Mapper] = {REPORT: mappers.report}
