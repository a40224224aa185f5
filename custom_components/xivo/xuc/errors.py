"""Exceptions raised by the XUC client."""

from __future__ import annotations


class XucError(Exception):
    """Base class for every error of this library."""


class XucConnectionError(XucError):
    """The server could not be reached, or the link broke."""


class XucTlsError(XucConnectionError):
    """The TLS handshake failed (for example a self-signed certificate)."""


class XucAuthenticationError(XucError):
    """The server refused the login and password."""


class XucTokenRefusedError(XucError):
    """The server refused a token that used to be valid; a fresh login may fix it."""


class XucNotConnectedError(XucError):
    """A command was sent while the CTI link was down."""


class XucTimeoutError(XucError):
    """The server did not answer a request in time."""


class XucCommandError(XucError):
    """The server answered a request with an `Error` message."""

    def __init__(self, code: str, message: str = "") -> None:
        """Keep the server's code so callers can act on it."""
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
