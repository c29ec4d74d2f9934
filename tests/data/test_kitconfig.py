"""The kit's own settings: declared once with defaults, overridden only by their declared
environment variables, a wrong value refused with a Chinese line naming the variable."""
from __future__ import annotations

import pytest

from kit.data import kitconfig


def test_defaults_and_environment_overrides():
    s = kitconfig.current({})
    assert (s.production, s.speed, s.parallel, s.node_modules) == (False, True, "auto", None)
    s = kitconfig.current({"WENMING_PRODUCTION": "1", "WENMING_SPEED": "0", "WENMING_PARALLEL": "1",
                           "WENMING_NODE_MODULES": "/opt/nm"})
    assert (s.production, s.speed, s.parallel, s.node_modules) == (True, False, "on", "/opt/nm")
    assert kitconfig.current({"WENMING_PARALLEL": "0"}).parallel == "off"


@pytest.mark.parametrize("env,value", [("WENMING_SPEED", "maybe"), ("WENMING_PRODUCTION", "是"),
                                       ("WENMING_PARALLEL", "2"), ("WENMING_SEARCH_SHARD_KB", "-1")])
def test_a_wrong_value_names_the_variable(env, value):
    with pytest.raises(kitconfig.SettingsError, match=f"环境变量 {env}="):
        kitconfig.current({env: value})


def test_only_declared_settings_exist_and_each_is_documented():
    rows = kitconfig.reference()
    assert [r[1] for r in rows] == ["WENMING_PRODUCTION", "WENMING_SPEED", "WENMING_PARALLEL", "WENMING_SEARCH_SHARD_KB",
                                 "WENMING_NODE_MODULES"]
    assert all(r[3] for r in rows)
    with pytest.raises(kitconfig.SettingsError):
        kitconfig.current({}, colour="red")
