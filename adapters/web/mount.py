"""The web application on the API's FastAPI app: its routers at `/`, its own static files, and
the stores it needs (accounts and sessions, what people mark). `install` is all app.py calls."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from adapters.bootstrap import App
from adapters.db.web_accounts import WebAccounts
from adapters.db.web_marks import WebMarks
from adapters.web import (
    routes_advice,
    routes_case,
    routes_case_people,
    routes_case_retention,
    routes_figures,
    routes_intake,
    routes_lead,
    routes_oidc,
    routes_prevention,
    routes_privacy,
    routes_retention,
    routes_sign_in,
    routes_worklist,
)
from adapters.web.oidc_sign_in import web_oidc
from adapters.web.render import environment

STATIC = Path(__file__).with_name("static")


def install(api: FastAPI, meldpunt: App) -> None:
    api.state.web_accounts = WebAccounts(meldpunt.engine, meldpunt.clock, meldpunt.users)
    api.state.web_marks = WebMarks(meldpunt.engine, meldpunt.clock)
    api.state.web_templates = environment(meldpunt)
    api.state.web_oidc = web_oidc(meldpunt.settings)
    api.state.web_templates.globals.update(may=routes_privacy.may_do)
    for module in (
        routes_sign_in,
        routes_oidc,
        routes_worklist,
        routes_intake,
        routes_case,
        routes_case_people,
        routes_lead,
        routes_figures,
        routes_advice,
        routes_prevention,
        routes_retention,
        routes_case_retention,
        routes_privacy,
    ):
        api.include_router(module.router)
    api.mount("/statisch", StaticFiles(directory=STATIC), name="web-static")
