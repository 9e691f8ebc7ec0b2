"""A corrected report (AVG art. 16) as the statements its commit sends: the report's encrypted
content in place of the old one (the old value stays, encrypted, in the case's history), and
what the case row knows from the report: the municipality, the age and the subject keys."""

from sqlalchemy import Executable, update

from adapters.crypto import FieldCipher
from adapters.db.tables import cases, reports
from workflow.case import Case
from workflow.report import Report


def correction_updates(case: Case, report: Report, cipher: FieldCipher) -> list[Executable]:
    identity = case.identity
    return [
        update(reports)
        .where(reports.c.case_id == case.id)
        .values(content=cipher.encrypt(report.model_dump_json())),
        update(cases)
        .where(cases.c.id == case.id)
        .values(
            municipality=case.municipality,
            age_at_report=case.age_at_report,
            subject_key=identity.subject_key if identity else None,
            name_dob_key=identity.name_dob_key if identity else None,
            dob_key=identity.dob_key if identity else None,
        ),
    ]
