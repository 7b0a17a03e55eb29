import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from people.models import Department, Official, Position
from tests.factories import DepartmentFactory, OfficialFactory, PositionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_official_title_on_a_date_comes_from_the_position_held_then():
    official = OfficialFactory(name="樊惠林")
    PositionFactory(
        official=official,
        title="区长",
        start_date=D(2019, 1, 1),
        end_date=D(2021, 5, 31),
    )
    PositionFactory(official=official, title="区委书记", start_date=D(2021, 6, 1))

    assert official.title_on(D(2020, 3, 1)) == "区长"
    assert official.title_on(D(2021, 5, 31)) == "区长"
    assert official.title_on(D(2021, 6, 1)) == "区委书记"
    assert official.title_on(D(2023, 11, 24)) == "区委书记"


def test_official_title_is_empty_before_the_first_position():
    official = PositionFactory(start_date=D(2022, 1, 1)).official

    assert official.title_on(D(2021, 12, 31)) == ""


def test_concurrent_positions_join_in_protocol_order_without_repeats():
    official = OfficialFactory()
    PositionFactory(official=official, title="区委常委、纪委书记", rank=50)
    PositionFactory(official=official, title="区委常委、监委主任", rank=55)

    assert official.title_on(D(2023, 1, 1)) == "区委常委、纪委书记、监委主任"


def test_position_ending_before_it_starts_is_refused():
    position = PositionFactory.build(
        official=OfficialFactory(), start_date=D(2023, 1, 1), end_date=D(2022, 1, 1)
    )
    with pytest.raises(ValidationError):
        position.full_clean()
    with pytest.raises(IntegrityError):
        position.save()


def test_current_officials_are_listed_in_protocol_order(time_machine):
    time_machine.move_to(datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC))
    mayor = PositionFactory(official__name="区长", rank=20).official
    secretary = PositionFactory(official__name="书记", rank=10).official
    deputy = PositionFactory(official__name="副区长", rank=60).official
    retired = PositionFactory(
        official__name="前任", rank=5, end_date=D(2022, 12, 31)
    ).official

    assert list(Official.objects.current()) == [secretary, mayor, deputy]
    assert list(Official.objects.former()) == [retired]


def test_department_aliases_are_split_on_lines_and_chinese_commas():
    department = DepartmentFactory(
        name="区纪委监委",
        full_name="二七区纪律检查委员会",
        aliases="区纪委\n纪委监委、区监委",
    )

    assert department.alias_list() == ["区纪委", "纪委监委", "区监委"]
    assert department.names()[0] == "二七区纪律检查委员会"
    assert set(department.names()) == {
        "区纪委监委",
        "二七区纪律检查委员会",
        "区纪委",
        "纪委监委",
        "区监委",
    }


def test_department_cannot_be_its_own_ancestor():
    parent = DepartmentFactory()
    child = DepartmentFactory(parent=parent)
    parent.parent = child

    with pytest.raises(ValidationError):
        parent.full_clean()


def test_slugs_are_generated_from_chinese_names_and_kept_unique():
    first = Department.objects.create(name="区商务局")
    second = Official.objects.create(name="王潜")
    third = Official.objects.create(name="王潜 ")

    assert first.slug == "区商务局"
    assert second.slug == "王潜"
    assert third.slug == "王潜-2"
    assert (
        first.get_absolute_url() == "/departments/%E5%8C%BA%E5%95%86%E5%8A%A1%E5%B1%80/"
    )


def test_position_held_on_q_matches_is_held_on():
    official = OfficialFactory()
    positions = [
        PositionFactory(
            official=official, start_date=D(2020, 1, 1), end_date=D(2020, 12, 31)
        ),
        PositionFactory(official=official, start_date=D(2021, 1, 1)),
        PositionFactory(official=official, start_date=D(2025, 1, 1)),
    ]
    for day in [D(2020, 6, 1), D(2021, 1, 1), D(2024, 1, 1), D(2026, 1, 1)]:
        in_db = set(Position.objects.filter(Position.held_on_q(day)))
        in_python = {p for p in positions if p.is_held_on(day)}
        assert in_db == in_python, day


def test_the_leaders_roll_is_current_officials_with_their_titles_of_the_day():
    """roll_on (one query of plain values, the side column of every page) answers
    what current() and title_on() answer: protocol order, ties by name, a leader
    with two posts once at their better rank, with both titles."""
    day = D(2024, 1, 1)
    both = OfficialFactory(name="甲", slug="jia")
    PositionFactory(official=both, title="区委常委、副区长", rank=60)
    PositionFactory(official=both, title="区委常委、政法委书记", rank=30)
    PositionFactory(official__name="乙", official__slug="yi", title="区长", rank=20)
    PositionFactory(official__name="丁", official__slug="ding", title="副区长", rank=60)
    PositionFactory(official__name="丙", official__slug="bing", title="副区长", rank=60)
    PositionFactory(
        official__name="前任", official__slug="gone", rank=5, end_date=D(2023, 6, 30)
    )
    PositionFactory(
        official__name="新任", official__slug="new", rank=1, start_date=D(2024, 2, 1)
    )
    expected = [
        (o.name, o.slug, o.title_on(day))
        for o in Official.objects.with_rank_on(day)
        .filter(protocol_rank__isnull=False)
        .order_by("protocol_rank", "name")
    ]

    assert Official.objects.roll_on(day) == expected
    assert [name for name, _, _ in expected] == ["乙", "甲", "丁", "丙"]
    assert expected[1][2] == "区委常委、政法委书记、副区长"
    # A narrowed set of officials keeps to itself.
    narrowed = Official.objects.filter(slug__in=["jia", "ding", "gone"])
    assert narrowed.roll_on(day) == [expected[1], expected[2]]
