"""Exceptions raised by the XUC client."""

from __future__ import annotations


class XucError(Exception):
    """Base class for every error of this library."""


class XucConnectionError(XucError):
    """The server could not be reached, or the link broke."""


class XucTlsError(XucConnectionError):
    """The TLS handshake failed: the port may not speak TLS at all."""


class XucCertificateError(XucTlsError):
    """The server's certificate was refused (self-signed, expired, another name)."""


class XucInvalidHostError(XucError, ValueError):
    """The host is not a host name or an IP address (with an optional port)."""


class XucAuthenticationError(XucError):
    """The server refused the login and password."""


class XucTokenRefusedError(XucError):
    """The server refused a token that used to be valid; a fresh login may fix it."""


class XucNotConnectedError(XucError):
    """A command was sent while the CTI link was down."""


class XucTimeoutError(XucError):
    """The server did not answer a request in time."""


class XucCommandError(XucError):
    """The server refused a command or a request (an `Error` message, or a failed call)."""

    def __init__(self, code: str, message: str = "", command: str = "") -> None:
        """Keep the server's code and reason, and the command they answer."""
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
        self.command = command

    @property
    def reason(self) -> str:
        """The server's words, or its code when it gave none."""
        return self.message or self.code


class XucNotAnAgentError(XucError):
    """An agent command for a user who is not a contact-centre agent."""


class XucAgentError(XucCommandError):
    """The server refused an agent command with an `AgentError` (a login, as documented)."""

    def __init__(
        self,
        code: str,
        command: str = "",
        phone_number: str | None = None,
        requested_number: str | None = None,
    ) -> None:
        """Keep the server's reason and the lines it names."""
        super().__init__(code, "", command)
        self.phone_number = phone_number
        """The line the agent is logged on (`LoggedInOnAnotherPhone`)."""
        self.requested_number = requested_number
        """The line the login asked for."""
