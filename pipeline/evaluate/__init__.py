"""Evaluation against labelled data: scores that later changes must not lower."""
