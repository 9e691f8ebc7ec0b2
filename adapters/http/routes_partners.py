"""The partners' own door: publish events (for partners without AMQP), read their own
subscription and what was sent to them. A partner account names its partner in its team
(`meldpunt users add politie-api --role partner --team police`)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import AwareDatetime, BaseModel, Field

from adapters.gate import Gate
from adapters.http.asking import Guarded
from adapters.http.paging import Limit, Offset, page
from adapters.http.partner_budget import PartnerBudget
from adapters.http.problems import ProblemError, problem, texts
from adapters.http.schemas import SentPage
from adapters.media_types import media_type
from adapters.partners import cloudevents
from adapters.partners.inbound import Outcome, PartnerInbound, Result
from workflow.access import Action
from workflow.errors import InvalidInput
from workflow.partner_budget import TellPartnerOverBudget

router = APIRouter(tags=["partners"])


class PartnerEventOut(BaseModel):
    outcome: str = Field(description="handled, or duplicate (taken before: no second effect)")
    key: str | None


class PartnerBatchOut(BaseModel):
    events: list[PartnerEventOut] = Field(description="one per event, in the batch's order")


EVENT_SCHEMA = cloudevents.CloudEvent.model_json_schema()
# The body in each content mode of the CloudEvents HTTP binding (docs/partners.md).
EVENT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "structured (application/cloudevents+json), batch "
        "(application/cloudevents-batch+json), or binary: the attributes in ce- headers "
        "(ce-specversion, ce-id, ce-source, ce-type), the data as an application/json body",
        "content": {
            cloudevents.STRUCTURED: {"schema": EVENT_SCHEMA},
            cloudevents.BATCH: {"schema": {"type": "array", "items": EVENT_SCHEMA}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


async def raw_body(request: Request) -> bytes:
    return await request.body()


def _partner(gate: Gate, action: Action) -> str:
    gate.allow(action, "partner")
    code = gate.principal.team
    if code is None or code not in gate.app.partners.partners:
        gate.record(gate.entry("write", "partner", "refused"))
        raise ProblemError(403, "error.title.not_allowed", "api.no_partner")
    return code


@router.post(
    "/partner-events",
    status_code=202,
    response_model=PartnerEventOut | PartnerBatchOut,
    openapi_extra=EVENT_BODY,
)
def publish_partner_event(
    request: Request, gate: Guarded, body: Annotated[bytes, Depends(raw_body)]
) -> Any:
    """A partner's CloudEvent (docs/partners.md) in any content mode of the HTTP binding, each
    event taken once per (source, id): 202 when taken, also for a repeat; 400 naming the
    reason when refused. A signal gets the same 202 whether or not it matches a case: the
    outcome is seen only inside the Meldpunt (docs/privacy.md). Past the token's budget
    (MELDPUNT_PARTNER_SIGNALS_PER_MINUTE events a minute): 429 with Retry-After, none taken.
    In a batch each event is taken or refused on its own: 202 when none was refused, else 400
    naming the refused ones by their place (the others were taken)."""
    partner = _partner(gate, Action.PUBLISH_PARTNER_EVENT)
    headers = {name.lower(): value for name, value in request.headers.items()}
    try:
        events = cloudevents.from_http(headers, body)
    except InvalidInput as error:
        gate.record(gate.entry("write", "partner_event", "bad_input"))
        raise ProblemError(
            400, "api.partner_event_refused", "api.partner_event_refused", str(error)
        ) from None
    _spend(request, gate, partner, len(events))
    inbound = PartnerInbound(gate.app.bus, gate.app.partners)
    results = []
    for event in events:
        if isinstance(event, InvalidInput):
            result = Result(Outcome.REFUSED, str(event))
        else:
            result = inbound.take(event, partner)
        outcome = "ok" if result.outcome is not Outcome.REFUSED else "bad_input"
        gate.record(gate.entry("write", "partner_event", outcome))
        results.append(result)
    batch = media_type(headers.get("content-type", ""))[0] == cloudevents.BATCH
    if not batch:
        [result] = results
        if result.outcome is Outcome.REFUSED:
            raise ProblemError(
                400, "api.partner_event_refused", "api.partner_event_refused", result.reason
            )
        return {"outcome": result.outcome.value, "key": result.event_key}
    named = [(str(n), r.reason) for n, r in enumerate(results) if r.outcome is Outcome.REFUSED]
    if named:
        t = texts(request)
        detail = t("api.partner_batch_refused", refused=len(named), total=len(results))
        listed = [{"name": name, "reason": reason} for name, reason in named]
        return problem(400, t("api.partner_event_refused"), detail, invalid_params=listed)
    return {"events": [{"outcome": r.outcome.value, "key": r.event_key} for r in results]}


def _spend(request: Request, gate: Gate, partner: str, events: int) -> None:
    """Past the token's budget: 429 with Retry-After, nothing taken, the team lead told once."""
    budget: PartnerBudget = request.app.state.partner_budget
    over = budget.spend(gate.principal.via or gate.principal.name, events)
    if over is None:
        return
    seconds, first = over
    gate.record(gate.entry("write", "partner_event", "over_budget"))
    if first:
        actor = f"partner:{partner}"
        gate.app.bus.handle(TellPartnerOverBudget(actor=actor, partner=partner, limit=budget.limit))
    raise ProblemError(
        429,
        "api.status.429",
        "api.partner_over_budget",
        headers={"Retry-After": str(seconds)},
        limit=budget.limit,
    )


@router.get("/partner/subscription")
def my_subscription(gate: Guarded) -> dict[str, Any]:
    """What this partner sends and receives: its event types and its subscriptions."""
    partner = gate.app.partners.partners[_partner(gate, Action.READ_SUBSCRIPTION)]
    gate.record(gate.entry("read", "partner_subscription", "ok"))
    return partner.model_dump(mode="json")


@router.get("/partner/disclosures", response_model=SentPage)
def sent_to_me(
    request: Request,
    gate: Guarded,
    since: Annotated[AwareDatetime, Query(description="from this moment (with its offset)")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """What was sent to this partner (or waits to be) since a moment, oldest first: the key
    each message carried, event, form, the names of the fields, legal basis, case id and how
    its delivery went; never what the message said."""
    partner = _partner(gate, Action.READ_SENT_TO_PARTNER)
    items, total = gate.app.deliveries.sent_to(partner, since, limit, offset)
    gate.record(gate.entry("read", "partner_disclosures", "ok"))
    return page(request, items, total, limit, offset)
