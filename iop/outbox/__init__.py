"""Outgoing e-mail as rows (a transactional outbox): queued with the change that causes it,
delivered afterwards, retried until sent or given up, never sent twice for one key."""
