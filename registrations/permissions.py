"""Who may do what with registrations: the secretary keeps the desk, leaders and administrators read it."""

from campaigns.permissions import grant, is_secretary, sees_organisation

grant("registrations.registration", view=sees_organisation, add=is_secretary, change=is_secretary)
grant("registrations.personregistrant", view=sees_organisation)
grant("registrations.unitregistrant", view=sees_organisation)

# The secretary registers on someone's behalf (registrations/services.py) and mails reminders to
# those who did not register (registrations/admin.py).
registers_on_behalf = is_secretary
may_remind = is_secretary
