"""The Notificaties API's own definition of a notification, as JSON Schema: the `Notificatie`
schema of the VNG-Realisatie notificaties-api (version 1, `src/openapi.yaml`, the request body
of POST /notificaties), the shape Open Notificaties takes. Transcribed field by field: names,
types, formats and lengths as published; `kenmerken` a map of strings."""

NOTIFICATIE = {
    "type": "object",
    "required": ["kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum"],
    "additionalProperties": False,
    "properties": {
        "kanaal": {"type": "string", "minLength": 1, "maxLength": 50},
        "hoofdObject": {"type": "string", "format": "uri", "minLength": 1},
        "resource": {"type": "string", "minLength": 1, "maxLength": 100},
        "resourceUrl": {"type": "string", "format": "uri", "minLength": 1},
        "actie": {"type": "string", "minLength": 1, "maxLength": 100},
        "aanmaakdatum": {"type": "string", "format": "date-time"},
        "kenmerken": {
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 1000},
        },
    },
}
