import os
import sys

import pytest

# Test helpers (lo_oracle, ...) live next to the tests: `from lo_oracle import ...`.
_TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)


def pytest_runtest_setup(item):
    # Every @pytest.mark.libreoffice test needs soffice: skip without it, fail in CI.
    if item.get_closest_marker("libreoffice") is not None:
        from lo_oracle import require_soffice

        require_soffice()
