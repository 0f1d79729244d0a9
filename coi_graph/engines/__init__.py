"""Other engines: Neo4j (load, rules in Cypher, bulk-import export)."""
