"""The demo (README): awards' ``load_demo`` and, after it, the council's ballot on the 2021 ready list.

This app lists itself before ``awards`` in INSTALLED_APPS only so that this command is the one
``manage.py load_demo`` runs (Django takes the first app's); it depends on awards, never the reverse."""

from django.contrib.auth import get_user_model

from awards.management.commands import load_demo
from awards.models import NomineeList
from ballots.demo import hold_earlier_ballot
from criteria.demo import EARLIER_SLUG


class Command(load_demo.Command):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        ready = NomineeList.objects.filter(campaign__slug=EARLIER_SLUG).order_by("-version").first()
        ballot = ready and hold_earlier_ballot(
            nominee_list=ready, secretary=get_user_model().objects.get(username="thuky")
        )
        if ballot is not None:
            self.stdout.write(f"  Kết quả bỏ phiếu kín / secret ballot result: /bo-phieu/{ballot.code}/")
