// Explore: links the analyzer found that nobody declared.
// Lists every KvK officer role, same-person match and shared address/IBAN/phone/e-mail held
// by an employee or a relative (declared = false on the link), with what is at the other
// end, its validity and the source rows (table:line) behind it; the most recent first.
// Set the number of lines first in Neo4j Browser, e.g.   :param limit => 200
// params: $limit
MATCH (p)-[r:OFFICER_OF|SAME_PERSON|HAS_IDENTIFIER]->(other)
WHERE (p:Employee OR p:Relative) AND r.declared = false
RETURN labels(p)[0] AS kind, p.id AS id, p.name AS name, type(r) AS link, r.label AS label,
       labels(other)[0] AS other_kind, other.id AS other_id, other.name AS other_name,
       r.valid_from AS valid_from, r.valid_until AS valid_until, r.evidence AS evidence,
       r.match_reason AS matched_on, r.link_id AS link_id
ORDER BY coalesce(r.valid_from, '') DESC, id, other_id
LIMIT $limit
