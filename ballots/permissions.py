"""Who may do what with ballots: the secretary opens and runs them; the council side (leaders, the
secretariat, council members) sees them, and a member votes only when present at the meeting
(``services.cast_vote``). Nobody reads a vote: ``Vote`` has no admin and no permission."""

import rules

from campaigns.permissions import grant, is_secretary, on_council_side, sees_organisation

grant("ballots.ballot", view=sees_organisation, add=is_secretary)

runs_ballots = is_secretary
rules.add_perm("ballots.run_ballot", runs_ballots)
rules.add_perm("ballots.see_ballot", on_council_side)
