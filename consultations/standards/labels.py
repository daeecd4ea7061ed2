"""How a finding of the standards check reads: words, never colour alone."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .rules import Status

STATUS = {
    Status.MET: _l("Met"),
    Status.NOT_MET: _l("Not met"),
    Status.NOT_YET_DUE: _l("Not yet due"),
}
