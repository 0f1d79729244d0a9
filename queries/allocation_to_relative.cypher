// allocation_to_relative: Woning toegewezen aan een familielid / home allocated to a relative.
// Finds every housing decision whose applicant is a declared relative of the handler or
// approver (FAMILY, a relation that counts as family under the policy): the applicant was
// matched to the relative by name and birth date, or by name and address (APPLICANT_ANCHOR
// of kind same_person), also through another record of the same person (SAME_PERSON).
// Enforces: Leystromen 4, Woningtoewijzing; Woonpartners Bijlage I, Verdeling van woonruimte.
// A path counts when it has at most $max_links links including the anchor, runs through no
// organization, visits no node twice, every FAMILY link has a relation in $family_relations,
// and every link and the subject's employment are valid on the decision date.
// Returns one row per path: decision_id, subject_id and link_ids (from the subject to the
// anchored record, then the anchor id); coi_graph.detect.DetectionContext scores them.
// The walk's upper bound 5 (the longest the policy allows: max_links 6 minus the last
// link) is rewritten to max_links - 1 before the query runs (neo4j_engine.query_text),
// so the server never walks further than the policy looks.
// params: $subject_roles, $max_links, $family_relations
MATCH (e:Employee)
WHERE EXISTS {
  MATCH (e)<-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]-(:Decision {table: 'allocations'})
  WHERE s.role IN $subject_roles
}
MATCH p = (e)-[:FAMILY|DECLARED|OFFICER_OF|SAME_PERSON*1..5]-(x)
WHERE all(n IN nodes(p) WHERE NOT n:Organization)
  AND length(p) < $max_links
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND any(r IN relationships(p) WHERE type(r) = 'FAMILY')
  AND all(r IN relationships(p) WHERE type(r) <> 'FAMILY' OR r.label IN $family_relations)
MATCH (x)-[anchor:APPLICANT_ANCHOR {kind: 'same_person'}]->(a:Applicant)
WITH e, a, relationships(p) + [anchor] AS links
WITH e, a, links,
     reduce(lo = e.lo, r IN links | CASE WHEN r.lo > lo THEN r.lo ELSE lo END) AS lo,
     reduce(hi = e.hi, r IN links | CASE WHEN r.hi < hi THEN r.hi ELSE hi END) AS hi
WHERE lo <= hi
MATCH (a)<-[:COUNTERPARTY]-(d:Decision {table: 'allocations'})-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]->(e)
WHERE s.role IN $subject_roles AND lo <= d.day <= hi
RETURN DISTINCT d.id AS decision_id, e.id AS subject_id, [r IN links | r.link_id] AS link_ids
