"""Statistics: Form 06 (Circular 01/2020/TT-VPCP) and the Decision 766/QĐ-TTg index, replayed from the
dossier events (domain.md §9, ADR 0002).

Public surface (`selectors`): `form06_report`, `form06_cell`, `index766_report`, `index766_cell`,
`find_agency`; `periods.Period` and `periods.parse_day` for the period. The shell is
`manage.py statistics form06|index766|explain`. Pure rules (`form06`, `index766.timeliness`,
`index766.scoring`, `index766.compute`) work on `facts.Fact` tuples so they can later run over snapshots;
`queries` holds the SQL.
"""
