"""A long paste is measured against the context before it is sent; the user raises the
context, sends it with a shorter answer, or edits it; no unanswerable bubble is left
(issue 14, item 8)."""

from __future__ import annotations

import pytest


@pytest.fixture
def long_setup(ready):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)  # half the context kept free
    n_ctx = services.session.model.n_ctx
    text = "x" * int(n_ctx * 0.75)  # the tiny model spells it out one token per letter
    window.composer.edit.setPlainText(text)
    return services, window, text


def test_long_message_is_measured_and_can_be_edited(long_setup, monkeypatch):
    services, window, text = long_setup
    asked = []
    monkeypatch.setattr(window.long_message, "ask", lambda fit: asked.append(fit))
    window.composer.button.click()
    fit = asked[0]
    assert fit.exact and fit.tokens >= len(text) * 0.9 and not fit.fits
    assert "tokens long (counted with the model's tokenizer)" in window.long_message.describe(fit)
    assert window.chat_view.message_count() == 0 and services.chat.turns == []
    assert services.history.current_id is None  # nothing stored
    assert window.composer.text() == text  # nothing lost


def test_send_anyway_gets_an_answer_within_the_context(long_setup, qtbot, monkeypatch):
    services, window, _text = long_setup
    monkeypatch.setattr(window.long_message, "ask", lambda fit: "send")
    failures = []
    services.chat.message_failed.connect(lambda _rid, message: failures.append(message))
    with qtbot.waitSignal(services.chat.thinking_received, timeout=60_000):
        window.composer.button.click()
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000):
        services.chat.stop()
    assert failures == [] and window.composer.text() == ""


def test_raise_the_context_keeps_the_message(ready, qtbot, monkeypatch):
    services, window = ready
    settings, session = services.settings, services.session
    settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(session.model_changed, timeout=60_000,
                          check_params_cb=lambda m: m is not None):  # fmt: skip
        settings.set_value("performance/context_auto", False)
        settings.set_value("performance/context_length", 1024)
    text = "x" * 800  # needs more than the 512 tokens a 1,024 context leaves a question
    window.composer.edit.setPlainText(text)
    fits = []
    monkeypatch.setattr(window.long_message, "ask", lambda fit: fits.append(fit) or "raise")
    with qtbot.waitSignal(session.model_changed, timeout=60_000,
                          check_params_cb=lambda m: m is not None):  # fmt: skip
        window.composer.button.click()
    assert fits[0].raise_to == 2048 and session.model.n_ctx == 2048
    assert window.composer.text() == text and services.chat.turns == []
    monkeypatch.setattr(window.long_message, "ask", lambda fit: pytest.fail("asked again"))
    with qtbot.waitSignal(services.chat.message_started, timeout=10_000):
        window.composer.button.click()


def test_a_short_question_is_not_asked_about(ready, qtbot, monkeypatch):
    services, window = ready
    monkeypatch.setattr(window.long_message, "ask", lambda fit: pytest.fail("asked"))
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        window.composer.edit.setPlainText("Short")
        window.composer.button.click()


def test_a_question_to_a_server_is_sent_without_a_local_tokenizer(
    app_parts,
    qtbot,
    monkeypatch,
):
    # A server's model has no file here: nothing to count with, and its context is the
    # server's. The question used to be lost (AttributeError in the measuring); now it is sent
    # and the server says itself if it is too long.
    from openai_standin import ANSWER, StandIn

    from desktop.core.engines.remote import RemoteConfig

    services, window = app_parts
    monkeypatch.setattr(window.long_message, "ask", lambda fit: pytest.fail("asked"))
    with StandIn("reasoning") as server:
        with qtbot.waitSignal(services.session.model_changed, timeout=10_000,
                              check_params_cb=bool):  # fmt: skip
            services.session.connect(RemoteConfig(server.url))
        assert window.composer.isEnabled()
        with qtbot.waitSignal(services.chat.message_finished, timeout=10_000):
            window.composer.edit.setPlainText("x" * 50_000)  # long: it would be measured
            window.composer.button.click()
    assert window.composer.text() == ""
    assert window.chat_view.message(1).answer_text() == "".join(ANSWER)
