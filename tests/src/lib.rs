//! Shared helpers for hotc's fixture suites (the suites are in tests/tests/).
