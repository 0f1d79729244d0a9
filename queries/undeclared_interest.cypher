// undeclared_interest: Niet-gemelde KvK-functie bij een zakelijke relatie /
// undeclared KvK role at a business relation.
// Finds every KvK officer or UBO role (OFFICER_OF) of an employee, or of a relative or
// household member whose family link to an employee overlaps the role in time, at a
// business relation, that no approved declaration covers: a Declaration with status
// 'approved' ABOUT the same organization, held by the same person (or by another record of
// the same person, SAME_PERSON), whose validity overlaps the role.  No decision is needed.
// Enforces: Leystromen 2.3.
// Returns the link_id of each such officer link; coi_graph.detect.DetectionContext finds the
// employee(s) whose position it touches and builds one finding per employee.
// params: (none)
MATCH (person)-[off:OFFICER_OF]->(org:Organization)
WHERE NOT EXISTS {
    MATCH (dec:Declaration)-[:ABOUT]->(org)
    WHERE dec.status = 'approved'
      AND dec.holder IN [person.key] + [(person)-[:SAME_PERSON]-(alias) | alias.key]
      AND dec.lo <= off.hi AND off.lo <= dec.hi
  }
  AND (person:Employee
       OR EXISTS {
         MATCH (person)-[f:FAMILY]-(:Employee)
         WHERE f.lo <= off.hi AND off.lo <= f.hi
       }
       OR (person:Relative AND EXISTS { MATCH (person)-[:SAME_PERSON]-(:Employee) }))
RETURN DISTINCT off.link_id AS link_id
