"""Storage of the reports area: the work figures read for a report, targets, history."""
