"""Documents of the loan portfolio: warning letters (SP1-SP3)."""
