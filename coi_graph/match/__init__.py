"""Matching: deciding that two records are one person or one organization, with reasons."""
