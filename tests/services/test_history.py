"""HistoryService with the real ChatController and real SQLite; only the engine is stubbed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from desktop.services.chat import ChatController
from desktop.services.history import HistoryService, to_turns
from desktop.services.settings import Settings
from desktop.storage.history import HistoryStore


class StubInference(QObject):
    """Stands in for InferenceService: records requests; the test plays the worker's part."""

    model_loaded = Signal(int, object)  # load id, LoadedModel
    token = Signal(int, str)
    finished = Signal(int, bool, object)
    failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[int, list]] = []

    def generate(self, history, params) -> int:
        self.requests.append((len(self.requests) + 1, list(history)))
        return len(self.requests)

    def stop(self, request_id: int | None = None) -> None:
        pass

    def stream(self, pieces: list[str]) -> int:
        request_id = self.requests[-1][0]
        for piece in pieces:
            self.token.emit(request_id, piece)
        return request_id


@pytest.fixture
def stack(qtbot, tmp_path: Path):
    inference = StubInference()
    chat = ChatController(inference, Settings(tmp_path / "settings.ini"))
    history = HistoryService.open(tmp_path / "history.sqlite3", checkpoint_ms=50, undo_ms=200)
    history.attach(chat)
    yield inference, chat, history
    history.close()


def ask(inference: StubInference, chat: ChatController, question: str, pieces: list[str]) -> int:
    assert chat.send(question)
    rid = inference.stream(pieces)
    inference.finished.emit(rid, False, {"generated_tokens": len(pieces)})
    return rid


def test_first_question_creates_a_titled_conversation(stack, qtbot):
    inference, chat, history = stack
    with qtbot.waitSignal(history.current_changed) as blocker:
        ask(
            inference,
            chat,
            "一个笼子里有鸡和兔子共35只\n脚共94只",
            ["想一想", "</think>", "\n\n鸡23只"],
        )
    cid = blocker.args[0]
    assert history.current_id == cid
    assert [c.title for c in history.conversations()] == ["一个笼子里有鸡和兔子共35只"]
    user, answer = history.thread()
    assert (user.role, user.content) == ("user", "一个笼子里有鸡和兔子共35只\n脚共94只")
    assert answer.content == "想一想</think>\n\n鸡23只"  # exactly as streamed
    assert answer.status == "complete" and answer.metrics == {"generated_tokens": 3}
    assert answer.thinking_seconds is not None and answer.thinking_seconds >= 0


def test_next_questions_continue_the_same_conversation(stack):
    inference, chat, history = stack
    ask(inference, chat, "one", ["a</think>1"])
    ask(inference, chat, "two", ["b</think>2"])
    assert len(history.conversations()) == 1
    assert [m.content for m in history.thread()] == ["one", "a</think>1", "two", "b</think>2"]
    history.new_conversation()
    ask(inference, chat, "three", ["c</think>3"])
    assert len(history.conversations()) == 2


def test_the_streaming_answer_is_checkpointed_about_every_interval(stack, qtbot):
    inference, chat, history = stack
    chat.send("question")
    rid = inference.stream(["Let me think", " hard.", "</think>", "\n\nThe ans"])
    answer = history.thread()[-1]
    assert answer.status == "streaming" and answer.content == ""  # not written per token
    qtbot.waitUntil(lambda: history.thread()[-1].content != "", timeout=2000)
    assert history.thread()[-1].content == "Let me think hard.</think>The ans"
    assert history.thread()[-1].status == "streaming"
    inference.token.emit(rid, "wer")
    inference.finished.emit(rid, False, {})
    assert history.thread()[-1].content == "Let me think hard.</think>\n\nThe answer"


def test_thinking_only_output_is_stored_without_a_close_tag(stack, qtbot):
    inference, chat, history = stack
    chat.send("q")
    inference.stream(["<think>\nloop loop"])
    qtbot.waitUntil(lambda: history.thread()[-1].content == "loop loop", timeout=2000)


def test_a_stopped_answer_is_kept_and_marked_stopped(stack):
    inference, chat, history = stack
    chat.send("q")
    rid = inference.stream(["partial thou"])
    inference.finished.emit(rid, True, {"finish_reason": "stopped"})
    answer = history.thread()[-1]
    assert (answer.status, answer.content) == ("stopped", "partial thou")


def test_a_failed_answer_keeps_its_text_and_the_error(stack):
    inference, chat, history = stack
    chat.send("q")
    rid = inference.stream(["some text"])
    inference.failed.emit(rid, "The model ran out of memory.")
    answer = history.thread()[-1]
    assert answer.status == "failed" and answer.error == "The model ran out of memory."
    assert answer.content == "some text"


def test_close_saves_an_answer_in_flight_as_interrupted(tmp_path, qtbot):
    inference = StubInference()
    chat = ChatController(inference, Settings(tmp_path / "settings.ini"))
    history = HistoryService.open(tmp_path / "h.sqlite3", checkpoint_ms=60_000)
    history.attach(chat)
    chat.send("q")
    inference.stream(["unsaved thinking"])
    history.close()
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.conversations()[0].id
    assert [(m.status, m.content) for m in store.thread(cid)][-1] == (
        "interrupted",
        "unsaved thinking",
    )
    store.close()


def test_regenerate_keeps_the_old_answer_as_a_branch(stack):
    inference, chat, history = stack
    ask(inference, chat, "q", ["t</think>first answer"])
    old = history.thread()[-1]
    turns = history.prepare_regenerate(old.id)
    assert [(t.role, t.content) for t in turns] == [("user", "q")]
    # What the window does for "Regenerate": continue from those turns and ask again.
    chat.load_turns(turns)
    assert chat.resend()
    rid = inference.stream(["second answer"])
    inference.finished.emit(rid, False, {})
    thread = history.thread()
    assert thread[-1].content.endswith("second answer")
    assert (thread[-1].branch_index, thread[-1].branch_count) == (1, 2)
    back = history.switch_branch(old.id)
    assert back[-1].id == old.id


def test_edit_and_resend_replaces_later_replies_but_keeps_them(stack):
    inference, chat, history = stack
    ask(inference, chat, "first", ["t</think>1"])
    ask(inference, chat, "second", ["t</think>2"])
    ask(inference, chat, "third", ["t</think>3"])
    second = history.thread()[2]
    turns = history.prepare_edit(second.id)
    assert [t.content for t in turns] == ["first", "t</think>1"]
    chat.clear()  # stand-in for chat.load_turns(turns)
    ask(inference, chat, "second, edited", ["t</think>2b"])
    thread = history.thread()
    assert [m.content for m in thread] == ["first", "t</think>1", "second, edited", "t</think>2b"]
    assert (thread[2].branch_index, thread[2].branch_count) == (1, 2)
    assert [m.content for m in history.switch_branch(second.id)][-1] == "t</think>3"


def test_copy_answer_and_copy_with_reasoning(stack):
    inference, chat, history = stack
    ask(inference, chat, "q", ["I reason.", "</think>", "\n\nThe answer."])
    message = history.thread()[-1]
    assert history.copy_text(message.id) == "The answer."
    assert history.copy_text(message.id, with_reasoning=True) == (
        "Reasoning:\nI reason.\n\nAnswer:\nThe answer."
    )
    assert history.copy_text(history.thread()[0].id) == "q"


def test_delete_message_and_loaded_turns(stack):
    inference, chat, history = stack
    ask(inference, chat, "q1", ["t</think>a1"])
    ask(inference, chat, "q2", ["t</think>a2"])
    history.delete_message(history.thread()[-1].id)
    assert [t.content for t in to_turns(history.thread())] == ["q1", "t</think>a1", "q2"]


def test_delete_then_undo_within_the_window(stack, qtbot):
    inference, chat, history = stack
    ask(inference, chat, "keep me", ["t</think>x"])
    cid = history.current_id
    with qtbot.waitSignal(history.conversation_deleted) as blocker:
        history.delete_conversation(cid)
    assert blocker.args == [cid, "keep me"]
    assert history.conversations() == [] and history.current_id is None
    assert history.undo_delete(cid)
    qtbot.wait(300)  # past the undo window: nothing is purged after an undo
    assert [c.id for c in history.conversations()] == [cid]


def test_deleted_conversations_are_purged_after_the_window(stack, qtbot):
    inference, chat, history = stack
    ask(inference, chat, "gone soon", ["t</think>x"])
    cid = history.current_id
    history.delete_conversation(cid)
    qtbot.waitUntil(lambda: history.store.conversation(cid) is None, timeout=2000)
    assert not history.undo_delete(cid)


def test_export_text_of_the_current_branch(stack):
    inference, chat, history = stack
    ask(inference, chat, "What is <b>?", ["think</think>An <i>answer</i>"])
    cid = history.current_id
    markdown = history.export_text(cid, "markdown", include_reasoning=True)
    assert "# What is <b>?" in markdown and "> think" in markdown
    page = history.export_text(cid, "html")
    assert "&lt;i&gt;answer&lt;/i&gt;" in page and "think" not in page.split("<body>")[1]
    printable = history.export_text(cid, "html", include_reasoning=True, collapsible=False)
    assert "<blockquote" in printable and "<details>" not in printable


def test_a_damaged_file_is_reported(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"\x00garbage" * 512)
    history = HistoryService.open(path)
    assert history.notice is not None and "was damaged" in history.notice
    assert history.conversations() == []
    history.close()
