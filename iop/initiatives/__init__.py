"""Initiatives from civil society and the cross-department network that triages them (Linköping's model)."""
