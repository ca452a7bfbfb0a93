"""Dossier records in and out (dossier-record.md): one dossier and its whole history as a JSON line.

`validate` turns a line into a clean `record.Record` (or Vietnamese errors), `importer` writes records
as dossiers (a migration: the given moments are kept), `exporter` writes dossiers as records.
"""
