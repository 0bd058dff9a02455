"""What readers and subscribers get: article pages, the facts box, listings, feeds, exports,
URLs."""
