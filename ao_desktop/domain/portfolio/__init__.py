"""The loan portfolio: accounts, core-banking extracts, collectibility, NPL, movement,
collections and warning letters (pure Python)."""
