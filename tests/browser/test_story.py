"""The whole story in a real browser, as the people who live it click through it.

Staff submits an entry with a PDF; the secretary assigns it and a council member scores it in
the admin; time moves past the deadline and the sweep (the Celery beat task) closes the campaign
and compiles the list; the secretary posts it; staff comments and the secretary answers; after
the posting period the leader approves and downloads the Excel file, whose cells are read back.

Every persona signs in through the sign-in page in a browser context of their own; every step
leaves a screenshot under ``var/screenshots/story/`` (``BROWSER_SCREENSHOTS`` overrides it).
"""

import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from awards.enums import ListStatus
from awards.models import NomineeList
from awards.tasks import task_close_due_campaigns
from campaigns.enums import CampaignStatus, ParticipantKind, Role
from common.formatting import document_date
from submissions.enums import EntryStatus
from submissions.models import Entry, Score
from tests.browser.story import PHONE
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    CouncilMemberFactory,
    CriterionFactory,
    ReformAreaFactory,
    UnitFactory,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

User = get_user_model()
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(make_user):
    """Plan 169/KH-BDT as it stands an hour before its deadline: one area, two criteria, a council of one."""
    now = timezone.localtime(timezone.now(), VIETNAM).replace(microsecond=0)
    campaign = CampaignFactory(
        plan_number="169/KH-BDT",
        slug="169-kh-bdt",
        title="Phong trào thi đua cải cách hành chính",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(hours=1),
        quorum=1,
        posting_days=1,
        signer="Nguyễn Văn Trưởng",
    )
    agency = campaign.agency
    area = ReformAreaFactory(campaign=campaign, order=1, name="Cải cách thủ tục hành chính")
    criterion = CriterionFactory(campaign=campaign, code="TC1", name="Hiệu quả", order=1, max_points=Decimal(50))
    second = CriterionFactory(campaign=campaign, code="TC2", name="Khả năng nhân rộng", order=2, max_points=Decimal(50))
    AwardFormFactory(
        campaign=campaign,
        name="Giấy khen của Trưởng Ban Dân tộc",
        recipient_kind=ParticipantKind.INDIVIDUAL,
        min_score=Decimal(5),
    )
    office = UnitFactory(agency=agency, name="Phòng Chính sách dân tộc")
    council_unit = UnitFactory(agency=agency, name="Văn phòng Ban")
    staff = make_user("canbo1", Role.STAFF, full_name="Nguyễn Văn An", unit=office, position="Chuyên viên")
    staff.email = "an.nv@bdt.vinhlong.gov.vn"
    staff.save(update_fields=["email"])
    member = make_user("hoidong1", Role.COUNCIL_MEMBER, full_name="Trần Thị Bình", unit=council_unit)
    CouncilMemberFactory(campaign=campaign, person=member.person)
    make_user("thuky", Role.SECRETARY, full_name="Phạm Thư Ký", unit=council_unit)
    make_user("lanhdao", Role.LEADER, full_name="Lê Lãnh Đạo", unit=council_unit)
    for user in (staff, member, *User.objects.filter(username__in=["thuky", "lanhdao"])):
        user.first_name = user.person.full_name  # the name the navigation greets them with
        user.save(update_fields=["first_name"])
    return {"campaign": campaign, "area": area, "criterion": criterion, "second": second, "staff": staff}


def test_the_whole_story(world, browser, mailoutbox, time_machine):
    campaign, criterion = world["campaign"], world["criterion"]

    # 1. Staff submits an initiative with a PDF as evidence.
    staff = browser.sign_in("canbo1")
    staff.goto(f"/phong-trao/{campaign.slug}/gui-bai/")
    staff.select_option("select[name=area]", str(world["area"].pk))
    staff.select_option("select[name=kind]", "initiative")
    staff.fill("input[name=title]", "Số hóa hồ sơ chính sách dân tộc")
    staff.fill("textarea[name=summary]", "Tra cứu hồ sơ trực tuyến, rút ngắn thời gian giải quyết còn 3 ngày.")
    staff.fill("textarea[name=description]", "Quét và lập chỉ mục 4.000 hồ sơ; tra cứu theo tên, xã, năm.")
    staff.fill("textarea[name=results]", "Thời gian giải quyết giảm từ 7 xuống 3 ngày làm việc.")
    staff.set_input_files(
        "input[name=files]", files=[{"name": "minh-chứng.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    browser.shot(staff, "canbo-dien-bai")
    staff.get_by_text("Gửi bài…").click()  # sending makes the entry read-only: it asks first
    browser.shot(staff, "canbo-xac-nhan-gui")
    staff.get_by_role("button", name="Xác nhận gửi bài").click()
    staff.wait_for_url(re.compile(r"/bai-du-thi/[^/]+/$"))
    browser.shot(staff, "canbo-da-gui")
    entry = Entry.objects.get(title="Số hóa hồ sơ chính sách dân tộc")
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.person == world["staff"].person
    assert [a.original_name for a in entry.attachments.all()] == ["minh-chứng.pdf"]
    assert "minh-chứng.pdf" in staff.content()
    (receipt,) = mailoutbox  # the receipt, sent by the worker after the entry was saved
    assert receipt.to == ["an.nv@bdt.vinhlong.gov.vn"] and entry.code in receipt.subject + receipt.body

    # 2. The secretary assigns the entry to the council (automatic assignment in the admin).
    secretary = browser.sign_in("thuky")
    secretary.goto("/quan-tri/submissions/assignment/phan-cong-tu-dong/")
    secretary.select_option("select[name=campaign]", str(campaign.pk))
    browser.submit(secretary, "Phân công", {"input[name=per_entry]": "1"}, shot="thuky-phan-cong")
    assert "Đã tạo 1 phân công mới." in secretary.content()

    # 3. The council member scores it in the admin, seeing the evidence, typing decimal commas as
    #    Vietnamese write them (a number box once turned "2,5" into 25).
    member = browser.sign_in("hoidong1")
    member.goto("/quan-tri/submissions/assignment/")
    member.locator("#result_list").get_by_role("link", name="Chấm điểm").click()
    assert "minh-chứng.pdf" in member.content()
    evidence = member.get_by_role("link", name="minh-chứng.pdf").get_attribute("href")
    assert member.context.request.get(evidence).body() == PDF  # the member opens what they judge
    second = world["second"]
    sheet = {
        f"input[name=points_{criterion.pk}]": "7,5",
        f"input[name=points_{second.pk}]": "2,5",
        f"textarea[name=comment_{criterion.pk}]": "Áp dụng rộng, hiệu quả rõ.",
    }
    browser.submit(member, "Lưu", sheet, shot_before="hoidong-cham-diem", shot="hoidong-da-luu")
    assert f"Đã lưu điểm bài {entry.code}." in member.content()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SCORED
    assert dict(Score.objects.filter(entry=entry).values_list("criterion__code", "points")) == {
        "TC1": Decimal("7.5"),
        "TC2": Decimal("2.5"),
    }

    # 4. Time moves past the deadline; the beat's sweep closes the campaign and compiles the list.
    time_machine.move_to(campaign.closes_at + datetime.timedelta(seconds=1), tick=True)
    assert task_close_due_campaigns.delay().get() == [campaign.pk]
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    nominee_list = NomineeList.objects.get(campaign=campaign)
    assert [n.person for n in nominee_list.nominees.all()] == [world["staff"].person]

    leader = browser.sign_in("lanhdao")
    leader.goto(f"/xep-hang/{campaign.slug}/?loai=ca-nhan")
    browser.shot(leader, "lanhdao-xep-hang")
    row = leader.locator("tr", has_text="Nguyễn Văn An").first.inner_text()
    assert "10" in row.split()  # 7,5 + 2,5
    with leader.expect_navigation():
        leader.get_by_role("link", name="Nguyễn Văn An").click()  # explain the rank
    history = leader.locator("details").first
    assert "Áp dụng rộng, hiệu quả rõ." in leader.content() and not history.evaluate("d => d.open")
    leader.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # printing shows the score history
    assert history.evaluate("d => d.open")
    browser.shot(leader, "lanhdao-giai-trinh")

    # 5. The secretary posts the list for comment for one day.
    secretary = browser.sign_in("thuky")
    secretary.goto(f"/danh-sach/{campaign.slug}/")
    browser.submit(secretary, "Công khai lấy ý kiến", {"input[name=days]": "1"}, shot="thuky-cong-khai")
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.PUBLISHED

    # 6. Staff comments on the posted list; the secretary answers.
    staff = browser.sign_in("canbo1")
    staff.goto(f"/danh-sach/{campaign.slug}/")
    comment = "Đề nghị ghi rõ chức vụ của người được khen."
    browser.submit(staff, "Gửi ý kiến", {"textarea[name=text]": comment}, shot="canbo-gop-y")
    assert nominee_list.comments.get().text == comment

    secretary.reload()
    answer = "Đã ghi chức vụ theo hồ sơ cán bộ."
    browser.submit(secretary, "Trả lời", {"textarea[name=answer]": answer}, shot="thuky-tra-loi")
    assert nominee_list.comments.get().answered_at is not None

    # 7. After the posting period the leader approves and downloads the Excel file.
    nominee_list.refresh_from_db()
    time_machine.move_to(nominee_list.posting_ends_at + datetime.timedelta(minutes=1), tick=True)
    today = timezone.localdate()
    leader = browser.sign_in("lanhdao")
    leader.goto(f"/danh-sach/{campaign.slug}/")
    with leader.expect_navigation():
        leader.get_by_role("link", name="Phê duyệt danh sách…").click()  # the confirmation page
    assert "Phê duyệt sẽ khóa lại" in leader.content()
    decision = {
        "input[name=decision_number]": "25/QĐ-BDT",
        "input[name=decision_date]": today.strftime("%d/%m/%Y"),
        "input[name=signer_title]": "KT. Trưởng ban / Phó Trưởng ban",
        "input[name=signer]": "Nguyễn Văn Trưởng",
    }
    browser.submit(leader, "Xác nhận phê duyệt", decision, shot_before="lanhdao-phe-duyet", shot="lanhdao-da-phe-duyet")
    assert "Đã phê duyệt danh sách." in leader.content()
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.APPROVED
    assert nominee_list.decision_number == "25/QĐ-BDT"

    with leader.expect_download() as download:
        leader.get_by_role("link", name="Tải Excel theo mẫu").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    cells = [str(c) for row in workbook.active.iter_rows(values_only=True) for c in row if c is not None]
    row = next(r for r in workbook.active.iter_rows(values_only=True) if "Nguyễn Văn An" in r)
    assert row[:4] == (1, "Nguyễn Văn An", "Chuyên viên, Phòng Chính sách dân tộc", "Giấy khen của Trưởng Ban Dân tộc")
    assert any(f"Quyết định số 25/QĐ-BDT {document_date(today)} của Trưởng ban" in c for c in cells)
    assert "Nguyễn Văn Trưởng" in cells and "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN" in cells
    assert nominee_list.fingerprint in workbook.active.oddFooter.left.text

    # 8. On a phone (390 px) every front page the story visited reads without sideways scrolling,
    #    as staff and as the leader; the council's scoring page fits too.
    for persona, pages in {
        "canbo1": [
            "/",
            "/bai-du-thi/",
            f"/bai-du-thi/{entry.code}/",
            f"/phong-trao/{campaign.slug}/",
            f"/danh-sach/{campaign.slug}/",
        ],
        "lanhdao": [
            f"/xep-hang/{campaign.slug}/?loai=ca-nhan",
            f"/xep-hang/{campaign.slug}/bieu-do/",
            f"/danh-sach/{campaign.slug}/",
        ],
        "hoidong1": ["/quan-tri/submissions/assignment/"],
    }.items():
        phone = browser.sign_in(persona, viewport=PHONE)
        for url in pages:
            phone.goto(url)
            browser.shot(phone, f"{persona}-dien-thoai")
            assert browser.has_no_sideways_scroll(phone), f"{url} scrolls sideways at 390 px for {persona}"
