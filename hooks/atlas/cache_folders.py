"""Where a cache of the build lives: one rule for every cache the hooks keep under `.cache/`.

A setting in mkdocs.yml names a folder (relative to the project root) or is false (no cache); absent, the
cache's default folder is used. An environment variable, when set, wins: 0/off/false/no or empty means
no cache, anything else is a folder. `make` and the benchmarks switch caches off this way.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import tempfile
from importlib import metadata
from pathlib import Path

OFF_WORDS = frozenset({"", "0", "false", "no", "off"})


class SettingError(ValueError):
    """A cache setting is neither a folder nor false."""


def cache_folder(setting: object, environ_value: str | None, root: Path, *, default: str,
                 name: str) -> Path | None:
    """The cache's folder, or None for no cache. `name` is the setting's key, for the error message."""
    if environ_value is not None:
        value: object = None if environ_value.strip().lower() in OFF_WORDS else environ_value.strip()
    elif setting is None or setting is True:
        value = default
    elif setting is False:
        value = None
    elif isinstance(setting, str) and setting.strip():
        value = setting.strip()
    else:
        raise SettingError(f"{name} must be a folder (relative to mkdocs.yml) or false, not {setting!r}")
    if value is None:
        return None
    path = Path(os.path.expanduser(str(value)))
    return path if path.is_absolute() else root / path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename: a build stopped
    half-way never leaves a half-written cache entry (or PDF) behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@functools.lru_cache(maxsize=16)
def code_fingerprint(modules: tuple[str, ...], distributions: tuple[str, ...] = ()) -> str:
    """What decides a cached result besides its input: the source of the modules that compute it and
    the versions of the libraries they use. A change to any of them finds no earlier entry."""
    digest = hashlib.sha256()
    for module in modules:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
        digest.update(Path(origin).read_bytes() if origin else module.encode("utf-8"))
    for distribution in distributions:
        try:
            digest.update(f"{distribution}={metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{distribution}=absent".encode())
    return digest.hexdigest()
