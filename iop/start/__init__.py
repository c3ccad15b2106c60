"""The start page: what the signed-in user needs today, by role."""
