"""The demo loader publishes the enterprise register as the enforcement service will: CloudEvents, protobuf, stable ids."""

from ecosafe.enforcement.v1.enterprise_pb2 import EnterpriseRegistered, RiskLevel
from ecosafe_demo.enterprises import demo_register, publish_register

from kit_helpers import read_topic


def test_demo_register_is_published_as_enterprise_registered_events(kafka_bootstrap, unique):
    rows = demo_register()["enterprises"][:3]
    topic = f"test.enterprise.{unique}"
    assert publish_register(kafka_bootstrap, rows, topic=topic) == 3
    assert publish_register(kafka_bootstrap, rows, topic=topic) == 3  # a re-run re-sends the same event ids
    received = read_topic(kafka_bootstrap, topic, 6)
    assert len(received) == 6 and len({e.event_id for e in received}) == 3
    first = next(e for e in received if e.stream_id == rows[0]["enterprise_id"])  # partitions interleave
    assert first.event_type == "ecosafe.enforcement.v1.EnterpriseRegistered"
    assert first.source == "/ecosafe/enforcement" and first.stream_type == "enterprise" and first.version == 1
    message = EnterpriseRegistered.FromString(first.payload)
    assert message.enterprise_id == rows[0]["enterprise_id"]
    assert message.name == rows[0]["name"] and message.jurisdiction_code == rows[0]["jurisdiction_code"]
    assert message.risk_level == RiskLevel.RISK_LEVEL_MAJOR
    assert abs(message.location.lon - rows[0]["location"]["lon"]) < 1e-9


def test_demo_district_has_two_counties_of_one_city_and_two_parks():
    register = demo_register()
    counties = {c["code"] for c in register["counties"]}
    assert register["city"]["code"] == "140500" and counties == {"140525", "140581"}
    assert {e["jurisdiction_code"] for e in register["enterprises"]} == counties
    parks = {p["park_id"] for p in register["parks"]}
    assert {e["park_id"] for e in register["enterprises"] if e["park_id"]} == parks
    ids = {e["enterprise_id"] for e in register["enterprises"]}
    assert all(e["parent_enterprise_id"] in ids for e in register["enterprises"] if e["parent_enterprise_id"])
