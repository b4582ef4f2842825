"""The installed-models registry and imports: atomic JSON, default model, referenced vs copied
files, recognition by sha256, and clear reasons for files that must not be used."""

from __future__ import annotations

import json
import shutil

import pytest
from loopback_hub import catalog_entry, sha256_of

from desktop.core.models.catalog import Catalog, parse_catalog
from desktop.core.models.importing import ModelImportError, find_gguf_files, import_model
from desktop.core.models.installed import REGISTRY_FILE, InstalledModel, Registry
from desktop.core.models.model_check import VerdictCache
from desktop.core.system.paths import DataDir


@pytest.fixture
def data(tmp_path):
    return DataDir(tmp_path / "data").ensure()


def catalog_with(model) -> Catalog:
    return Catalog(parse_catalog({"schema_version": 1, "models": [catalog_entry(model)]}))


def record(path, model_id="m1", **changes) -> InstalledModel:
    fields = dict(id=model_id, name="Model", quantization="Q4_K_M", size=path.stat().st_size,
                  context_length=4096, source="modelscope", verified=True, path=str(path),
                  sha256=sha256_of(path))  # fmt: skip
    fields.update(changes)
    return InstalledModel(**fields)


def test_registry_add_default_remove(data, model_copy):
    registry = Registry(data)
    assert registry.models() == [] and registry.default() is None
    inside = data.models / "a.gguf"
    shutil.copy(model_copy, inside)
    registry.add(record(inside, "a"))
    registry.add(record(model_copy, "b", in_place=True))
    assert [m.id for m in registry.models()] == ["a", "b"]
    assert registry.default().id == "a"  # the first one installed
    stored = json.loads((data.root / REGISTRY_FILE).read_text())
    assert stored["models"][0]["path"] == "models/a.gguf"  # portable: relative to the data dir
    assert registry.path_of(registry.get("a")) == inside
    registry.set_default("b")
    assert registry.default().id == "b"
    with pytest.raises(KeyError):
        registry.set_default("zzz")
    registry.remove("b")
    assert model_copy.exists(), "a referenced file is the user's, never deleted"
    assert registry.default().id == "a"
    registry.remove("a")
    assert not inside.exists() and registry.models() == [] and registry.default() is None
    assert not list(data.root.glob(".*.tmp")), "atomic writes leave no temp files"


def test_unreadable_registry_is_kept_aside(data, model_copy):
    (data.root / REGISTRY_FILE).write_text("{broken", encoding="utf-8")
    registry = Registry(data)
    assert registry.models() == []
    assert (data.root / (REGISTRY_FILE + ".bad")).exists()
    registry.add(record(model_copy))
    assert [m.id for m in Registry(data).models()] == ["m1"]


def test_verify_detects_damage_and_missing_files(data, model_copy):
    registry = Registry(data)
    model = registry.add(record(model_copy, catalog_id="m1"))
    assert registry.verify(model).ok
    raw = bytearray(model_copy.read_bytes())
    raw[1000] ^= 0xFF
    model_copy.write_bytes(bytes(raw))
    report = registry.verify(model)
    assert not report.ok and "damaged" in report.message
    assert registry.get("m1").verified is False
    model_copy.unlink()
    assert "missing" in registry.verify(model).message


def test_find_gguf_files_in_a_folder(tmp_path, tiny_model):
    stick = tmp_path / "USB"
    (stick / "models" / "deep").mkdir(parents=True)
    (stick / ".Trash").mkdir()
    for path in (
        stick / "A.GGUF",
        stick / "models" / "deep" / "b.gguf",
        stick / ".Trash" / "old.gguf",
        stick / "c.gguf.part",
        stick / "notes.txt",
    ):
        path.write_bytes(b"x")  # fmt: skip
    found = [p.relative_to(stick).as_posix() for p in find_gguf_files(stick)]
    assert found == ["A.GGUF", "models/deep/b.gguf"]
    assert find_gguf_files(tiny_model) == [tiny_model]


def test_import_recognised_by_catalog_is_copied_and_verified(data, model_copy):
    registry = Registry(data)
    phases = []
    model = import_model(model_copy, registry, catalog_with(model_copy), copy=True,
                         progress=lambda phase, done, total: phases.append(phase))  # fmt: skip
    assert model.verified and model.id == "tiny-r1" and model.source == "import"
    target = registry.path_of(model)
    assert target.parent == data.models and target.read_bytes() == model_copy.read_bytes()
    assert not model.in_place and {"hashing", "copying"} <= set(phases)
    assert "checking" not in phases  # the catalog hash vouches for it: no probe needed
    assert not list(data.models.glob("*.part"))
    again = import_model(model_copy, registry, catalog_with(model_copy), copy=True)
    assert again.id == model.id and len(registry.models()) == 1


def test_import_of_an_unknown_file_is_probed_and_referenced(data, model_copy):
    registry = Registry(data)
    verdicts = VerdictCache(data.model_checks_file)
    phases = []
    model = import_model(model_copy, registry, Catalog([]), copy=False, verdicts=verdicts,
                         progress=lambda phase, done, total: phases.append(phase))  # fmt: skip
    assert "checking" in phases
    assert not model.verified and model.in_place and model.id.startswith("local-")
    assert model.quantization == "F32" and model.context_length == 4096
    assert registry.path_of(model) == model_copy.resolve()
    assert verdicts.get(model_copy)["ok"] is True


def test_a_models_folder_that_cannot_be_written_fails_the_import_with_words(
    data, model_copy, read_only
):
    """A locked-down or write-protected data folder: the lock file, the copy or the list of
    models cannot be written. That is the import's failure, said in words, and the next file
    of a folder import still gets its turn (an OSError ended the whole job before)."""
    registry = Registry(data)
    read_only(data.models)
    with pytest.raises(ModelImportError, match="could not be written"):
        import_model(model_copy, registry, catalog_with(model_copy), copy=True)
    read_only(data.root)
    with pytest.raises(ModelImportError, match="could not be written"):
        import_model(model_copy, registry, Catalog([]), copy=False)
    assert registry.models() == [] and not any(data.models.iterdir())


def test_a_read_error_while_hashing_is_that_files_import_error(data, model_copy, monkeypatch):
    """A USB stick pulled out (or failing) while its file is hashed: the OS read fails. Before,
    the raw OSError ended the whole import job as an English "Unexpected error"."""
    import builtins
    import errno

    from desktop.core.models import hashing

    real_open = builtins.open

    class Unplugged:  # the file opens, then every read fails as on a pulled stick
        def __init__(self, *args, **kwargs):
            self.fh = real_open(*args, **kwargs)

        def read(self, _size: int) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.fh.close()

    monkeypatch.setattr(hashing, "open", Unplugged, raising=False)  # the OS boundary only
    registry = Registry(data)
    with pytest.raises(ModelImportError, match=r"could not be read \(Input/output error\)"):
        import_model(model_copy, registry, catalog_with(model_copy), copy=True)
    assert registry.models() == [] and not any(data.models.iterdir())


@pytest.mark.parametrize(
    ("fixture", "words"),
    [("truncated_model", "truncated"), ("bad_magic_model", "not a GGUF"),
     ("duplicate_tokens_model", "damaged vocabulary")],
)  # fmt: skip
def test_bad_files_get_a_clear_reason(request, data, fixture, words):
    path = request.getfixturevalue(fixture)
    registry = Registry(data)
    with pytest.raises(ModelImportError, match=words):
        import_model(path, registry, Catalog([]), copy=True)
    assert registry.models() == [] and not any(data.models.iterdir())
