"""The yearly report to the executive board (kommunstyrelsen), in JSON, CSV, XLSX and Word."""
