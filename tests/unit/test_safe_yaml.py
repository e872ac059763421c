"""atlas.safe_yaml: libyaml's loader, where present, reads the same data as PyYAML's own safe loader
(translation stamps hash front matter read with it, so the two must never disagree)."""

from __future__ import annotations

import pytest
import yaml
from atlas.safe_yaml import LOADER, load
from hypothesis import given, settings
from hypothesis import strategies as st

# strings YAML 1.1 reads as something else when unquoted: the dumper must quote them for both loaders
TRICKY = ["yes", "no", "on", "1.0", "0o17", "~", "2026-12-08", "1_000", ".inf", "0x1F"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.dates().map(str),
                    st.sampled_from(TRICKY))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), values, max_size=6),
       st.sampled_from(["block", "flow"]))
def test_libyaml_and_pyyaml_read_the_same_data(data: dict, style: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=(style == "flow"))
    assert load(text) == yaml.load(text, Loader=yaml.SafeLoader)


def test_tags_beyond_the_safe_ones_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        load("!!python/object/apply:os.system ['true']")
    assert LOADER in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", None))
