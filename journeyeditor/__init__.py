"""Journey Editor: an offline desktop editor for customer journey maps."""

__version__ = "0.1.0"


class JourneyEditorWarning(UserWarning):
    """Our own warnings; the test suite turns them into errors."""
