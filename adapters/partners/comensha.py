"""CoMensha: a shelter placement or a care registration for a case."""

from adapters.partners import mappers
from adapters.partners.cloudevents import CARE_REGISTRATION, SHELTER_PLACEMENT

TYPES: dict[str, mappers.Mapper] = {
    SHELTER_PLACEMENT: mappers.placement("shelter_placement"),
    CARE_REGISTRATION: mappers.placement("care_registration"),
}
