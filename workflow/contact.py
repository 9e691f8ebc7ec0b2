"""A reporter's e-mail address and phone number, checked for their form by the libraries that
know the rules (email-validator, phonenumbers) and kept in one normal form each.

The e-mail address is checked for syntax only: no DNS lookup at intake (a reporter's mail
server being down says nothing about the report). It is kept as email-validator normalises it
(the domain in lower case, Unicode in NFC). The phone number is kept in the international form
("+31 6 12345678", an extension as " ext. 12"): the same number however it was typed, readable
to the person who calls back, and its E.164 form is that without the spaces."""

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from workflow import intake_messages as say

REGION = "NL"  # a number without + is Dutch: reporters are in Twente
EXAMPLE = "06 12345678"


def email_address(text: str) -> str:
    """`text` as an e-mail address in its normal form; ValueError saying why it is not one."""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(say.not_an_email(str(error))) from None


def phone_number(text: str) -> str:
    """`text` as a phone number in the international form; ValueError when it is not one that
    can be dialled (a short number such as 112 is not a reporter's number either)."""
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise ValueError(say.not_a_phone_number(EXAMPLE)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(say.not_a_phone_number(EXAMPLE))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
