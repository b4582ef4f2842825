"""API keys for servers, kept in the operating system's credential store (``keyring``).

Never in the settings file. A machine without a credential store (a bare Linux session, some
containers) still works: the key is then held for this run only, and callers can say so.
"""

from __future__ import annotations

import contextlib

__all__ = ["SERVICE", "CredentialStore"]

#: The service name entries are filed under (Windows Credential Manager, macOS Keychain, ...).
SERVICE = "ThinkDesk"


class CredentialStore:
    """Get and set one secret per server address; falls back to memory without a backend."""

    def __init__(self, service: str = SERVICE):
        self.service = service
        self._memory: dict[str, str] = {}
        self.problem: str | None = None  # why the OS store could not be used, if it could not

    def _keyring(self):
        try:
            import keyring
            from keyring.backends import fail
        except Exception as err:  # not installed or broken: memory only
            self.problem = str(err) or type(err).__name__
            return None
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            self.problem = "no credential store is available on this computer"
            return None
        return keyring

    @property
    def persistent(self) -> bool:
        """True if keys outlive this run (an OS credential store is there)."""
        return self._keyring() is not None

    def get(self, account: str) -> str:
        """The stored key for ``account`` (a server address), or ""."""
        if account in self._memory:
            return self._memory[account]
        keyring = self._keyring()
        if keyring is None:
            return ""
        try:
            return keyring.get_password(self.service, account) or ""
        except Exception as err:  # a locked or broken store must not stop the app
            self.problem = str(err) or type(err).__name__
            return ""

    def set(self, account: str, secret: str) -> bool:
        """Store (or with "" forget) the key; True if it went to the OS store."""
        keyring = self._keyring()
        self._memory[account] = secret
        if keyring is None:
            return False
        try:
            if secret:
                keyring.set_password(self.service, account, secret)
            else:
                # Nothing stored means nothing to forget.
                with contextlib.suppress(Exception):
                    keyring.delete_password(self.service, account)
        except Exception as err:
            self.problem = str(err) or type(err).__name__
            return False
        del self._memory[account]
        return True
