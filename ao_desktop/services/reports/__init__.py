"""Use cases of the work report: gather, write, keep in the history; targets."""
