"""Cypher twins of the detection rules, one ``.cypher`` file per rule, shipped as package data."""
