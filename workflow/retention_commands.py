"""Commands of retention (docs/retention.md): legal holds, destruction lists, anonymisation,
erasure and the pruning of records past their term."""

from datetime import datetime
from typing import Annotated

from pydantic import StringConstraints

from workflow.commands import Command
from workflow.plain_text import PRINTABLE

Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=10, max_length=2000, pattern=PRINTABLE)
]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=36)]


class PlaceLegalHold(Command):
    """A prosecution, a complaint or a request of the police: nothing happens to the case until
    the hold is lifted."""

    case_id: Id
    reason: Reason


class LiftLegalHold(Command):
    case_id: Id
    reason: Reason


class ProposeDestruction(Command):
    """List the closed cases past their archive action date (the `retention` job)."""

    now: datetime


class RequestErasure(Command):
    """The subject asks for erasure (AVG art. 17): proposed on a list of its own, or refused."""

    case_id: Id
    reason: Reason


class ApproveDestructionList(Command):
    list_id: Id


class TakeOffDestructionList(Command):
    list_id: Id
    case_id: Id
    reason: Reason


class AnonymiseBatch(Command):
    """Anonymise the next batch of approved cases; `size` 0: the configured batch size."""

    now: datetime
    size: int = 0


class PruneRecords(Command):
    """Remove the notifications past their term (the access log's is counted)."""

    now: datetime
