"""The port through which a unit of work keeps the non-case records: advice questions and
prevention activities. What a command writes here goes into the unit's one transaction, with an
access-log row per record when the command was made for a person."""

import abc

from workflow.advice import AdviceQuestion
from workflow.prevention import PreventionActivity

ADVICE_QUESTION = "advice_question"
PREVENTION_ACTIVITY = "prevention_activity"


class NonCaseRepository(abc.ABC):
    def __init__(self) -> None:
        # (resource, record id) of every record written: the commit logs each for the asker.
        self.written: list[tuple[str, str]] = []

    def add_advice(self, question: AdviceQuestion) -> None:
        self._add_advice(question)
        self.written.append((ADVICE_QUESTION, question.id))

    def link_advice(self, advice_id: str, case_id: str) -> None:
        """The advice question led to the report of `case_id`: linked, and counted as such."""
        self._link_advice(advice_id, case_id)
        self.written.append((ADVICE_QUESTION, advice_id))

    def add_activity(self, activity: PreventionActivity) -> None:
        self._add_activity(activity)
        self.written.append((PREVENTION_ACTIVITY, activity.id))

    def save_held(self, activity: PreventionActivity) -> None:
        self._save_held(activity)
        self.written.append((PREVENTION_ACTIVITY, activity.id))

    @abc.abstractmethod
    def advice(self, advice_id: str) -> AdviceQuestion | None:
        """The advice question, locked for this unit's transaction; None when there is none."""

    @abc.abstractmethod
    def activity(self, activity_id: str) -> PreventionActivity | None:
        """The activity, locked for this unit's transaction; None when there is none."""

    @abc.abstractmethod
    def _add_advice(self, question: AdviceQuestion) -> None: ...

    @abc.abstractmethod
    def _link_advice(self, advice_id: str, case_id: str) -> None: ...

    @abc.abstractmethod
    def _add_activity(self, activity: PreventionActivity) -> None: ...

    @abc.abstractmethod
    def _save_held(self, activity: PreventionActivity) -> None: ...
