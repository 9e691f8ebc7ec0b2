"""Re-encrypt data at rest under the newest key, so an old key can be retired."""

from sqlalchemy import Engine, func, select, update

from adapters.crypto import FieldCipher
from adapters.db.tables import advice_questions, case_history, reports
from adapters.progress import SILENT, Progress


def rotate_keys(engine: Engine, cipher: FieldCipher, progress: Progress = SILENT) -> dict[str, int]:
    """Every encrypted value is decrypted with any listed key and encrypted with the first."""
    counts = {"reports": 0, "case_history": 0, "advice_questions": 0}
    with engine.connect() as conn, conn.begin():
        total = sum(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (reports, case_history, advice_questions)
        )
        progress.start(total)
        for row in conn.execute(select(reports.c.case_id, reports.c.content)).all():
            conn.execute(
                update(reports)
                .where(reports.c.case_id == row.case_id)
                .values(content=cipher.rotate(row.content))
            )
            counts["reports"] += 1
            progress.advance()
        entries = conn.execute(
            select(case_history.c.case_id, case_history.c.seq, case_history.c.data)
        ).all()
        for entry in entries:
            conn.execute(
                update(case_history)
                .where(case_history.c.case_id == entry.case_id, case_history.c.seq == entry.seq)
                .values(data=cipher.rotate(entry.data))
            )
            counts["case_history"] += 1
            progress.advance()
        advice = advice_questions.c
        for question in conn.execute(select(advice.id, advice.advice)).all():
            conn.execute(
                update(advice_questions)
                .where(advice.id == question.id)
                .values(advice=cipher.rotate(question.advice))
            )
            counts["advice_questions"] += 1
            progress.advance()
    return counts
