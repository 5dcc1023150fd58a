"""RSS/Atom feeds and sitemaps: parsing them, their entries in a run, and grouping the entries
into stories."""
