"""Encryption of identifying data at rest (Fernet: AES-128-CBC with HMAC-SHA256).

MultiFernet lets keys rotate: the first key encrypts, every listed key decrypts, and
`rotate` re-encrypts a value under the first key.
"""

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class DataKeysDoNotFit(Exception):
    """Stored data that none of the configured data keys opens: a database restored without
    its keys, or keys of another installation. Said as such, never shown as garbage."""


class FieldCipher:
    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("at least one data key is needed")
        self._fernet = MultiFernet([Fernet(k.encode()) for k in keys])

    def encrypt(self, plaintext: str) -> bytes:
        return self._fernet.encrypt(plaintext.encode())

    def decrypt(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(token).decode()
        except InvalidToken:
            raise DataKeysDoNotFit("none of the data keys opens the stored data") from None

    def rotate(self, token: bytes) -> bytes:
        try:
            return self._fernet.rotate(token)
        except InvalidToken:
            raise DataKeysDoNotFit("none of the data keys opens the stored data") from None


def load_or_create_key_file(path: Path) -> list[str]:
    """The embedded mode's key: generated once, readable by the owner only."""
    if path.exists():
        return [line.strip() for line in path.read_text().splitlines() if line.strip()]
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return [key]


def load_or_create_secret_file(path: Path) -> bytes:
    """A random 32-byte secret kept in a file readable by the owner only (hex encoded)."""
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = os.urandom(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret.hex() + "\n")
    return secret
