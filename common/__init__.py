"""The toolbox every app uses, apart from any one concern of the domain.

- ``excel``: the Excel format every import reads and every export writes (formula-safe text).
- ``imports``: Vietnamese messages for an import that goes wrong, row limits.
- ``formatting`` (and the ``formatting`` template library): numbers and dates as people write them.
- ``fields``, ``validators``: decimals typed with a comma, checked against a range and a step.
- ``notifications``: queueing work after commit (broker errors logged, never an error page), mail.
- ``admin_choices``, ``admin_base``: the admin site's config and the base of every project admin.
"""
