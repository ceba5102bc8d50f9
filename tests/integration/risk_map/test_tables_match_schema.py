"""The Core/GeoAlchemy2 declaration of the read-model tables matches what the migrations create."""

from __future__ import annotations

from geoalchemy2 import Geometry
from sqlalchemy import ARRAY, BigInteger, Boolean, DateTime, Float, Integer, Text, text
from sqlalchemy.dialects.postgresql import JSONB

from risk_map.adapters.tables import metadata

# BigInteger first: it is an Integer too.
_TYPES = {Text: "text", BigInteger: "int8", Integer: "int4", Float: "float8", Boolean: "bool", JSONB: "jsonb", Geometry: "geometry"}


def _udt(column) -> str:
    if isinstance(column.type, ARRAY):
        return "_text"
    if isinstance(column.type, DateTime):
        return "timestamptz" if column.type.timezone else "timestamp"
    return next(name for cls, name in _TYPES.items() if isinstance(column.type, cls))


def test_every_read_model_table_is_declared_with_its_columns_types_and_geometries(engine):
    with engine.connect() as conn:
        columns = conn.execute(text(
            "SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name LIKE 'rm\\_%'")).all()
        geometries = conn.execute(text(
            "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns "
            "WHERE f_table_name LIKE 'rm\\_%'")).all()
    migrated = {(t, c): (udt, nullable == "YES") for t, c, udt, nullable in columns}
    declared = {(table.name, c.name): (_udt(c), c.nullable and not c.primary_key)
                for table in metadata.tables.values() for c in table.columns}
    assert declared == migrated
    declared_geometries = {(table.name, c.name, c.type.geometry_type, c.type.srid)
                           for table in metadata.tables.values() for c in table.columns if isinstance(c.type, Geometry)}
    assert declared_geometries == {tuple(g) for g in geometries}
