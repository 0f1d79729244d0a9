// allocation_to_self: Woning toegewezen aan zichzelf / home allocated to oneself.
// Finds every housing decision (rental, urgency, sale, priority) handled or approved by the
// applicant themself: the applicant was matched (name + birth date, or name + address) to
// the handler or approver, or to another record of the same person (SAME_PERSON).  The
// match is the applicant's anchor (APPLICANT_ANCHOR of kind same_person).
// Enforces: Leystromen 4, Woningtoewijzing; Woonpartners Bijlage I, Verdeling van woonruimte.
// A path counts when it has at most $max_links links including the anchor, runs through no
// organization, visits no node twice, and every link and the subject's employment are valid
// on the decision date.
// Returns one row per path: decision_id, subject_id and link_ids (from the subject to the
// anchored record, then the anchor id); coi_graph.detect.DetectionContext scores them.
// The walk's upper bound 5 (the longest the policy allows: max_links 6 minus the last
// link) is rewritten to max_links - 1 before the query runs (neo4j_engine.query_text),
// so the server never walks further than the policy looks.
// params: $subject_roles, $max_links
MATCH (e:Employee)
WHERE EXISTS {
  MATCH (e)<-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]-(:Decision {table: 'allocations'})
  WHERE s.role IN $subject_roles
}
MATCH p = (e)-[:DECLARED|OFFICER_OF|SAME_PERSON*0..5]-(x)
WHERE all(n IN nodes(p) WHERE NOT n:Organization)
  AND length(p) < $max_links
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
MATCH (x)-[anchor:APPLICANT_ANCHOR {kind: 'same_person'}]->(a:Applicant)
WITH e, a, relationships(p) + [anchor] AS links
WITH e, a, links,
     reduce(lo = e.lo, r IN links | CASE WHEN r.lo > lo THEN r.lo ELSE lo END) AS lo,
     reduce(hi = e.hi, r IN links | CASE WHEN r.hi < hi THEN r.hi ELSE hi END) AS hi
WHERE lo <= hi
MATCH (a)<-[:COUNTERPARTY]-(d:Decision {table: 'allocations'})-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]->(e)
WHERE s.role IN $subject_roles AND lo <= d.day <= hi
RETURN DISTINCT d.id AS decision_id, e.id AS subject_id, [r IN links | r.link_id] AS link_ids
