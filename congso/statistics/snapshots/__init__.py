"""Monthly statistics snapshots (ADR 0004): built from the replayed events, composed into any period that
starts on the first day of a month, kept current by outbox handlers, rebuilt by `manage.py snapshots`.

`months` names calendar months, `monthly` is the one grouped SQL pass over the events for many months,
`build` writes its rows, `stale` marks and lists the months an event has made out of date, `read` composes
a period from rows plus a live tail, and `parts` applies the pure rules to the tail's replayed facts.
"""
