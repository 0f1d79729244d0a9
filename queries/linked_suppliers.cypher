// linked_suppliers: Besluiten voor verbonden leveranciers / decisions for linked suppliers.
// Finds every contract, purchase order, invoice or tender award whose handler or approver
// decided, at most $linked_suppliers_window_days days before or after it, another one for
// another organization of the same supplier network: organizations tied to each other by a
// shared address, IBAN, phone or e-mail (HAS_IDENTIFIER, below the hub cut-off) or by a
// shared KvK officer or a holding (OFFICER_OF), roles overlapping in time.  The networks
// are computed from those ties when the graph is loaded (coi_graph.supplier_networks) and
// written onto each member as the property `network` (its id); this query does the rule's
// own selection: the person, the decisions and the window.
// Enforces: Leystromen 2.3; Woonpartners Bijlage I, Inkoop & aanbesteding.
// Returns one row per decision: subject_id, network_id, decision_id;
// coi_graph.rules.linked_suppliers groups them per person and network into episodes (a gap
// longer than the window starts a new one) and builds one finding per episode.
// params: $subject_roles, $linked_suppliers_window_days
MATCH (e:Employee)<-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]-(d:Decision {table: 'contracts'})
      -[:COUNTERPARTY]->(o:Organization)
WHERE s.role IN $subject_roles AND o.network IS NOT NULL
  AND EXISTS {
    MATCH (e)<-[s2:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]-(d2:Decision {table: 'contracts'})
          -[:COUNTERPARTY]->(o2:Organization)
    WHERE s2.role IN $subject_roles AND o2.network = o.network AND o2 <> o
      AND abs(d2.day - d.day) <= $linked_suppliers_window_days
  }
RETURN DISTINCT e.id AS subject_id, o.network AS network_id, d.id AS decision_id
