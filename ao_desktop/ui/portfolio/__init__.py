"""The Portofolio view: summary, movement, collections worklist, extract import."""
