"""Reading seeds: finding, decoding, front matter, names and slugs, git history, checks."""
