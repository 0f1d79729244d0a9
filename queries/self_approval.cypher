// self_approval: Besluit door dezelfde persoon behandeld en goedgekeurd /
// decision handled and approved by the same person.
// Finds every contract, purchase order, invoice or tender award of the kinds in
// $self_approval_kinds, from $self_approval_min_amount_eur, whose handler (HANDLED_BY) also
// approved it (APPROVED_BY, or as second approver SECOND_APPROVED_BY), or whose approver
// also signed as its second approver (one person signing twice): the four-eyes check is
// missing.  Housing decisions too when $self_approval_include_allocations is true (they have
// no amount).
// Enforces: Woonpartners Bijlage I, Inkoop & aanbesteding; Leystromen 2.3.
// Returns one row per decision: decision_id, subject_id (the handler; the approver when the
// handler is someone else); coi_graph.rules.self_approval builds the finding
// (and compares the amount with the handler's mandate).
// params: $self_approval_kinds, $self_approval_min_amount_eur, $self_approval_include_allocations
MATCH (d:Decision)-[first:HANDLED_BY|APPROVED_BY]->(e:Employee)<-[again:APPROVED_BY|SECOND_APPROVED_BY]-(d)
WHERE type(first) <> type(again)
  AND (type(first) = 'HANDLED_BY' OR NOT (d)-[:HANDLED_BY]->(e))
  AND ((d.table = 'contracts' AND d.kind IN $self_approval_kinds
        AND d.amount IS NOT NULL AND d.amount >= $self_approval_min_amount_eur)
       OR (d.table = 'allocations' AND $self_approval_include_allocations))
RETURN DISTINCT d.id AS decision_id, e.id AS subject_id
