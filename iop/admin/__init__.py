"""The administrator's pages: users and their API tokens, departments and committees, and the agreement
templates' check."""
