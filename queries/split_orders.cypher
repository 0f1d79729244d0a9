// split_orders: Opgeknipte opdrachten onder het mandaat / orders split to stay under the mandate.
// Finds every (handler, supplier) pair with two or more contracts, purchase orders or
// invoices (kinds in $split_orders_kinds, with an amount) within $split_orders_window_days
// days of each other: the candidates for orders split to stay under the handler's mandate.
// Enforces: Woonpartners Bijlage I, Inkoop & aanbesteding; Leystromen 2.3.
// Returns one row per pair: subject_id, org_id; coi_graph.rules.split_orders groups the
// decisions by date and compares each and their sum with the handler's mandate limit (the
// mandates table, else $split_orders_default_limit_eur), so both engines group alike.
// params: $split_orders_kinds, $split_orders_window_days
MATCH (d1:Decision {table: 'contracts'})-[:HANDLED_BY]->(e:Employee),
      (d1)-[:COUNTERPARTY]->(o:Organization)
WHERE d1.kind IN $split_orders_kinds AND d1.amount IS NOT NULL
MATCH (d2:Decision {table: 'contracts'})-[:HANDLED_BY]->(e), (d2)-[:COUNTERPARTY]->(o)
WHERE d2.id > d1.id AND d2.kind IN $split_orders_kinds AND d2.amount IS NOT NULL
  AND abs(d2.day - d1.day) <= $split_orders_window_days
RETURN DISTINCT e.id AS subject_id, o.id AS org_id
