"""kafka-python checks the CRC-32C of every record batch it sends or fetches: it must use the C implementation."""

import crc32c
from kafka.record import util


def test_kafka_python_computes_record_batch_crcs_with_the_c_extension():
    # The pure-Python fallback costs ≈ 0.28 ms per 2 KB batch, on the relay and on every consumer.
    assert util._crc32c is crc32c.crc32c
    assert util.calc_crc32c(memoryview(b"123456789")) == 0xE3069283  # the CRC-32C check value
