"""digest: news articles in, a searchable site with key-facts boxes, tags and feeds out."""

__version__ = "0.1.0"
