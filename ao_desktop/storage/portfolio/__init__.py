"""Storage of the loan portfolio: extracts, accounts, positions, letters."""
