"""What ties articles together: tags, related articles, topics, weekly editions."""
