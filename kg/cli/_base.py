"""The click group every command registers on, and the error handling they share."""
from __future__ import annotations

import functools
import sys

import click

from ..errors import GovKGError

__all__ = ["main", "handle_errors"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: Chinese government and policy news to a knowledge graph."""


def handle_errors(fn):
    """Turn a :class:`GovKGError` raised by the API into ``error: …`` on stderr and exit 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GovKGError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper
