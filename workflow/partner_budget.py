"""A partner over its budget of events (MELDPUNT_PARTNER_SIGNALS_PER_MINUTE): the team lead is
told, once for each time a token goes over, so a probe for who is known is seen inside."""

from workflow.commands import Command


class TellPartnerOverBudget(Command):
    """Tell the team lead that `partner` sent more than `limit` events in a minute."""

    partner: str
    limit: int
