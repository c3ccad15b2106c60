""""Att göra": the work waiting for one user, gathered from several features (a page-level package:
it reads agreements, reviews, initiatives and the outbox; only the start page and the wiring use it)."""
