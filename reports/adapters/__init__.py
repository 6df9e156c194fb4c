"""The report engine's use of library internals, one module per library.

Each speed-up or layout decision that reads something a library does not document lives in its
library's module here, next to the public way of getting the same answer; a test per module
compares the two (tests/reports/test_adapters.py), so a library upgrade that changes an internal
fails one named test instead of a report.
"""
