"""Getting events from the outbox to their handlers: in process (embedded) or through RabbitMQ."""
