// self_interest: Eigen belang bij de wederpartij / own interest in the counterparty.
// Finds every contract, purchase order, invoice or tender award whose handler or approver is
// linked to the counterparty organization themself: a declared interest, side function, own
// business or position (DECLARED) or a KvK officer role (OFFICER_OF), also when the link is
// held by another record of the same person (SAME_PERSON).  No relative and no shared
// identifier on the path (those are relative_interest and shared_identifier).
// Enforces: Leystromen 2.3; Woonpartners Bijlage I, (Privé)transacties;
//           Woonpartners Bijlage I, Inkoop & aanbesteding.
// A path counts when it has at most $max_links links, visits no node twice, from the
// first organization on its way follows only KvK officer links (through a holding: Holding X
// is shareholder of the supplier; or a director shared with the supplier) and passes no organization or KvK officer marked as a hub
// (more officer links than paths.max_identifier_degree), and every link and the subject's
// employment are valid on the decision date.
// Returns one row per path: decision_id, subject_id and link_ids (from the subject to the
// organization); coi_graph.detect.DetectionContext checks and scores them into findings.
// The walk's upper bound 5 (the longest the policy allows: max_links 6 minus the last
// link) is rewritten to max_links - 1 before the query runs (neo4j_engine.query_text),
// so the server never walks further than the policy looks.
// params: $subject_roles, $max_links
MATCH (e:Employee)
WHERE EXISTS {
  MATCH (e)<-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]-(:Decision {table: 'contracts'})
  WHERE s.role IN $subject_roles
}
MATCH p = (e)-[:DECLARED|OFFICER_OF|SAME_PERSON*0..5]-(x)
WHERE length(p) < $max_links
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
MATCH (x)-[last:DECLARED|OFFICER_OF|SAME_PERSON]-(o:Organization)
WHERE NOT o IN nodes(p)
WITH e, o, nodes(p) AS ns, relationships(p) + [last] AS links
WHERE all(i IN range(1, size(ns) - 1)
          WHERE ns[i].hub IS NULL
            AND (type(links[i]) = 'OFFICER_OF' OR none(n IN ns[1..i + 1] WHERE n:Organization)))
WITH e, o, links
WITH e, o, links,
     reduce(lo = e.lo, r IN links | CASE WHEN r.lo > lo THEN r.lo ELSE lo END) AS lo,
     reduce(hi = e.hi, r IN links | CASE WHEN r.hi < hi THEN r.hi ELSE hi END) AS hi
WHERE lo <= hi
MATCH (o)<-[:COUNTERPARTY]-(d:Decision {table: 'contracts'})-[s:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]->(e)
WHERE s.role IN $subject_roles AND lo <= d.day <= hi
RETURN DISTINCT d.id AS decision_id, e.id AS subject_id, [r IN links | r.link_id] AS link_ids
