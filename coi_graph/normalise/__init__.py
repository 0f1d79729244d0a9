"""Normalisation: Dutch names (particles, initials, transliteration) before matching."""
