"""Query functions: database → DataFrame, parameterised SQL only, one module per subject."""
