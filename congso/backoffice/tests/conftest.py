from congso.dossiers.tests.conftest import applicant, world  # noqa: F401 — the same small province
