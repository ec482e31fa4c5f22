"""The ``kg`` command: thin click commands over the Python API (``kg.build``, ``kg.store``…).

Each submodule defines the commands of one area and registers them on :data:`main`.
Library errors (:class:`kg.errors.GovKGError`) become a one-line ``error: …`` and exit code 2.
"""
from __future__ import annotations

from ._base import main

# Each import registers that area's commands on ``main``.
from . import build  # noqa: E402,F401
from . import linked  # noqa: E402,F401
from . import viz  # noqa: E402,F401

__all__ = ["main"]
from . import push  # noqa: E402,F401
