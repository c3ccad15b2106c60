"""Key dates of active agreements, reminder e-mails before them, and calendar feeds of them."""
