"""Use cases of the loan portfolio: extract import, summary, collections, letters."""
