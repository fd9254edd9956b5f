from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from awards.demo import post_earlier_list
from awards.services.closing import close_campaign
from awards.services.compilation import SYSTEM, compile_nominees
from ballots.demo import hold_earlier_ballot
from campaigns.demo import AGENCY, load_organisation
from campaigns.models import Agency
from criteria.demo import load_current_campaign, load_earlier_campaign, load_reference_campaign
from honours.demo import load_earlier_awards, load_recognised_initiative
from registrations.demo import load_current_registrations, load_reference_registrations
from submissions.demo import (
    load_current_entries,
    load_reference_entries,
    load_reference_scores,
    restore_reference_dates,
)


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần vẫn an toàn): cơ quan, đơn vị, cá nhân, tài khoản, phong trào mẫu."

    def handle(self, *args, **options):
        password = settings.DEMO_PASSWORD
        logins = load_organisation(password=password)
        agency = Agency.objects.get(code=AGENCY["code"])
        reference = load_reference_campaign(agency=agency)
        current = load_current_campaign(reference=reference, today=timezone.localdate())
        secretary = get_user_model().objects.get(username="thuky")
        load_reference_registrations(campaign=reference)
        load_reference_entries(campaign=reference)
        load_reference_scores(campaign=reference, secretary=secretary)
        # The 2022 campaign is long past its deadline: close it and compile its list, as the beat job would.
        close_campaign(campaign_id=reference.pk, by=SYSTEM)
        reference.refresh_from_db()
        compile_nominees(campaign=reference)
        restore_reference_dates(campaign=reference)
        # The award register: 2020–2021 awards imported from Excel, one 2022 initiative recognised.
        register_rows = load_earlier_awards()
        load_recognised_initiative(campaign=reference)
        # The 2021 campaign went further: its list was posted in January 2022 and is ready to approve.
        earlier = load_earlier_campaign(reference=reference)
        load_reference_entries(campaign=earlier)
        load_reference_scores(campaign=earlier, secretary=secretary)
        close_campaign(campaign_id=earlier.pk, by=SYSTEM)
        earlier.refresh_from_db()
        ready = post_earlier_list(campaign=earlier, secretary=secretary)
        restore_reference_dates(campaign=earlier)
        load_current_registrations(campaign=current, moment=timezone.now())
        load_current_entries(campaign=current)
        # The council voted on the 2021 list's proposed forms by secret ballot at its meeting.
        ballot = hold_earlier_ballot(nominee_list=ready, secretary=secretary)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu / demo data loaded."))
        self.stdout.write(f"  Phong trào mẫu: {reference.plan_number} (đã kết thúc), {current.plan_number} (đang mở)")
        self.stdout.write(
            f"  Danh sách chờ phê duyệt / list ready to approve ({earlier.plan_number}, {ready.get_status_display()}):"
            f" /danh-sach/{earlier.slug}/"
        )
        self.stdout.write(
            f"  Sổ khen thưởng / award register: {register_rows} khen thưởng 2020–2021 đã nhập;"
            " /khen-thuong-cua-toi/ (canbo1), /quan-tri/honours/registerentry/"
        )
        if ballot is not None:
            self.stdout.write(f"  Kết quả bỏ phiếu kín / secret ballot result: /bo-phieu/{ballot.code}/")
        self.stdout.write(f"  Mật khẩu mọi tài khoản mẫu / password of every demo account: {password}")
        shown = set()
        for username, roles in logins:
            if roles in shown:  # one login per role
                continue
            shown.add(roles)
            self.stdout.write(f"    {username:<14} {roles}")
