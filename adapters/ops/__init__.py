"""Running the service in production: heartbeats, health and readiness, metrics, request ids."""
