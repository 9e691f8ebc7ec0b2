"""The domain: the Case aggregate, commands and events, the message bus and the unit-of-work port."""
