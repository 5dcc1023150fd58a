"""claimtrack: who claimed what in the media, and where the two sides of a dispute contradict."""

__version__ = "0.1.0"
