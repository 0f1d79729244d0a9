"""Read and validate the corporation's exports (the tables of the data contract)."""
