"""Care providers (zorgaanbieders): signals about a known case or person."""

from adapters.partners import mappers
from adapters.partners.cloudevents import SIGNAL

TYPES: dict[str, mappers.Mapper] = {SIGNAL: mappers.signal}
