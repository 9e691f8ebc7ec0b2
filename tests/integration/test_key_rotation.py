"""Key rotation: after `rotate`, the old key can go and everything still reads."""

from cryptography.fernet import Fernet

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.db.rotation import rotate_keys
from tests.conftest import make_settings, with_people
from tests.integration.helpers import ASSESS_HIGH, fire, register


def test_rotation_re_encrypts_under_the_new_key_so_the_old_one_can_be_retired(
    database_url: str,
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    first = bootstrap(make_settings(database_url, data_keys=old))
    upgrade(first.engine)
    with_people(first)
    ref = register(first)
    fire(first, ref.case_id, "assess_risk", ASSESS_HIGH)
    first.engine.dispose()

    both = bootstrap(make_settings(database_url, data_keys=f"{new},{old}"))
    counts = rotate_keys(both.engine, both.cipher)
    assert counts == {"reports": 1, "case_history": 2, "advice_questions": 0}
    both.engine.dispose()

    only_new = bootstrap(make_settings(database_url, data_keys=new))
    history = only_new.queries.detail(ref.case_id)["history"]
    assert history[1]["data"]["rationale"] == ASSESS_HIGH["rationale"]
    only_new.engine.dispose()
