"""Association grants (föreningsbidrag) imported from the committees' grant systems."""
