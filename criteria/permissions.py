"""Who sets up a campaign's criteria, award forms and council: the secretary (see campaigns.permissions)."""

from campaigns.permissions import grant, is_secretary, sees_organisation

for _model in ("criteria.criterion", "criteria.awardform", "criteria.councilmember", "criteria.declaredconflict"):
    grant(_model, view=sees_organisation, add=is_secretary, change=is_secretary, delete=is_secretary)
