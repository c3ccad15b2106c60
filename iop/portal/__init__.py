"""The organisations' portal (e-tjänst): contact persons sign in and see their organisation's records."""
