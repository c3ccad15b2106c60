"""Legal review of agreement documents: decisions bound to the exact bytes read."""
