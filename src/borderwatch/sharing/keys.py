"""Ed25519 signing keys: generate, store (PEM), and the public key as registered (the JWK
``x`` value, base64url of the 32 raw bytes)."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from joserfc.jwk import OKPKey

from borderwatch.errors import SourceUnreadable


def generate_key(path: Path) -> str:
    """Write a new private key to ``path`` (PEM, mode 0600) and return its public key."""
    key = OKPKey.generate_key("Ed25519")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(key.as_pem(private=True))
    path.chmod(0o600)
    return public_key_of(key)


def load_private_key(path: Path) -> OKPKey:
    """The private key in ``path``; a clear error if it is missing or not Ed25519."""
    try:
        key = OKPKey.import_key(path.read_bytes())
    except OSError as exc:
        raise SourceUnreadable(f"{path}: cannot read the signing key: {exc.strerror}") from None
    except Exception as exc:  # joserfc raises several types for a bad key file
        raise SourceUnreadable(f"{path}: not an Ed25519 private key ({exc})") from None
    if key.as_dict(private=False).get("crv") != "Ed25519" or not key.is_private:
        raise SourceUnreadable(f"{path}: not an Ed25519 private key")
    return key


def public_key_of(key: OKPKey) -> str:
    """The registrable public key of ``key``."""
    return str(key.as_dict(private=False)["x"])


def verifier(public_key: str) -> OKPKey:
    """The key that verifies signatures made with the private half of ``public_key``."""
    return OKPKey.import_key({"kty": "OKP", "crv": "Ed25519", "x": public_key})


def check_public_key(public_key: str) -> str | None:
    """None if ``public_key`` is a base64url Ed25519 public key, else what is wrong."""
    try:
        raw = base64.urlsafe_b64decode(public_key + "=" * (-len(public_key) % 4))
    except (binascii.Error, ValueError):
        return "not base64url"
    return None if len(raw) == 32 else "an Ed25519 public key is 32 bytes"
