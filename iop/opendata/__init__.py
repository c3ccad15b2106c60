"""Open data: what the municipality has agreed, published without personal data."""
