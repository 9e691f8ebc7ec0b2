"""The background scheduler (APScheduler 3): deadline sweeps, reminders and housekeeping, run by
one elected process in the region."""
