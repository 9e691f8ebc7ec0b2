"""Media types as HTTP and the CloudEvents binding write them: a type and its parameters."""

from email.message import Message

JSON = "application/json"


def media_type(header: str) -> tuple[str, dict[str, str]]:
    """`application/json; charset=UTF-8` as ("application/json", {"charset": "utf-8"});
    an empty or broken header as ("text/plain", {}), the default RFC 2045 gives."""
    parsed = Message()
    parsed["content-type"] = header
    params = {k.lower(): v.lower() for k, v in (parsed.get_params() or [])[1:]}
    return parsed.get_content_type(), params


def is_json(header: str) -> bool:
    """JSON in UTF-8: application/json or a +json type, with no charset or charset=utf-8."""
    kind, params = media_type(header)
    json_kind = kind == JSON or kind.endswith("+json")
    return json_kind and params.get("charset", "utf-8") == "utf-8"
