"""Errors that newsread reports to the user as one clear line instead of a traceback."""


class NewsreadError(Exception):
    """A failure the user can act on; its message is printed as one line on stderr."""


class InputError(NewsreadError):
    """A source (file, URL, feed, stdin) that cannot be read as an article."""
