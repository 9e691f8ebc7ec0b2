"""Schools: reports forwarded, and signals about a known case or person."""

from adapters.partners import mappers
from adapters.partners.cloudevents import REPORT, SIGNAL

TYPES: dict[str, mappers.Mapper] = {REPORT: mappers.report, SIGNAL: mappers.signal}
