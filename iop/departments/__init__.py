"""Committees (nämnder) and the departments (förvaltningar) that serve them."""
