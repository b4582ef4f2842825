"""Entry point of the PyInstaller bundle: the ``thinkdesk`` command, as ``python -m desktop``.

Portable llama.cpp builds (``GGML_BACKEND_DL``) register no CPU backend until someone loads
them, and llama-cpp-python 0.3.36 never does. Rather than importing llama.cpp eagerly (it
costs start-up time before the window appears), a post-import hook loads the backends the
moment ``llama_cpp.llama_cpp`` is first imported, in the GUI process and in the model-check
child alike. On builds with a built-in CPU backend the hook finds one registered and does
nothing.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys

_TARGET = "llama_cpp.llama_cpp"


class _LoadBackendsAfterImport(importlib.abc.MetaPathFinder):
    """Wraps the loader of ``llama_cpp.llama_cpp`` so the backends load right after it."""

    def find_spec(self, fullname, path, target=None):
        if fullname != _TARGET:
            return None
        sys.meta_path.remove(self)  # one shot: also keeps the search below from recursing
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None:
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                spec = find(fullname, path, target) if find else None
                if spec is not None:
                    break
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _ThenLoadBackends(spec.loader)
        return spec


class _ThenLoadBackends(importlib.abc.Loader):
    def __init__(self, inner: importlib.abc.Loader):
        self.inner = inner

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        from desktop.core.system.llama_info import ensure_backends_loaded

        ensure_backends_loaded()

    def __getattr__(self, name):  # get_resource_reader, is_package ... of the real loader
        return getattr(self.inner, name)


def main() -> int:
    sys.meta_path.insert(0, _LoadBackendsAfterImport())
    from desktop.cli import main as thinkdesk

    return thinkdesk()


if __name__ == "__main__":
    sys.exit(main())
