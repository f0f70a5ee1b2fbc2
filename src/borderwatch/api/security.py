"""Passwords, tokens and login throttling, free of any web framework.

Passwords are hashed with argon2id; tokens are JWTs signed with HS256 and the settings'
``secret_key``; failed logins are limited per user name and per client in process.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey
from sqlalchemy import Engine

from borderwatch.api.errors import TooManyRequests, Unauthenticated
from borderwatch.store.users import (
    Principal,
    StoredUser,
    get_user,
    record_login,
    set_password_hash,
)

TOKEN_MINUTES = 60
USER_CACHE_SECONDS = 30.0
MAX_FAILURES = 5
WINDOW_SECONDS = 300.0
_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches the stored hash."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


class LoginLimiter:
    """At most ``limit`` failed logins per key within ``window`` seconds (sliding window)."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def check(self, *keys: str) -> None:
        """Refuse with :class:`TooManyRequests` when any key is over its limit."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if len(times) >= self.limit:
                    wait = int(times[0] + self.window - now) + 1
                    raise TooManyRequests(
                        "too many failed logins; try again later", retry_after=wait
                    )

    def fail(self, *keys: str) -> None:
        """Count one failure against each key."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeed(self, *keys: str) -> None:
        """Forget the failures of each key."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


@dataclass(frozen=True, slots=True)
class Token:
    """An issued access token and its lifetime in seconds."""

    access_token: str
    expires_in: int


class Authenticator:
    """Logs users in against the store and reads the tokens it issued."""

    def __init__(self, engine: Engine, secret: str, *, allow_demo: bool = False,
                 limiter: LoginLimiter | None = None) -> None:  # fmt: skip
        self.engine = engine
        self._key = OctKey.import_key(secret.encode())
        self.allow_demo = allow_demo
        self.limiter = limiter or LoginLimiter()
        self._users: dict[str, tuple[float, StoredUser | None]] = {}

    def _user(self, username: str) -> StoredUser | None:
        """The stored user, re-read at most every :data:`USER_CACHE_SECONDS` (a disabled
        user's tokens stop working within that time)."""
        now = time.monotonic()
        cached = self._users.get(username)
        if cached is not None and now - cached[0] < USER_CACHE_SECONDS:
            return cached[1]
        stored = get_user(self.engine, username)
        self._users[username] = (now, stored)
        return stored

    def _usable(self, principal: Principal) -> Principal:
        if principal.demo and not self.allow_demo:
            raise Unauthenticated("demo users are refused outside demo mode")
        return principal

    def login(self, username: str, password: str, client: str) -> Token:
        """A token for valid credentials; :class:`Unauthenticated` or :class:`TooManyRequests`."""
        keys = (f"user:{username}", f"client:{client}")
        self.limiter.check(*keys)
        stored = get_user(self.engine, username)
        ok = stored is not None and stored.active
        ok = verify_password(stored.password_hash, password) if ok and stored else False
        record_login(self.engine, username, client, ok)
        if not ok or stored is None:
            self.limiter.fail(*keys)
            raise Unauthenticated("wrong user name or password")
        self.limiter.succeed(*keys)
        if _HASHER.check_needs_rehash(stored.password_hash):
            set_password_hash(self.engine, username, hash_password(password))
        return self.issue(self._usable(stored.principal))

    def issue(self, principal: Principal) -> Token:
        """A signed token naming ``principal``."""
        now = int(time.time())
        claims = {"sub": principal.username, "role": principal.role.value,
                  "iat": now, "exp": now + TOKEN_MINUTES * 60}  # fmt: skip
        encoded = jwt.encode({"alg": "HS256"}, claims, self._key, algorithms=["HS256"])
        return Token(encoded, TOKEN_MINUTES * 60)

    def principal(self, token: str) -> Principal:
        """The user a token names, re-read from the store (a disabled user is refused)."""
        try:
            decoded = jwt.decode(token, self._key, algorithms=["HS256"])
            jwt.JWTClaimsRegistry(exp={"essential": True}, sub={"essential": True}).validate(
                decoded.claims
            )
        except (JoseError, ValueError) as exc:
            raise Unauthenticated("the token is not valid", reason=type(exc).__name__) from None
        stored = self._user(str(decoded.claims["sub"]))
        if stored is None or not stored.active:
            raise Unauthenticated("the token's user no longer exists")
        return self._usable(stored.principal)
