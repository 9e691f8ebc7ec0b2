"""The partners' way in and out: CloudEvents from partners become commands (one adapter per
partner), and disclosures go out by AMQP or webhook."""
