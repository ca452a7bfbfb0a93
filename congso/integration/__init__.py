"""Adapters to outside systems (national payment platform, SMS/Zalo, …), each with a fake
(architecture.md principle 8)."""
