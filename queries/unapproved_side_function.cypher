// unapproved_side_function: Nevenfunctie zonder toestemming / side function without permission.
// Finds every declaration by an employee about themself (not about a relative) of a kind
// that needs permission ($permission_kinds: by default side_function and own_business) that
// is not approved and not set aside ($inactive_statuses, by default withdrawn), and that is
// active at some moment of the period scanned ($period_start to $as_of, day ordinals).
// A rejected declaration whose activity continues is included (and scored higher), and so
// is an approval the employee decided themself (decided_by = employee_id: no permission) and
// a director's or RvC member's approval decided by someone not on the RvC (Leystromen 2.2).
// Enforces: Leystromen 2.2; Woonpartners Bijlage I, Nevenfuncties.
// Returns the declaration_id of each; coi_graph.detect.DetectionContext builds the findings.
// params: $permission_kinds, $inactive_statuses, $period_start, $as_of
MATCH (dec:Declaration)
WHERE dec.employee_id IS NOT NULL AND dec.relative_id IS NULL
  AND dec.kind IN $permission_kinds
  AND NOT dec.status IN $inactive_statuses
  AND dec.lo <= $as_of AND dec.hi >= $period_start
OPTIONAL MATCH (me:Employee {id: dec.employee_id})
OPTIONAL MATCH (by:Employee {id: dec.decided_by})
WITH dec, me, by
WHERE dec.status <> 'approved' OR dec.decided_by = dec.employee_id
   OR (me.role IN ['director', 'supervisory_board'] AND by IS NOT NULL
       AND by.role <> 'supervisory_board')
RETURN dec.id AS declaration_id
