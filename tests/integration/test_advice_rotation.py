"""The advice text is encrypted under the data keys and rotated with them: after `keys rotate`
the old key can go and the advice still reads (SQLite and PostgreSQL)."""

from cryptography.fernet import Fernet

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.db.noncase_queries import NonCaseQueries
from adapters.db.rotation import rotate_keys
from tests.conftest import make_settings
from workflow.noncase_commands import RecordAdviceQuestion

FORM = {
    "asked_on": "2026-10-01",
    "channel": "email",
    "organisation": "Wijkteam",
    "professional": "social_worker",
    "municipality": "Losser",
    "topics": ["labour"],
    "advice": "Call Veilig Thuis for a consultation.",
    "minutes": 40,
}


def test_rotation_re_encrypts_the_advice_so_the_old_key_can_be_retired(database_url: str) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    first = bootstrap(make_settings(database_url, data_keys=old))
    upgrade(first.engine)
    advice_id = first.bus.handle(RecordAdviceQuestion(actor="anna", advice=FORM)).id
    first.engine.dispose()

    both = bootstrap(make_settings(database_url, data_keys=f"{new},{old}"))
    assert rotate_keys(both.engine, both.cipher)["advice_questions"] == 1
    both.engine.dispose()

    only_new = bootstrap(make_settings(database_url, data_keys=new))
    shown = NonCaseQueries(only_new.engine, only_new.cipher).advice(advice_id)
    assert shown is not None and shown["advice"] == FORM["advice"]
    only_new.engine.dispose()
