"""The monthly work report as PDF and as an Excel workbook."""
