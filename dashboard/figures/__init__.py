"""Pure figure builders: DataFrame in, Plotly figure out (no database, no Dash)."""
