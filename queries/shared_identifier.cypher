// shared_identifier: Niet-gemelde verbinding via gedeeld adres, IBAN, telefoon of e-mail /
// undeclared link through a shared address, IBAN, phone or e-mail.
// Finds every decision whose handler or approver, or one of their declared relatives, shares
// an address (postcode + house number + addition), IBAN, phone or e-mail (HAS_IDENTIFIER)
// with the counterparty: the organization of a contract, or the applicant of a housing
// decision (an identifier the applicant gave, APPLICANT_ANCHOR of kind identifier).
// Identifiers held by too many records (hubs) are not in the graph at all.
// Enforces: Leystromen 2.3; Leystromen 4; Woonpartners Bijlage I, (Privé)transacties.
// A path counts when it has at most $max_links links (the anchor included), has at least one
// shared identifier, visits no node twice, from the first organization on its way follows
// only KvK officer links and passes no organization or KvK officer marked as a hub, every FAMILY
// link has a relation in $family_relations, and every link and the subject's employment are
// valid on the decision date.
// Returns one row per path: decision_id, subject_id and link_ids (for an allocation the last
// id is the applicant's anchor); coi_graph.detect.DetectionContext scores them.
// The walk's upper bound 5 (the longest the policy allows: max_links 6 minus the last
// link) is rewritten to max_links - 1 before the query runs (neo4j_engine.query_text),
// so the server never walks further than the policy looks.
// params: $subject_roles, $max_links, $family_relations
MATCH (e:Employee)
WHERE EXISTS {
  MATCH (e)<-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]-(:Decision {table: 'contracts'})
  WHERE s.role IN $subject_roles
}
MATCH p = (e)-[:FAMILY|DECLARED|OFFICER_OF|SAME_PERSON|HAS_IDENTIFIER*0..5]-(x)
WHERE length(p) < $max_links
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
MATCH (x)-[last:FAMILY|DECLARED|OFFICER_OF|SAME_PERSON|HAS_IDENTIFIER]-(o:Organization)
WHERE NOT o IN nodes(p)
WITH e, o, nodes(p) AS ns, relationships(p) + [last] AS links
WHERE all(i IN range(1, size(ns) - 1)
          WHERE ns[i].hub IS NULL
            AND (type(links[i]) = 'OFFICER_OF' OR none(n IN ns[1..i + 1] WHERE n:Organization)))
WITH e, o, links
WHERE any(r IN links WHERE type(r) = 'HAS_IDENTIFIER')
  AND all(r IN links WHERE type(r) <> 'FAMILY' OR r.label IN $family_relations)
WITH e, o, links,
     reduce(lo = e.lo, r IN links | CASE WHEN r.lo > lo THEN r.lo ELSE lo END) AS lo,
     reduce(hi = e.hi, r IN links | CASE WHEN r.hi < hi THEN r.hi ELSE hi END) AS hi
WHERE lo <= hi
MATCH (o)<-[:COUNTERPARTY]-(d:Decision {table: 'contracts'})-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]->(e)
WHERE s.role IN $subject_roles AND lo <= d.day <= hi
RETURN DISTINCT d.id AS decision_id, e.id AS subject_id, [r IN links | r.link_id] AS link_ids
UNION
MATCH (e:Employee)
WHERE EXISTS {
  MATCH (e)<-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]-(:Decision {table: 'allocations'})
  WHERE s.role IN $subject_roles
}
MATCH p = (e)-[:FAMILY|DECLARED|OFFICER_OF|SAME_PERSON|HAS_IDENTIFIER*0..5]-(x)
WHERE length(p) < $max_links
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND all(r IN relationships(p) WHERE type(r) <> 'FAMILY' OR r.label IN $family_relations)
MATCH (x)-[anchor:APPLICANT_ANCHOR]->(a:Applicant)
WITH e, a, nodes(p) AS ns, relationships(p) + [anchor] AS links
WHERE all(i IN range(1, size(ns) - 1)
          WHERE ns[i].hub IS NULL
            AND (type(links[i]) = 'OFFICER_OF' OR none(n IN ns[1..i + 1] WHERE n:Organization)))
WITH e, a, links
WHERE any(r IN links WHERE type(r) = 'HAS_IDENTIFIER' OR r.kind = 'identifier')
WITH e, a, links,
     reduce(lo = e.lo, r IN links | CASE WHEN r.lo > lo THEN r.lo ELSE lo END) AS lo,
     reduce(hi = e.hi, r IN links | CASE WHEN r.hi < hi THEN r.hi ELSE hi END) AS hi
WHERE lo <= hi
MATCH (a)<-[:COUNTERPARTY]-(d:Decision {table: 'allocations'})-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]->(e)
WHERE s.role IN $subject_roles AND lo <= d.day <= hi
RETURN DISTINCT d.id AS decision_id, e.id AS subject_id, [r IN links | r.link_id] AS link_ids
