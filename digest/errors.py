"""The one exception the CLI turns into a message and exit code 1."""


class DigestError(Exception):
    """A problem the user can fix: bad config, bad seeds. Its text is the whole message."""
