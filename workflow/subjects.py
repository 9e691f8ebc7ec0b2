"""Recognising the same person across reports without keeping a plaintext identifier to match on.

A keyed hash (HMAC-SHA256) of the normalised BSN, or of the normalised name plus date of birth
when there is no BSN, is the subject key. Without the key the hashes reveal nothing, and a
leaked table cannot be matched against a list of names."""

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz
from stdnum.nl import bsn as stdnum_bsn

from workflow.report import Subject


def normalise_name(name: str) -> str:
    """Case, accents, punctuation and word order do not matter: 'Testpersoon, Fénna' = 'fenna
    testpersoon'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return " ".join(sorted(words))


def normalise_bsn(bsn: str) -> str:
    return stdnum_bsn.compact(bsn)


def name_similarity(a: str, b: str) -> float:
    """From 0 to 1: twice the longest common subsequence of the normalised names over their
    total length (rapidfuzz's Indel ratio; difflib's greedy matching found less for some pairs)."""
    return fuzz.ratio(a, b, processor=normalise_name) / 100


@dataclass(frozen=True)
class SubjectIdentity:
    """The keys a case is matched by; any may be None when the report lacks the data."""

    subject_key: str | None
    name_dob_key: str | None
    dob_key: str | None


class SubjectKeys:
    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the subject key must be at least 16 bytes")
        self._key = key

    def _hash(self, purpose: str, value: str) -> str:
        return hmac.new(self._key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def identify(self, subject: Subject) -> SubjectIdentity:
        name_dob = (
            self._name_dob(subject.name, subject.date_of_birth)
            if subject.name and subject.date_of_birth
            else None
        )
        bsn = self._hash("bsn", normalise_bsn(subject.bsn)) if subject.bsn else None
        dob = (
            self._hash("dob", subject.date_of_birth.isoformat()) if subject.date_of_birth else None
        )
        return SubjectIdentity(bsn or name_dob, name_dob, dob)

    def _name_dob(self, name: str, born: date) -> str:
        return self._hash("name-dob", f"{normalise_name(name)}|{born.isoformat()}")
