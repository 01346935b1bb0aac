"""Loading KPSS data: files in the import format, public national lists, reference and demo data."""
