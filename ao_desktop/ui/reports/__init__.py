"""The Laporan view: the report builder, its preview, targets and history."""
