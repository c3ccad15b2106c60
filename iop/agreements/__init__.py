"""IOP and annual agreements: drafting, revisions, review, signing, renewal."""
