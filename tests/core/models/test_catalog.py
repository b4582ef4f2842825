"""The bundled catalog pins the published files; extra catalogs are validated with clear errors;
sources are planned in the documented order."""

from __future__ import annotations

import json

import pytest

from desktop.core.downloads.sources import Endpoints, plan_sources
from desktop.core.models.catalog import (
    GB,
    CatalogError,
    fit_entry,
    load_catalog,
    parse_catalog,
    read_catalog_file,
    recommended_entries,
    resources_dir,
)

KNOWN = {  # file: (size or None, sha256), from the published unsloth repositories
    "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf": (
        1117320576, "c2c43b6018cf7700ce0ddee8807deb1a9a26758ef878232f3a142d16df81f0fe"),
    "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf": (
        1894531968, "af3a3fc64d7d0b18f15f28feabad5718d620dc5626a5c1eabad33ddc2b5d09a9"),
    "DeepSeek-R1-Distill-Qwen-1.5B-Q6_K.gguf": (
        None, "d700c749e36453767dd65c7e31bf860e7af8fac5eb9b16ea859276e6dbdbd9f5"),
    "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf": (
        4683073248, "78272d8d32084548bd450394a560eb2d70de8232ab96a725769b1f9171235c1c"),
    "DeepSeek-R1-Distill-Qwen-7B-Q5_K_M.gguf": (
        None, "4a2787e10767be0f04ee282721f8250a9ee16c8330cb93a57e33727b02948c5a"),
    "DeepSeek-R1-Distill-Qwen-7B-Q6_K.gguf": (
        None, "b18730fc1e8aa76fb7f1362e3a64569d552bded540c256f11940ecfd5df6522c"),
    # The HF tree of unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF at eb48357c (LFS oid and size).
    "DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf": (
        5027785216, "a86349a4180c4e6bb43f874c29c404fa2be3f90b15509bd6d86f697dba724ec1"),
}  # fmt: skip
QWEN3_8B = "DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf"


def good_entry(**changes):
    entry = {
        "id": "corp-r1", "name": "R1 (company mirror)", "quantization": "Q4_K_M",
        "file": "corp-r1.gguf", "size": 1000, "sha256": "a" * 64, "context_length": 4096,
        "recommended_ram_gb": 4, "license": "MIT",
        "shape": {"n_layer": 28, "n_head_kv": 2, "head_dim": 128, "n_ctx_train": 131072},
        "urls": ["https://models.example.com/corp-r1.gguf"],
    }  # fmt: skip
    entry.update(changes)
    return {"schema_version": 1, "models": [entry]}


def test_bundled_catalog_pins_every_published_file():
    catalog = load_catalog()
    assert {e.file: (e.size, e.sha256) for e in catalog} == KNOWN
    for entry in catalog:
        assert entry.license == "MIT" and "Apache-2.0" in entry.license_note
        assert entry.size is not None or entry.approx_size
        assert entry.context_length == entry.shape.n_ctx_train == 131072
        if entry.file == QWEN3_8B:  # Qwen3-8B body: 36 layers, 8 KV heads; HF only, pinned
            assert entry.hf.repo == "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF"
            assert len(entry.hf.revision) == 40 and entry.modelscope is None
            assert (entry.shape.n_layer, entry.shape.n_head_kv, entry.shape.head_dim) == (
                36, 8, 128)  # fmt: skip
            continue
        assert entry.modelscope and entry.hf and entry.modelscope.repo == entry.hf.repo
        assert entry.hf.repo.startswith("unsloth/DeepSeek-R1-Distill-Qwen-")
        small = "1.5B" in entry.file
        assert (entry.shape.n_layer, entry.shape.n_head_kv, entry.shape.head_dim) == (
            28, 2 if small else 4, 128)  # fmt: skip
    pinned = catalog.get("r1-qwen-1.5b-q4_k_m")
    assert pinned.hf.revision == "53d3061d21f4ec2b94f42165101ee7341bad023e"
    assert (resources_dir() / "catalog.json").is_file()


def test_lookup_by_id_file_name_and_hash():
    catalog = load_catalog()
    entry = catalog.get("R1-QWEN-7B-Q4_K_M")
    assert entry is catalog.get("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf")
    assert catalog.by_sha256(entry.sha256.upper()) is entry
    assert catalog.get("nope") is None


@pytest.mark.parametrize(
    ("ram_gb", "expected"),
    [(4, ["r1-qwen-1.5b-q4_k_m"]), (8, ["r1-qwen-1.5b-q4_k_m"]),
     (11.7, ["r1-qwen-1.5b-q4_k_m", "r1-qwen-7b-q4_k_m"]),  # a "12 GB" PC reports a bit less
     (32, ["r1-qwen-1.5b-q4_k_m", "r1-qwen-7b-q4_k_m"])],
)  # fmt: skip
def test_recommendation_preselects_the_small_model(ram_gb, expected):
    picks = recommended_entries(load_catalog(), int(ram_gb * GB))
    assert [e.id for e in picks] == expected


def test_fit_verdicts_use_the_shape_facts():
    catalog = load_catalog()
    small, big = catalog.get("r1-qwen-1.5b-q4_k_m"), catalog.get("r1-qwen-7b-q6_k")
    assert fit_entry(small, int(7.7 * GB)).verdict == "good"
    tight = fit_entry(big, int(7.7 * GB))
    assert tight.verdict == "tight" and "12 GB" in tight.message
    refused = fit_entry(big, 4 * GB)
    assert refused.verdict == "too_big" and "GB" in refused.message
    assert fit_entry(small, 16 * GB, budget=GB // 2).verdict == "too_big"


def test_extra_catalog_adds_and_replaces_entries(tmp_path):
    extra = tmp_path / "corp.json"
    data = good_entry()
    data["models"].append({**good_entry(id="r1-qwen-1.5b-q4_k_m")["models"][0]})
    extra.write_text(json.dumps(data), encoding="utf-8-sig")  # Notepad's BOM is fine
    catalog = load_catalog([extra])
    assert len(catalog) == 8
    assert catalog.get("corp-r1").urls == ("https://models.example.com/corp-r1.gguf",)
    assert catalog.get("r1-qwen-1.5b-q4_k_m").origin == str(extra)


@pytest.mark.parametrize(
    ("change", "words"),
    [({"sha256": "abc"}, "'sha256' must be 64"),
     ({"file": "../../evil.gguf"}, "plain file name"),
     ({"file": "model.bin"}, "ending in .gguf"),
     ({"id": "Bad Id"}, "'id' may use only"),
     ({"sise": 3}, "unknown field(s) ['sise']"),
     ({"size": "big"}, "'size' must be a whole number or null"),
     ({"size": None}, "approx_size"),
     ({"urls": ["ftp://x"]}, "http:// or https://"),
     ({"urls": []}, "at least one of"),
     ({"shape": {"n_layer": 28}}, "'shape' must hold exactly"),
     ({"hf": {"repo": "no-slash"}}, "owner/name"),
     ({"recommended_ram_gb": True}, "'recommended_ram_gb' must be"),
     ({"license": None}, "'license' must be text")],
)  # fmt: skip
def test_schema_errors_name_the_entry_and_field(change, words):
    with pytest.raises(CatalogError) as err:
        parse_catalog(good_entry(**change), "corp.json")
    assert words in str(err.value) and "corp.json: model #1" in str(err.value)


def test_missing_field_and_file_level_errors(tmp_path):
    data = good_entry()
    del data["models"][0]["sha256"]
    with pytest.raises(CatalogError, match="the field 'sha256' is missing"):
        parse_catalog(data)
    with pytest.raises(CatalogError, match="'schema_version' must be 1"):
        parse_catalog({"schema_version": 2, "models": []})
    twice = good_entry()
    twice["models"] *= 2
    with pytest.raises(CatalogError, match="used twice"):
        parse_catalog(twice)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken\.json: is not valid JSON"):
        read_catalog_file(broken)
    with pytest.raises(CatalogError, match="cannot be read"):
        read_catalog_file(tmp_path / "missing.json")


def test_sources_auto_order_and_urls(monkeypatch):
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    monkeypatch.delenv("MODELSCOPE_DOMAIN", raising=False)
    entry = load_catalog().get("r1-qwen-1.5b-q4_k_m")
    sources = plan_sources(entry, "auto", Endpoints.resolve())
    assert [s.kind for s in sources] == ["modelscope", "hf-mirror", "hf"]
    assert sources[0].url == (
        "https://www.modelscope.cn/api/v1/models/unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/"
        "repo?Revision=master&FilePath=DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
    )
    assert sources[1].url == (
        "https://hf-mirror.com/unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/resolve/"
        "53d3061d21f4ec2b94f42165101ee7341bad023e/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
    )
    assert sources[2].name == "Hugging Face (huggingface.co)"
    only = plan_sources(entry, "hf-mirror", Endpoints.resolve())
    assert [s.kind for s in only] == ["hf-mirror"]
    with pytest.raises(ValueError, match="unknown source"):
        plan_sources(entry, "ftp", Endpoints.resolve())


def test_environment_endpoints_and_company_urls(monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", "https://huggingface.co")
    monkeypatch.setenv("MODELSCOPE_DOMAIN", "modelscope.example.cn")
    entry = parse_catalog(good_entry(hf={"repo": "o/r"}, modelscope={"repo": "o/r"}))[0]
    sources = plan_sources(entry, "auto", Endpoints.resolve())
    assert [s.kind for s in sources] == ["direct", "modelscope", "hf-mirror"]  # hf deduplicated
    assert sources[1].url.startswith("https://modelscope.example.cn/api/v1/models/o/r/repo?")
    explicit = Endpoints.resolve("http://127.0.0.1:9", "http://127.0.0.1:8/")
    assert (explicit.modelscope, explicit.hf_mirror) == ("http://127.0.0.1:9", "http://127.0.0.1:8")
