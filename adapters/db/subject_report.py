"""The data subject's access report (AVG art. 15): every case about the person, each as its full
file (adapters/db/case_file.py: the report decrypted, states, history, consents, what was
disclosed to which partner on which legal basis and when), and who read those cases (the access
log). The person is found the way intake recognises them (workflow/subjects.py, the subject
keys); restricted cases are included, as this is the rights work. Who may ask, and the
access-log rows of the report itself, are the entry point's (adapters/subject_rights.py)."""

from typing import Any

from sqlalchemy import ColumnElement, Engine, or_, select

from adapters.db.access_log import public_row
from adapters.db.case_file import CaseFiles
from adapters.db.case_lookups import same_subject
from adapters.db.tables import access_log, cases
from workflow.errors import CaseNotFound, validated
from workflow.person import PersonNamed
from workflow.report import Subject
from workflow.subjects import SubjectIdentity, SubjectKeys


class SubjectReports:
    def __init__(self, engine: Engine, files: CaseFiles, keys: SubjectKeys) -> None:
        self.engine, self.files, self.keys = engine, files, keys

    def identity(self, person: PersonNamed) -> SubjectIdentity:
        """The keys the person is recognised by; CaseNotFound for a case that is not there."""
        if person.case_id is None:
            given = {"bsn": person.bsn, "name": person.name, "date_of_birth": person.date_of_birth}
            named = {k: v for k, v in given.items() if v is not None}
            # The report's own rules for a name and a BSN, each problem named by its field.
            subject = validated(Subject, {**named, "municipality": "-"}, "person")
            return self.keys.identify(subject)
        query = select(cases.c.subject_key, cases.c.name_dob_key, cases.c.dob_key)
        with self.engine.connect() as conn:
            row = conn.execute(query.where(cases.c.id == person.case_id)).first()
        if row is None:
            raise CaseNotFound(person.case_id)
        return SubjectIdentity(row.subject_key, row.name_dob_key, row.dob_key)

    def case_ids(self, person: PersonNamed, identity: SubjectIdentity) -> list[str]:
        with self.engine.connect() as conn:
            found = {c.case_id for c in same_subject(conn, identity)}
        if person.case_id is not None:
            found.add(person.case_id)  # a case without keys is still the person's
        return sorted(found)

    def report(self, case_ids: list[str], identity: SubjectIdentity) -> dict[str, Any]:
        files = [self.files.read(case_id) for case_id in case_ids]
        keys = [k for k in (identity.subject_key, identity.name_dob_key) if k]
        seen: ColumnElement[bool] = access_log.c.case_id.in_(case_ids)
        if keys:
            seen = or_(seen, access_log.c.subject_key.in_(keys))
        query = select(access_log).where(seen).order_by(access_log.c.id)
        with self.engine.connect() as conn:
            accesses = [public_row(row) for row in conn.execute(query).mappings()]
        return {
            "cases": files,
            "disclosures": [
                {"case_id": f["case"]["case_id"], **d} for f in files for d in f["disclosures"]
            ],
            "accesses": accesses,
        }
