"""Nobody may change or delete what was published: the groups' table grants no such right."""

import pytest

from projects.roles import GROUP_PERMISSIONS, codenames


@pytest.mark.parametrize("group", list(GROUP_PERMISSIONS))
@pytest.mark.parametrize("model", ["edition", "editionfile", "correction"])
def test_no_group_may_change_or_delete_an_edition_its_files_or_a_correction(group, model):
    granted = codenames(GROUP_PERMISSIONS[group])
    assert ("projects", f"view_{model}") in granted
    assert ("projects", f"change_{model}") not in granted
    assert ("projects", f"delete_{model}") not in granted
