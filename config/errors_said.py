"""How each error a person can cause is said to them, in their language (config/texts): one
sentence, a title (the API's problem title) and every problem with its field. The CLI and the
HTTP API both say errors this way; logs keep the errors' English text."""

from config.texts import Texts
from states import TriggerRefused
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput, NotAllowed

Said = InvalidInput | TriggerRefused | ConcurrencyConflict | CaseNotFound | NotAllowed


def title(t: Texts, error: Said) -> str:
    if isinstance(error, NotAllowed):
        return t("error.title.outside_scope" if error.outside_scope else "error.title.not_allowed")
    kinds = {
        InvalidInput: "bad_input",
        TriggerRefused: "transition_refused",
        ConcurrencyConflict: "conflict",
        CaseNotFound: "not_found",
    }
    return t(f"error.title.{kinds[type(error)]}")


def problems(t: Texts, error: InvalidInput) -> list[tuple[str, str]]:
    return [(field, t.reason(reason)) for field, reason in error.problems]


def sentence(t: Texts, error: Said) -> str:
    """The whole error in one sentence, as the CLI prints it and the API's `detail` says it."""
    if isinstance(error, InvalidInput):
        listed = "; ".join(f"{field}: {reason}" for field, reason in problems(t, error))
        return t("error.bad_input", problems=listed)
    if isinstance(error, TriggerRefused):
        allowed = ", ".join(t.label("trigger", a) for a in error.allowed) or t("error.none")
        key = "error.transition_refused.guard" if error.missing else "error.transition_refused"
        key_known = error.missing_key and error.missing_key in t.words
        missing = t(error.missing_key) if key_known else t.reason(error.missing)
        return t(
            key,
            trigger=_trigger(t, error.trigger),
            state=t.label("state", error.state),
            allowed=allowed,
            missing=missing,
        )
    if isinstance(error, ConcurrencyConflict):
        return t("error.conflict", case_id=error.case_id, version=error.expected_version)
    if isinstance(error, CaseNotFound):
        return t("error.not_found", case_id=error.case_id)
    if error.outside_scope:
        return t("error.outside_scope")
    action = t(f"action.{error.action}")
    roles = ", ".join(t.label("role", role) for role in error.role.split("+"))  # roles_label
    return t("error.not_allowed", role=roles, action=action)


def _trigger(t: Texts, trigger: str) -> str:
    """A trigger's words, or the name as given when it is no trigger (an unknown one)."""
    return t.label("trigger", trigger) if f"trigger.{trigger}" in t.words else trigger
