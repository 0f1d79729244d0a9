// Explore: everything around one organization (a supplier, contractor or institution).
// Its KvK officers and the employees or relatives they were matched to, declarations that
// name it, interests and roles held in it, shared addresses/IBANs/phones/e-mails and who
// else holds them, gifts it gave, and its 50 most recent decisions with their handlers,
// approvers and second approvers.  Set the parameter first in Neo4j Browser, e.g.   :param org_id => 'O1'
// params: $org_id
MATCH (o:Organization {id: $org_id})
OPTIONAL MATCH linked = (o)-[:DECLARED|OFFICER_OF|HAS_IDENTIFIER]-()-[:FAMILY|SAME_PERSON|HAS_IDENTIFIER*0..1]-()
WITH o, collect(linked)[..300] AS linked
OPTIONAL MATCH register = (o)<-[:ABOUT|GIVEN_BY]-()<-[:SUBMITTED|RECEIVED]-(:Employee)
WITH o, linked, collect(register)[..300] AS register
OPTIONAL MATCH (o)<-[:COUNTERPARTY]-(d:Decision)
WITH o, linked, register, d ORDER BY d.day DESC
WITH o, linked, register, collect(d)[..50] AS recent
OPTIONAL MATCH decided = (o)<-[:COUNTERPARTY]-(d:Decision)-[:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY]->(:Employee)
WHERE d IN recent
RETURN o, linked, register, collect(decided) AS decided
