# SPDX-License-Identifier: EUPL-1.2
"""The 23 example messages of the Zaak- en Documentservices (StUF-ZKN 3.10) conform, each on its own and
together in one ZIP file."""

import pytest

from bouwplaats.suppliers.conformance.validation import check_upload
from bouwplaats.suppliers.models import SchemaSet

from .conftest import EXAMPLES, example, upload, zipped


def test_there_are_23_examples():
    assert len(EXAMPLES) == 23


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_message_passes(name):
    outcome = check_upload(upload(name, example(name)), schema_set=SchemaSet.STUF_ZKN_0310)
    assert outcome.passed, outcome.results()
    (message,) = outcome.messages
    assert (message.name, message.schema, message.error_count, message.errors) == (name, "StUF-ZKN 3.10", 0, [])
    assert message.root.startswith("ZKN:")


def test_all_examples_in_one_zip_pass():
    data = zipped({f"zds/{name}": example(name) for name in EXAMPLES})
    outcome = check_upload(upload("voorbeeldberichten.zip", data), schema_set=SchemaSet.STUF_ZKN_0310)
    assert outcome.passed
    assert outcome.message_count == 23
    assert [message.name for message in outcome.messages] == [f"zds/{name}" for name in EXAMPLES]
