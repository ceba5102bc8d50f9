"""Mapbox Vector Tiles with ST_AsMVT / ST_AsMVTGeom, simplified by zoom: one prepared statement per layer set.

A tile with several layers is one statement whose layers are concatenated in SQL (an MVT is a sequence of
layers), prepared once per database session. Layers that belong to an area, a park or an enterprise are drawn
only as far as the reader's scope reaches (the same conditions as the OGC API); the shared layers are whole.
Features are selected with the tile envelope grown by the same buffer ST_AsMVTGeom keeps, so a line or label that
only crosses the buffer still reaches the tile.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from psycopg import sql
from sqlalchemy.engine import Connection

from ecosafe_kit.prepared import PreparedStatement
from risk_map.adapters.layers import LAYERS, Layer
from risk_map.adapters.read_queries import SANCTION_FLAGS, SANCTION_JOIN, SCOPES
from risk_map.domain.kinds import POINT, RULES

if TYPE_CHECKING:  # the reader's scope comes from the service layer; only its shape is needed here
    from risk_map.service_layer.access import ReadScope

WORLD_M = 40_075_016.685578488
EXTENT = 4096
BUFFER = 64

# Properties that are not a plain attribute of the facility: where each comes from (`s`: the site's enterprise's
# sanction status, joined for the sites layer only).
_COMPUTED = {"pool_adequate": sql.SQL("(f.derived->'pool_adequacy'->>'pool_adequate')::boolean"),
             # The register's environmental risk level (general / elevated / major) that the web map colours by.
             "risk_level": sql.SQL("(SELECT e.risk_level FROM rm_enterprises e WHERE e.enterprise_id = f.enterprise_id)"),
             **{k: sql.SQL(v) for k, v in SANCTION_FLAGS.items()}}
_JOINS = {"sites": sql.SQL(" " + SANCTION_JOIN + "f.enterprise_id")}

# The tile's envelope in EPSG:3857 and, for the index, the envelope grown by the buffer in EPSG:4326.
_ENVELOPE = sql.SQL(
    "(SELECT ST_TileEnvelope(:z, :x, :y) AS env, "
    "ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => {margin}), 4326) AS area) b").format(
    margin=sql.Literal(BUFFER / EXTENT))


def tolerance_m(z: int) -> float:
    """Half a 256-px screen pixel at zoom z (metres): detail below that cannot be seen; none from zoom 16 on."""
    return 0.0 if z >= 16 else WORLD_M / (2 ** z) / 256 / 2


def _simplifies(layer: Layer) -> bool:
    """Whether the layer's geometry is simplified by zoom: lines and areas are; points (incidents, hazards and the
    point-only facility kinds) have nothing to simplify."""
    if layer.kind is not None:
        return not RULES[layer.kind].geometry_types <= POINT
    return layer.id == "parks"


def _mvt_geom(column: sql.Composable, simplify: bool) -> sql.Composable:
    projected = sql.SQL("ST_Transform({}, 3857)").format(column)
    if simplify:  # points have nothing to simplify
        projected = sql.SQL("ST_SimplifyPreserveTopology({}, :tol)").format(projected)
    return sql.SQL("ST_AsMVTGeom({}, b.env, {}, {}, true)").format(projected, sql.Literal(EXTENT), sql.Literal(BUFFER))


# Which scope condition (read_queries.SCOPES) limits each layer that is not shared by everyone.
_SCOPE_OF = {"parks": "park", "hazards": "enterprise", "incidents": "incident"}


def _scope_key(layer: Layer) -> str | None:
    if layer.kind is not None:
        return None if layer.shared else "facility"
    return _SCOPE_OF[layer.id]


def _within_scope(layer: Layer) -> sql.Composable:
    """The reader's scope as a condition: always true for shared layers and for a reader who sees everything."""
    key = _scope_key(layer)
    return sql.SQL("") if key is None else sql.SQL(" AND (:everything OR {})").format(sql.SQL(SCOPES[key]))


# Layers with a table of their own: their columns, table, geometry column and condition (constants).
_OWN_TABLES = {
    "parks": ("f.park_id AS id, f.name", "rm_parks", "geom", "f.retired_at IS NULL AND "),
    "incidents": ("f.incident_id AS id, f.pollutant, f.level, f.volume_m3, f.drill", "rm_incidents", "location", ""),
    "hazards": ("f.hazard_id AS id, f.enterprise_id, f.grade, f.ledger_no", "rm_hazards", "geom",
                "f.status = 'open' AND "),
}


def _rows(layer: Layer) -> sql.Composable:
    """The layer's feature rows: its properties and its geometry clipped to the tile (fixed per layer id)."""
    if layer.kind is not None:
        properties = [_COMPUTED.get(k, sql.SQL("f.attributes->>{}").format(sql.Literal(k)))
                      for k in layer.tile_properties]
        extra = sql.SQL("").join(sql.SQL(", {} AS {}").format(p, sql.Identifier(k))
                                 for p, k in zip(properties, layer.tile_properties))
        return sql.SQL(
            "SELECT f.facility_id AS id, f.name, f.kind, f.enterprise_id, f.park_id{extra}, {geom} AS geom "
            "FROM rm_facilities f{join}, {envelope} WHERE f.kind = {kind} AND f.geom && b.area{scope}").format(
            scope=_within_scope(layer), join=_JOINS.get(layer.id, sql.SQL("")),
            extra=extra, geom=_mvt_geom(sql.SQL("f.geom"), _simplifies(layer)),
            envelope=_ENVELOPE, kind=sql.Literal(layer.kind.value))
    columns, table, geometry, condition = _OWN_TABLES[layer.id]
    column = sql.SQL("f.{}").format(sql.Identifier(geometry))
    return sql.SQL("SELECT {columns}, {geom} AS geom FROM {table} f, {envelope} "
                   "WHERE {condition}{column} && b.area{scope}").format(
        columns=sql.SQL(columns), geom=_mvt_geom(column, _simplifies(layer)), table=sql.Identifier(table),
        envelope=_ENVELOPE, condition=sql.SQL(condition), column=column, scope=_within_scope(layer))


def _layer_tile(layer: Layer) -> sql.Composable:
    # COALESCE: a layer with no feature in the tile adds nothing rather than making the whole tile NULL.
    return sql.SQL("COALESCE((SELECT ST_AsMVT(t, {name}, {extent}, 'geom') FROM ({rows}) t "
                   "WHERE t.geom IS NOT NULL), ''::bytea)").format(
        name=sql.Literal(layer.id), extent=sql.Literal(EXTENT), rows=_rows(layer))


def _statement(name: str, layer_ids: list[str]) -> PreparedStatement:
    tile_sql = sql.SQL("SELECT {} AS tile").format(sql.SQL(" || ").join(_layer_tile(LAYERS[i]) for i in layer_ids))
    layers = [LAYERS[i] for i in layer_ids]
    uses_tolerance = any(_simplifies(layer) for layer in layers)
    scoped = any(_scope_key(layer) is not None for layer in layers)
    types = {"z": "int", "x": "int", "y": "int", **({"tol": "float8"} if uses_tolerance else {}),
             **({"everything": "boolean", "scope_area": "text", "scope_park": "text", "scope_enterprise": "text"}
                if scoped else {})}
    return PreparedStatement(name, tile_sql, types)


_STATEMENTS: dict[tuple[str, ...], PreparedStatement] = {}


def tile(conn: Connection, layer_ids: list[str], z: int, x: int, y: int, scope: ReadScope) -> bytes:
    """One tile with the named layers (each a layer of the same name in the MVT), as far as `scope` reaches."""
    key = tuple(layer_ids)
    statement = _STATEMENTS.get(key)
    if statement is None:
        # Layer ids are the fixed keys of LAYERS: a handful of statements, named after their layers.
        digest = hashlib.sha1(",".join(key).encode()).hexdigest()[:12]
        name = "rm_tile_" + (key[0] if len(key) == 1 else "set_" + digest)
        statement = _STATEMENTS[key] = _statement(name, list(key))
    data = statement.execute(conn, {"z": z, "x": x, "y": y, "tol": tolerance_m(z), "everything": scope.everything,
                                    **scope.params()}).scalar()
    return bytes(data or b"")
