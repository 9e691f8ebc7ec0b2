"""Run in the previous release's source tree (the commit before migration 0011 was added, whose
head is 0010), by tests/integration/ops/test_upgrade_from_previous_release.py: make the schema
with that release's own code and fill it with its own commands. Prints what it made as JSON.

    python previous_release.py DATABASE_URL DATA_KEY"""

import json
import sys

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from config.logging import configure_logging
from config.settings import Settings
from tests.conftest import new_report, with_people
from workflow.access import AccessEntry
from workflow.commands import FireTrigger, RegisterReport
from workflow.transition_data import transition_data

MOVES = [
    ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "signals"}),
    ("start_case_direction", {"case_director": "anna", "plan": "plan van aanpak"}),
]

url, key = sys.argv[1], sys.argv[2]
configure_logging("WARNING", json=True)  # on stderr: stdout is the answer
app = bootstrap(Settings(database_url=url, data_keys=key, subject_key="subject-key-previous"))
upgrade(app.engine)
with_people(app)
made = []
for _ in range(3):
    ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    for trigger, data in MOVES:
        move = FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, data))
        ref = app.bus.handle(move)
    entry = AccessEntry("anna", "case_director", "cli", "read", "case", "ok", ref.case_id)
    app.access_log.record([entry])
    made.append(ref.case_id)
app.dispatcher.drain()  # notifications, disclosures, handled messages
print(json.dumps({case_id: app.queries.detail(case_id) for case_id in made}, default=str))
