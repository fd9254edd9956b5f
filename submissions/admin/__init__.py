"""The submissions app in the admin: entries and extensions, the council's scoring desk, council seats.

Each admin lives in the module of its concern; all are registered here, in one place.
"""

from django.contrib import admin

from criteria.models import CouncilMember
from submissions.admin.council import CouncilSeatAdmin
from submissions.admin.entries import EntryAdmin, PersonalDeadlineAdmin
from submissions.admin.scoring import AssignmentAdmin, ScoreChangeAdmin
from submissions.models import Assignment, Entry, PersonalDeadline, ScoreChange

admin.site.register(Entry, EntryAdmin)
admin.site.register(PersonalDeadline, PersonalDeadlineAdmin)
admin.site.register(Assignment, AssignmentAdmin)
admin.site.register(ScoreChange, ScoreChangeAdmin)
admin.site.register(CouncilMember, CouncilSeatAdmin)
