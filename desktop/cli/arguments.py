"""Argument types shared by the subcommands: a bad value is a usage error (exit 2) that says why."""

from __future__ import annotations

import argparse


def _number(text: str, kind: type[int] | type[float]) -> int | float:
    try:
        return kind(text)
    except ValueError:
        noun = "whole number" if kind is int else "number"
        raise argparse.ArgumentTypeError(f"not a {noun}: {text!r}") from None


def positive_int(text: str) -> int:
    value = int(_number(text, int))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, not {text}")
    return value


def positive_float(text: str) -> float:
    value = float(_number(text, float))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than zero, not {text}")
    return value


def non_negative_float(text: str) -> float:
    value = float(_number(text, float))
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or more, not {text}")
    return value
