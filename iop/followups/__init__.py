"""Follow-up reports (återrapportering): what an organisation handed in for a follow-up date."""
