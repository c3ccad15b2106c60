"""Word documents for agreements: templates, rendering, linting."""
