// Explore: the neighbourhood of one decision (open a finding's decision_id here).
// Shows the decision, its counterparty (organization or applicant), the employees who
// handled, approved (first or second approver) or requested it, and every link within two steps of them: relatives,
// declarations, KvK roles, shared addresses/IBANs/phones/e-mails, gifts; and what the
// counterparty is linked to (its officers, identifiers, the applicant's matches).
// Set the parameter first in Neo4j Browser, e.g.   :param decision_id => 'D991'
// params: $decision_id
MATCH (d:Decision {id: $decision_id})
OPTIONAL MATCH role = (d)-[:HANDLED_BY|APPROVED_BY|SECOND_APPROVED_BY|REQUESTED_BY]->(e:Employee)
WITH d, collect(role) AS roles, collect(e) AS people
OPTIONAL MATCH cp = (d)-[:COUNTERPARTY]->(c)
WITH d, roles, people, cp, c
OPTIONAL MATCH around = (e:Employee)-[:FAMILY|DECLARED|OFFICER_OF|SAME_PERSON|HAS_IDENTIFIER|RECEIVED|GIVEN_BY*1..2]-()
WHERE e IN people
WITH d, roles, cp, c, collect(around)[..300] AS around
OPTIONAL MATCH anchored = (c)-[:APPLICANT_ANCHOR|FAMILY|DECLARED|OFFICER_OF|HAS_IDENTIFIER|GIVEN_BY*1..2]-()
RETURN d, roles, cp, around, collect(anchored)[..300] AS anchored
