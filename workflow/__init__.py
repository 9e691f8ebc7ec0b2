"""The domain: the Case aggregate, commands, events, the message bus and the unit-of-work port."""
