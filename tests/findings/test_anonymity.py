"""k-anonymity of the research export: every combination of quasi-identifiers in the file is
shared by at least five people, whatever the data."""

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from findings.anonymity import HIDDEN, QUASI_IDENTIFIERS, K, anonymise, is_k_anonymous, province
from findings.export import QUASI_COLUMNS

from .data import person_in_model

# Small value sets make groups; wide ones (many municipalities, years) force generalisation.
PERSON = st.tuples(
    st.sampled_from(["unknown", *(f"{y}-{y + 4}" for y in range(1940, 2010, 5))]),
    st.sampled_from(["woman", "man", "other", "unknown"]),
    st.sampled_from(["alone", "partner", "single_parent", "with_children", "shared", "unknown"]),
    st.sampled_from(
        [
            "Gent|9000",
            "Ledeberg|9050",
            "Aalst|9300",
            "Leuven|3000",
            "Brussel|1000",
            "Hasselt|3500",
            "unknown|",
        ]
    ),
    st.sampled_from(["yes", "no", "unknown"]),
    st.sampled_from(["yes", "no", "unknown"]),
    st.sampled_from(["not", "somewhat", "comfortable", "unknown"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PERSON, max_size=80))
def test_every_combination_left_in_the_file_is_shared_by_at_least_five_people(people):
    result = anonymise(people)
    kept = [(index, values) for index, values in enumerate(result.values) if values is not None]
    assert is_k_anonymous([values for _i, values in kept], [str(i) for i, _v in kept])
    assert result.people == len(kept)
    assert result.left_out == len(people) - len(kept)
    # Nobody is left out who could have been kept with everything hidden.
    assert result.left_out == 0 or result.left_out < K
    assert all(len(values) == len(QUASI_IDENTIFIERS) for _i, values in kept)


def test_a_group_of_five_alike_keeps_every_detail():
    person = ("1965-1969", "man", "alone", "Gent|9000", "no", "yes", "comfortable")
    result = anonymise([person] * 5)
    assert set(result.rungs.values()) == {0}
    assert result.values == [("1965-1969", "man", "alone", "Gent", "no", "yes", "comfortable")] * 5


def test_the_only_man_of_his_age_living_alone_is_not_recognisable():
    women = [("1980-1984", "woman", "partner", "Gent|9000", "no", "yes", "comfortable")] * 8
    him = ("1965-1969", "man", "alone", "Gent|9000", "no", "yes", "comfortable")
    result = anonymise([*women, him])
    assert him[:3] not in {values[:3] for values in result.values if values}
    assert result.values[-1] is None or result.values[-1] == (HIDDEN,) * 7


def test_fewer_than_five_people_leave_an_empty_file():
    person = ("1965-1969", "man", "alone", "Gent|9000", "no", "yes", "comfortable")
    result = anonymise([person] * 4)
    assert result.people == 0 and result.left_out == 4


def test_the_province_comes_from_the_postcode():
    assert province("9050") == "East Flanders"
    assert province("1000") == "Brussels"
    assert province("") == province("x") == "unknown"


@pytest.mark.django_db
def test_the_downloaded_export_is_k_anonymous(organisation, researcher, login):
    # Twelve people, several of them unique on their own (year, gender, place).
    for index in range(12):
        person_in_model(
            organisation,
            "buddy" if index % 2 else "peer",
            before=2,
            after=5,
            research=True,
            birth_year=1950 + 3 * index,
            gender="vrouw" if index % 3 else "man",
            municipality=["Gent", "Aalst", "Leuven"][index % 3],
            postcode=["9000", "9300", "3000"][index % 3],
        )
    client = login(researcher)
    content = client.get("/findings/research-export/research-export.csv").content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows
    assert is_k_anonymous(
        [[row[column] for column in QUASI_COLUMNS] for row in rows],
        [row["pseudonym"] for row in rows],
    )
    page = client.get("/findings/research-export/").content.decode()
    assert "Deze cijfers" not in page  # the export page, not the dashboard
    assert "minstens 5" in page
