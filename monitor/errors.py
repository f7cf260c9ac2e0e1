"""The project's exceptions: one base class, one subclass per kind of failure a user can act on.

A message always says where the problem is and, where we know it, how to fix it.
"""


class IcsWatchError(Exception):
    """Base of every error ICS Watch raises on purpose."""


class ConfigError(IcsWatchError):
    """The configuration cannot be used. `problems` holds every problem found, not just the first."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = problems or []


class FetchError(IcsWatchError):
    """A page or document could not be fetched."""


class ExtractError(IcsWatchError):
    """Text could not be extracted from a document."""


class DeliveryError(IcsWatchError):
    """A digest could not be delivered. `permanent` when the server refused it for good (a 5xx reply to
    the recipient or the message): retrying the same message will not help, so it is retried only a few
    times; anything else (server down, 4xx "try later", a login problem) is worth retrying."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent
