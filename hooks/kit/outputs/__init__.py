"""Outputs: what a build publishes besides the pages: feeds, calendars, open data, the site
map, page dates, our search entries and the photos, resized."""
