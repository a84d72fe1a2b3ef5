#!/usr/bin/env python3
"""Loads templates exactly as Heat's loader does, for hotc's differential tests.

Heat 27's heat/common/template_format.simple_parse reads a template with
json.loads first and, when that raises ValueError, with yaml.load and a
CSafeLoader subclass (SafeLoader when libyaml is missing) whose str and
timestamp constructors both return the scalar's text, so `2013-05-23` stays a
string. A None result becomes {}. When the libyaml loader raises a YAMLError,
Heat loads again with the pure-Python SafeLoader to get a better message: its
error (or, should it succeed, its value) is what Heat goes on with. This script
does the same, minus Heat's final "must be a mapping" check, and prints the
result as json.dumps(value, indent=2, ensure_ascii=False).

Only the standard library and PyYAML are used; Heat is not imported.

Usage:
  heat_loader.py FILE
      Prints the loaded value, or a single line `ERROR <line> <column>
      <problem>` (1-based, from the error's problem mark, else its context
      mark; 0 0 when the error has no position, such as a KeyError escaping
      from PyYAML) and exits 0.
  heat_loader.py --batch FILE... | --batch -
      Loads every file (with `-`, the paths on standard input, one a line)
      and prints one JSON object, ASCII only:
      {path: {"ok": json_text} | {"error": {"line", "column", "message"}}}.
"""

import json
import sys

import yaml

_BASE = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader


class HeatLoader(_BASE):
    """Heat's yaml_loader: strings and timestamps are kept as text."""

    def _construct_yaml_str(self, node):
        return self.construct_scalar(node)


HeatLoader.add_constructor("tag:yaml.org,2002:str", HeatLoader._construct_yaml_str)
HeatLoader.add_constructor("tag:yaml.org,2002:timestamp", HeatLoader._construct_yaml_str)


class LoadError(Exception):
    """A failure with a 1-based position (0, 0 when there is none)."""

    def __init__(self, line, column, message):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def _yaml_error(exc):
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    problem = " ".join(str(problem).split())
    if mark is None:
        return LoadError(0, 0, problem)
    return LoadError(mark.line + 1, mark.column + 1, problem)


def _other_error(exc):
    message = " ".join(("%s: %s" % (type(exc).__name__, exc)).split())
    return LoadError(0, 0, message)


def load(text):
    """simple_parse without the final isinstance(dict) check."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    except Exception as exc:  # RecursionError: Heat does not catch it either.
        raise _other_error(exc) from exc
    try:
        value = yaml.load(text, Loader=HeatLoader)
    except yaml.YAMLError:
        # Heat loads again with the pure-Python SafeLoader for its message
        # and, should that succeed, goes on with its value as it is.
        try:
            return yaml.load(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise _yaml_error(exc) from exc
        except Exception as exc:
            raise _other_error(exc) from exc
    except Exception as exc:  # KeyError, ValueError...: Heat lets them escape.
        raise _other_error(exc) from exc
    return {} if value is None else value


def load_file(path):
    """The pretty JSON text of one file's value; raises LoadError."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _other_error(exc) from exc
    value = load(text)
    try:
        out = json.dumps(value, indent=2, ensure_ascii=False)
        out.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        # A set, bytes, date (SafeLoader fallback), lone surrogate or a
        # self-referencing alias: loaded, but not something JSON can show.
        raise _other_error(exc) from exc
    return out


def main(argv):
    if len(argv) >= 2 and argv[0] == "--batch":
        paths = argv[1:]
        if paths == ["-"]:
            paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
        results = {}
        for path in paths:
            try:
                results[path] = {"ok": load_file(path)}
            except LoadError as exc:
                results[path] = {
                    "error": {"line": exc.line, "column": exc.column, "message": exc.message}
                }
        sys.stdout.write(json.dumps(results, ensure_ascii=True))
        sys.stdout.write("\n")
        return 0
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    try:
        out = load_file(argv[0])
    except LoadError as exc:
        out = "ERROR %d %d %s" % (exc.line, exc.column, exc.message)
    sys.stdout.buffer.write(out.encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
