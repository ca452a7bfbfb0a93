"""One error shape for every layer: a stable English code for machines, a Vietnamese message for people.

Services raise these; the API turns them into `{"code", "message", "fields"}` with the status below,
and pages show the message. Nothing else should reach the user as a 500.
"""

from __future__ import annotations


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, *, fields: dict[str, str] | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.fields = fields or {}

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class InvalidInput(DomainError):
    status = 400


class NotFound(DomainError):
    status = 404


class PermissionDenied(DomainError):
    status = 403


class Conflict(DomainError):
    """The request is well-formed but the state does not allow it (a forbidden transition, a stale page)."""

    status = 409
