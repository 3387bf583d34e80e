"""The monthly work report: its period, figures by section, targets and headline."""
