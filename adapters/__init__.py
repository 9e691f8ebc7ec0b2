"""The outside world: database, message broker, command line, and the wiring in bootstrap."""
