"""One module per page; each registers itself with Dash Pages and builds its layout from the query string."""
