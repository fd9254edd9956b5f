"""Writes of the awards app, one concern a module: the close (``closing``), the nominee list built
from the scores (``compilation``), and the list from posting to approval (``approval``).

Every step is idempotent through the database: closing is a conditional update, a list is
unique per fingerprint of the scores, approval freezes the list and locks the scores.
"""
