"""Developer tools, run from a checkout (`make templates`); not part of the installed service."""
