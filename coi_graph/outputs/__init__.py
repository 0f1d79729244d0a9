"""Outputs: the workspace (cases, audit trail), diff, reports, the explore bundle and the browser app."""
