import hashlib

import factory

from submissions.enums import EntryKind, EntryStatus
from submissions.models import Attachment, Entry
from tests.factories.campaigns import CampaignFactory, ReformAreaFactory
from tests.factories.organisation import PersonFactory, UserFactory

# The smallest file the evidence check takes for a PDF: its content starts with the PDF signature.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class EntryFactory(factory.django.DjangoModelFactory):
    """A draft entry of an individual, written directly (the services are tested on their own).

    Pass ``person=user.person`` for an entry of an existing user; by default a new person with
    an account is the participant and the author.
    """

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    area = factory.SubFactory(ReformAreaFactory, campaign=factory.SelfAttribute("..campaign"))
    kind = EntryKind.INITIATIVE
    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    summary = "Rút ngắn thời gian giải quyết hồ sơ."
    person = factory.SubFactory(PersonFactory, user=factory.SubFactory(UserFactory))
    unit = None
    created_by = factory.LazyAttribute(lambda o: o.person.user if o.person is not None else o.unit.head.user)
    status = EntryStatus.DRAFT


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A PDF evidence file stored under a random name, as the services store it."""

    class Meta:
        model = Attachment

    entry = factory.SubFactory(EntryFactory)
    file = factory.django.FileField(data=PDF_BYTES, filename="minh-chung.pdf")
    original_name = "minh-chung.pdf"
    size = len(PDF_BYTES)
    content_type = "application/pdf"
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
    uploaded_by = factory.SelfAttribute("entry.created_by")
