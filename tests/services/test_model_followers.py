"""The chat and the sharing server follow the session's model, the one source of truth: a
superseded, cancelled or failed load never changes what they think is open, and closing the
model or switching engines does.

The real inference thread loads real models (an R1 distill and a chat model that does not
reason); what sharing serves is read over HTTP, as a colleague's client would.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest
import requests
from openai_standin import StandIn

from desktop.core.engines.local import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.models.model_check import VerdictCache
from desktop.core.system.credentials import CredentialStore
from desktop.services.chat import ChatController
from desktop.services.engine_choice import EngineChoice
from desktop.services.inference import InferenceService
from desktop.services.session import ModelSession, ModelState
from desktop.services.settings import Settings
from desktop.services.sharing import SharingService

LOAD_MS = 60_000
Hook = Callable[[int, object], None]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """The services as Services.create wires them, plus hooks on the worker's raw result:
    ``before`` runs ahead of the session's slot, ``after`` once every service has seen it."""

    def __init__(self, tmp_path, checks) -> None:
        self.settings = Settings(tmp_path / "settings.ini")
        self.settings.set_values({"performance/threads": 2, "performance/context_auto": False,
                                  "performance/context_length": 1024})  # fmt: skip
        self.inference = InferenceService(VerdictCache(checks))
        self.before: list[Hook] = []
        self.after: list[Hook] = []
        self.inference.model_loaded.connect(self._run_before)  # connected first: runs first
        self.session = ModelSession(self.inference, self.settings)
        self.chat = ChatController(self.inference, self.settings, self.session)
        self.sharing = SharingService(self.inference, self.settings, self.session)
        self.engine = EngineChoice(self.session, self.settings, CredentialStore("ThinkDesk-tests"))
        self.inference.model_loaded.connect(self._run_after)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def _run_before(self, load_id: int, model: object) -> None:
        for hook in self.before:
            hook(load_id, model)

    def _run_after(self, load_id: int, model: object) -> None:
        for hook in self.after:
            hook(load_id, model)

    def served(self) -> tuple[str, int, str]:
        """What a client sees: the model id listed, the health status code and its status."""
        listed = requests.get(f"{self.base}/v1/models", timeout=10).json()["data"][0]["id"]
        health = requests.get(f"{self.base}/health", timeout=10)
        return listed, health.status_code, health.json()["status"]

    def open(self, qtbot, path) -> None:
        with qtbot.waitSignal(self.session.model_changed, timeout=LOAD_MS, check_params_cb=bool):
            self.session.open(path)


@pytest.fixture(scope="module")
def checks(tmp_path_factory):
    """Shared, so each model's child-process probe runs once for the module."""
    return tmp_path_factory.mktemp("checks") / "checks.json"


@pytest.fixture
def app(qtbot, tmp_path, checks):
    app = App(tmp_path, checks)
    app.settings.set_values({"sharing/port": app.port, "sharing/enabled": True})
    app.sharing.apply()
    assert app.sharing.running
    yield app
    app.sharing.stop()
    assert app.inference.shutdown(5000)


def test_the_chat_and_sharing_follow_the_model_the_session_opens(app, qtbot, gemma_model):
    assert app.chat.reasoning and app.served() == ("thinkdesk", 503, "failed")
    app.open(qtbot, gemma_model)
    name = app.session.model.name
    assert app.chat.reasoning is False and app.served() == (name, 200, "ok")


def test_a_superseded_load_finishing_late_changes_nothing(app, qtbot, gemma_model, tiny_model):
    """The chat model's load has ended on the worker, its result still queued, when the user
    opens the R1 model: the chat model's result is stale when it arrives."""
    seen = []

    def open_the_r1_model(load_id: int, model: object) -> None:
        if model.path == gemma_model:
            app.session.open(tiny_model)

    def look(load_id: int, model: object) -> None:
        if model.path == gemma_model:
            seen.append((app.chat.reasoning, *app.served(), app.session.state))

    app.before.append(open_the_r1_model)
    app.after.append(look)
    app.session.open(gemma_model)
    with qtbot.waitSignal(app.session.model_changed, timeout=LOAD_MS, check_params_cb=bool) as got:
        pass
    assert got.args[0].path == tiny_model
    # At the stale arrival nothing claimed the chat model: the R1 model was loading.
    assert seen == [(True, "thinkdesk", 503, "loading", ModelState.LOADING)]
    assert app.chat.reasoning is True and app.served() == (got.args[0].name, 200, "ok")


def test_a_load_cancelled_after_it_ended_is_never_served(app, qtbot, gemma_model):
    """Cancel while the worker's result is on its way: the session frees that model, and
    neither the chat nor the server may take it for the open model."""
    app.before.append(lambda load_id, model: app.session.cancel_load())
    app.session.open(gemma_model)
    qtbot.waitUntil(lambda: app.session.state == ModelState.EMPTY, timeout=LOAD_MS)
    qtbot.wait(50)
    assert app.chat.reasoning is True
    assert app.served() == ("thinkdesk", 503, "failed")
    body = {"model": "thinkdesk", "messages": [{"role": "user", "content": "Hi"}]}
    refused = requests.post(f"{app.base}/v1/chat/completions", json=body, timeout=10)
    assert refused.status_code == 503 and "no model is open" in refused.text


def test_a_failed_load_leaves_no_model_behind(app, qtbot, gemma_model, duplicate_tokens_model):
    """The worker freed the chat model to load the broken file (its header is sound, so only
    the full check finds what is wrong): nothing may still claim it."""
    app.open(qtbot, gemma_model)

    def failed_state(state: str, _detail: str) -> bool:
        return state == ModelState.FAILED.value

    with qtbot.waitSignal(
        app.session.state_changed, timeout=LOAD_MS, check_params_cb=failed_state
    ) as failed:
        app.session.open(duplicate_tokens_model)
    assert app.session.model is None and app.chat.reasoning is True
    listed, status, state = app.served()
    assert (listed, status, state) == ("thinkdesk", 503, "failed")
    message = requests.get(f"{app.base}/health", timeout=10).json()["message"]
    assert message == failed.args[1] and duplicate_tokens_model.name in message


def test_a_reload_that_ends_in_the_same_model_is_followed(app, qtbot, gemma_model):
    """A performance change reloads the chat model: during the reload nothing is served, then
    the same model is, and the chat still knows it does not reason."""
    app.open(qtbot, gemma_model)
    states = []
    app.session.state_changed.connect(lambda state, _d: states.append(app.served()[2]))
    with qtbot.waitSignal(app.session.model_changed, timeout=LOAD_MS, check_params_cb=bool):
        app.settings.set_value("performance/context_length", 512)
    assert states[0] == "loading" and app.session.model.n_ctx == 512
    assert app.chat.reasoning is False and app.served()[1:] == (200, "ok")


def test_switching_to_a_server_and_back_to_no_model(app, qtbot, gemma_model):
    """The server's model replaces the chat model everywhere; choosing this computer again
    with no model file to open leaves nothing answering, in the window or on the network."""
    app.open(qtbot, gemma_model)
    with StandIn("reasoning") as server:
        with qtbot.waitSignal(app.session.model_changed, timeout=10_000, check_params_cb=bool):
            app.settings.set_values({"engine/kind": "remote", "engine/server_url": server.url})
        assert app.served() == ("r1-32b", 200, "ok")
        app.settings.set_value("model/path", "")  # no local model to go back to
        with qtbot.waitSignal(app.session.state_changed, timeout=5_000):
            app.settings.set_value("engine/kind", "local")
        assert app.session.state == ModelState.EMPTY
        assert app.served() == ("thinkdesk", 503, "failed") and app.chat.reasoning is True
        with qtbot.waitSignal(app.inference.failed, timeout=10_000) as blocker:
            app.inference.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))
        assert "No model is loaded" in blocker.args[1]  # the server's engine was let go
    assert server.requests == []
