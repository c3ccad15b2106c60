"""The version of the service, in one place: the health answer and the page footer show it."""

__version__ = "0.1.0"
