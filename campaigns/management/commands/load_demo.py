from django.conf import settings
from django.core.management.base import BaseCommand

from campaigns.demo import load_organisation


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (có thể chạy lại nhiều lần): cơ quan, đơn vị, cá nhân và một tài khoản mỗi vai trò."

    def handle(self, *args, **options):
        password = settings.DEMO_PASSWORD
        logins = load_organisation(password=password)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.stdout.write(f"Mật khẩu mọi tài khoản mẫu / password of every demo account: {password}")
        shown = set()
        for username, roles in logins:
            # One login per role, plus the first of each numbered series.
            if roles in shown:
                continue
            shown.add(roles)
            self.stdout.write(f"  {username:<14} {roles}")
