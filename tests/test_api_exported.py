"""The public surface of ``graph_builder``: a sorted ``__all__`` whose every name exists."""

from __future__ import annotations

import inspect

import pytest

import graph_builder
from graph_builder import errors


def test_api_all_is_sorted() -> None:
    assert graph_builder.__all__ == sorted(graph_builder.__all__)


def test_api_every_exported_name_exists() -> None:
    for name in graph_builder.__all__:
        assert getattr(graph_builder, name) is not None, name


def test_api_exports_every_error() -> None:
    tree = {name for name, value in vars(errors).items() if inspect.isclass(value) and issubclass(value, errors.CdkgError)}
    assert tree <= set(graph_builder.__all__)


def test_api_query_stays_the_function_after_the_submodule_loads() -> None:
    from graph_builder.query import run  # loads the submodule graph_builder.query

    assert callable(run)
    assert inspect.isfunction(graph_builder.query)


def test_api_build_rejects_unknown_settings(tmp_path) -> None:
    with pytest.raises(TypeError, match=r"unknown build setting 'jbos'; known: .*jobs"):
        graph_builder.build(out=tmp_path, jbos=1)
