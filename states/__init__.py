"""The case state machine: states, triggers and guards. Pure: no I/O, no clock, no database."""

from states.lifecycle import RiskLevel, State, Trigger
from states.machine import TriggerRefused, allowed_triggers, next_state

__all__ = ["RiskLevel", "State", "Trigger", "TriggerRefused", "allowed_triggers", "next_state"]
