"""The administrator's pages: users and their API tokens, departments, and the agreement templates' check."""
