"""Users, roles, API tokens and web login."""
