"""The rules the data must follow beyond its types: privacy, loads from other hosts, photos, ids and references, 公示, site health."""
