"""vnreports: scanned Vietnamese administrative reports -> audited, structured data."""

__version__ = "0.1.0"
