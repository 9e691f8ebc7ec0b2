"""Pages from Jinja2 templates (adapters/web/templates/), every word from the catalogue
(config/texts, area `web`), times in Europe/Amsterdam. Every page says `no-store`: most hold
personal data, and a shared computer must not show one from its cache."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from adapters.bootstrap import App
from adapters.web.session import CSRF_FIELD, current
from workflow.access import Action, may

TEMPLATES = Path(__file__).with_name("templates")


def environment(app: App) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    t = app.texts
    env.globals.update(t=t, label=t.label, moment=t.moment, day=t.day, csrf_field=CSRF_FIELD)

    def options(kind: str, values: list[Any]) -> list[tuple[str, str]]:
        return [(str(v), t.label(kind, str(v))) for v in values]

    def history(trigger: str) -> str:
        for key in (f"trigger.{trigger}", f"web.history.{trigger}"):
            if key in t.words:
                return t(key)
        return trigger

    env.globals.update(options=options, history=history)
    return env


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page `template` for the person asking (none on the sign-in page)."""
    env: Environment = request.app.state.web_templates
    session = current(request)
    principal = session.principal if session else None
    menu = (
        []
        if principal is None
        else [(href, key) for href, key, action in MENU if may(principal.roles, action)]
    )
    html = env.get_template(template).render(
        request=request,
        me=principal,
        csrf=session.csrf_token if session else getattr(request.state, "sign_in_csrf", ""),
        menu=menu,
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


MENU = [
    ("/werkvoorraad", "web.menu.worklist", Action.LIST_CASES),
    ("/melding/nieuw", "web.menu.new_report", Action.REGISTER_REPORT),
    ("/teamleider", "web.menu.team_lead", Action.REVIEW_BREAK_GLASS),
    ("/meldingen", "web.menu.notifications", Action.READ_NOTIFICATIONS),
    ("/cijfers", "web.menu.figures", Action.READ_STATISTICS),
    ("/adviesvragen", "web_figures.menu.noncase", Action.RECORD_NONCASE_WORK),
    ("/vernietiging", "oversight.menu.retention", Action.MANAGE_RETENTION),
    ("/privacy", "oversight.menu.privacy", Action.SUBJECT_ACCESS_REPORT),
]
