// gift_rule_breach: Overtreding van de geschenkenregeling / breach of the gift rules.
// Finds every row of the gift register where money was accepted (kind 'money', not handed
// in), a gift worth more than $value_limit_eur was not handed in, or an invitation
// ($invitation_kinds: invitation, meal, event, trip) was not reported to the manager.
// Enforces: Leystromen 3, Geschenken 2-3; Leystromen 3, Uitnodigingen 1;
//           Woonpartners Bijlage I, Geschenken.
// Returns the gift_id of each; coi_graph.detect.DetectionContext builds the findings with the
// breaches spelled out.
// params: $value_limit_eur, $invitation_kinds
MATCH (g:Gift)
WHERE g.employee_id IS NOT NULL
  AND ((g.kind = 'money' AND coalesce(g.handed_in, false) = false)
    OR (g.kind <> 'money' AND NOT g.kind IN $invitation_kinds
        AND g.value_eur > $value_limit_eur AND coalesce(g.handed_in, false) = false)
    OR (g.kind IN $invitation_kinds AND g.reported = false))
RETURN g.id AS gift_id
