"""Names of organisations, places and people: the finder (``finder.extract``) runs the
rules on the vocabulary and gazetteers, the trained recognizer (``ner``) proposes, and the
merge policy (``merge``) decides."""
