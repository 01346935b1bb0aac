"""KPSS Monitor dashboard: Dash pages over the warehouse the ETL fills."""
