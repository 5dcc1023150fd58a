"""Polite, bounded and SSRF-safe HTTP fetching: the address guard, the client, robots.txt."""
