import pytest

# The checks live in a helper module: let pytest explain its failed asserts too.
pytest.register_assert_rewrite("tests.properties.html_checks")
