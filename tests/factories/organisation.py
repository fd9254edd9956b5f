import factory
from django.contrib.auth import get_user_model

from campaigns.models import Agency, Person, Unit


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = "bdt-vinh-long"
    name = "Ban Dân tộc tỉnh Vĩnh Long"
    parent_authority = "UBND TỈNH VĨNH LONG"
    place_name = "Vĩnh Long"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Phòng số {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.django.Password("mat-khau-thu")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    code = factory.Sequence(lambda n: f"cb-{n:04d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    position = "Chuyên viên"
    unit = factory.SubFactory(UnitFactory)
