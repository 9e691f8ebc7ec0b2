"""The unit of work's side of the disclosures: new ones to insert on commit, what a handler
may ask (stuck ones, whether a partner was told of a case), and the few updates it makes."""

import json
from datetime import datetime

from sqlalchemy import Connection, Executable, select

from adapters.crypto import FieldCipher
from adapters.db import stuck_disclosures
from adapters.db.tables import PENDING, disclosures
from workflow.partners import Disclosure, StuckDisclosure
from workflow.unit_of_work import DisclosureRepository


class SqlDisclosureRepository(DisclosureRepository):
    def __init__(self, connection: Connection, cipher: FieldCipher) -> None:
        self.connection = connection
        self.cipher = cipher
        self.pending: list[Disclosure] = []
        self.updates: list[Executable] = []  # sent on commit, after the inserts

    def add(self, disclosure: Disclosure) -> None:
        self.pending.append(disclosure)

    def stuck_unsaid(self, pending_since: datetime, limit: int) -> list[StuckDisclosure]:
        return stuck_disclosures.stuck(self.connection, pending_since, limit, unsaid_only=True)

    def said_stuck(self, disclosure_id: int, at: datetime) -> None:
        self.updates.append(stuck_disclosures.said_stuck(disclosure_id, at))

    def named_case_to(self, case_id: str, partner: str) -> bool:
        query = select(disclosures.c.fields).where(
            disclosures.c.case_id == case_id, disclosures.c.partner == partner
        )
        return any("case_id" in json.loads(f) for f in self.connection.execute(query).scalars())

    def rows(self) -> list[dict[str, object]]:
        """The rows to insert into `disclosures` on commit."""
        return [
            {
                "case_id": d.case_id,
                "partner": d.partner,
                "event_id": d.event_id,
                "event_type": d.event_type,
                "form": d.form.value,
                "fields": json.dumps(d.fields),
                "legal_basis": d.legal_basis,
                "consent_id": d.consent_id,
                "payload": self.cipher.encrypt(json.dumps(d.payload, ensure_ascii=False)),
                "channel": d.channel,
                "status": PENDING,
                "attempts": 0,
                "next_attempt_at": d.created_at,
                "created_at": d.created_at,
            }
            for d in self.pending
        ]
