"""The link graph: people, organizations, identifiers and dated links; decisions as a table; reach."""
