"""The interactive API docs (/api/v1/docs): Swagger UI's files from the installed package
(swagger-ui-bundle-v2), so the page loads nothing from another host."""

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from adapters.http.document import BASE

DOCS = f"{BASE}/docs"
FILES = f"{DOCS}/files"


def install(api: FastAPI) -> None:
    api.mount(FILES, StaticFiles(directory=swagger_ui_path), name="swagger-ui")

    @api.get(DOCS, include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=f"{BASE}/openapi.json",
            title="meldpunt API",
            swagger_js_url=f"{FILES}/swagger-ui-bundle.js",
            swagger_css_url=f"{FILES}/swagger-ui.css",
            swagger_favicon_url=f"{FILES}/favicon-32x32.png",
        )
