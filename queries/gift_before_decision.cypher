// gift_before_decision: Geschenk van de wederpartij vóór het besluit /
// gift from the counterparty before the decision.
// Finds every contract, purchase order, invoice or tender award whose handler or approver
// received a gift or invitation (RECEIVED, GIVEN_BY) from the counterparty organization on
// the decision date or at most $window_days days before it.  Gifts that name the giver only
// by name are linked to the vendor master when the name matches (see GIVEN_BY.match_*).
// Enforces: Leystromen 3, Uitnodigingen 2; Woonpartners Bijlage I, Geschenken.
// Returns one row per (decision_id, subject_id); coi_graph.detect.DetectionContext collects
// the gifts in the window, the closest first, and scores the finding.
// params: $subject_roles, $window_days
MATCH (e:Employee)-[:RECEIVED]->(g:Gift)-[:GIVEN_BY]->(o:Organization)
MATCH (o)<-[:COUNTERPARTY]-(d:Decision)-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]->(e)
WHERE s.role IN $subject_roles AND 0 <= d.day - g.day <= $window_days
RETURN DISTINCT d.id AS decision_id, e.id AS subject_id
