"""Partners' own clients: the official CloudEvents SDK for Python sends events in each content
mode of the HTTP binding (structured, binary, batch), with a charset in `datacontenttype`, and
each is taken once; a refused one in a batch is named by its place."""

import json
from typing import Any
from uuid import uuid4

from cloudevents.core.bindings import http as binding
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from tests.conftest import report_data
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

SCHOOL = "urn:nl:twente:scholen"
JSON_UTF8 = "application/json; charset=utf-8"


def report_event(**attributes: Any) -> CloudEvent:
    return CloudEvent(
        {
            "type": "nl.meldpunt.report",
            "source": SCHOOL,
            "id": uuid4().hex,
            "datacontenttype": JSON_UTF8,
            **attributes,
        },
        report_data(),
    )


def send(api: Api, message: binding.HTTPMessage) -> Any:
    headers = {**message.headers, **api.auth(Role.PARTNER)}
    return api.client.post(f"{BASE}/partner-events", content=message.body, headers=headers)


def cases(api: Api) -> int:
    total: int = api.client.get(f"{BASE}/cases", headers=api.auth(Role.TEAM_LEAD)).json()["total"]
    return total


def test_structured_mode_with_a_charset(api: Api) -> None:
    message = binding.to_structured_event(report_event())
    assert message.headers["content-type"] == "application/cloudevents+json"
    first, again = send(api, message), send(api, message)
    assert (first.status_code, first.json()["outcome"]) == (202, "handled"), first.text
    assert (again.status_code, again.json()["outcome"]) == (202, "duplicate")
    assert cases(api) == 1


def test_binary_mode(api: Api) -> None:
    message = binding.to_binary_event(report_event(subject="melding van school"))
    assert message.headers["ce-source"] == SCHOOL
    assert message.headers["content-type"] == JSON_UTF8
    first, again = send(api, message), send(api, message)
    assert (first.status_code, first.json()["outcome"]) == (202, "handled"), first.text
    assert again.json()["outcome"] == "duplicate"
    assert cases(api) == 1


def test_binary_mode_refuses_a_forged_source_with_the_reason(api: Api) -> None:
    police = report_event(source="urn:nl:politie:mensenhandel", type="nl.meldpunt.signal")
    answer = send(api, binding.to_binary_event(police))
    assert answer.status_code == 400
    assert "belongs to police, published as school" in answer.json()["detail"]


def test_batch_mode_takes_every_event_once(api: Api) -> None:
    events = [report_event() for _ in range(3)]
    body = b"[" + b",".join(JSONFormat().write(e) for e in events) + b"]"
    headers = {"content-type": "application/cloudevents-batch+json; charset=utf-8"}
    message = binding.HTTPMessage(headers=headers, body=body)
    answer = send(api, message)
    assert answer.status_code == 202, answer.text
    assert [e["outcome"] for e in answer.json()["events"]] == ["handled"] * 3
    again = send(api, message)
    assert [e["outcome"] for e in again.json()["events"]] == ["duplicate"] * 3
    assert cases(api) == 3


def test_a_refused_event_in_a_batch_is_named_and_the_others_are_taken(api: Api) -> None:
    good = json.loads(JSONFormat().write(report_event()))
    bad = {**json.loads(JSONFormat().write(report_event())), "datacontenttype": "text/xml"}
    body = json.dumps([good, bad]).encode()
    message = binding.HTTPMessage({"content-type": "application/cloudevents-batch+json"}, body)
    answer = send(api, message)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    [refused] = answer.json()["invalid_params"]
    assert refused["name"] == "1"
    assert "datacontenttype" in refused["reason"]
    assert cases(api) == 1


def test_an_event_of_another_content_type_is_415(api: Api) -> None:
    message = binding.to_binary_event(report_event(datacontenttype="application/xml"))
    assert send(api, message).status_code == 415
    assert cases(api) == 0
