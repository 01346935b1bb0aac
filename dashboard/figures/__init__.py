"""Figure builders: DataFrame in, figure or display table out; pure, tested without a browser."""
