-- Creates one database per service and enables PostGIS and pgRouting in risk_map (run once, on an empty data folder).
CREATE DATABASE hazard;
CREATE DATABASE enforcement;
CREATE DATABASE risk_map;
CREATE DATABASE notify;

\connect risk_map
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pgrouting;
