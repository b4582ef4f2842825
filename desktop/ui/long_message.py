"""Before a long question is sent: how long it is against the context, and what to do.

A 20,000-character paste used to be posted as a giant message and only then refused by the
engine, leaving an unanswerable bubble with "Regenerate" under it. Now the question is
measured first (with the open model's tokenizer, or estimated) and, if it does not fit, the
user chooses: raise the context (the model reloads; the text stays in the box), send it anyway
with a shorter answer, or edit it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.engines.context_fit import ContextFit, VocabTokenizer, check_fit
from desktop.services.chat import ChatController
from desktop.services.session import ModelSession
from desktop.services.settings import Settings


class LongMessageGuard(QObject):
    """Measures a question before it is sent and asks what to do when it is too long."""

    def __init__(self, session: ModelSession, chat: ChatController,
                 settings: Settings | None, parent: QWidget):  # fmt: skip
        super().__init__(parent)
        self._session = session
        self._chat = chat
        self._settings = settings
        self._window = parent
        self._tokenizer: VocabTokenizer | None = None
        app = QCoreApplication.instance()
        if app is not None:  # free the vocabulary before Python's teardown, like the model
            app.aboutToQuit.connect(self._on_about_to_quit)

    def check(self, text: str) -> ContextFit | None:
        """How ``text`` compares with the open model's context (None: no model open)."""
        model = self._session.model
        if model is None or model.info is None:
            return None  # none open, or a server's, whose context and vocabulary are its own
        if self._tokenizer is None or self._tokenizer.path != model.path:
            self._on_about_to_quit()
            self._tokenizer = VocabTokenizer(model.path)
        params = self._chat.generation_params()
        question = "\n\n".join(filter(None, (params.instructions, text)))
        return check_fit(
            question, model.n_ctx, params.max_tokens, model.info.context_length, self._tokenizer
        )

    def confirm(self, text: str) -> dict[str, int] | None:
        """Options for ChatController.send, or None when the message must not be sent now."""
        fit = self.check(text)
        if fit is None or fit.fits:
            return {}
        choice = self.ask(fit)
        if choice == "send" and fit.shorter_answer is not None:
            return {"max_tokens": fit.shorter_answer}
        if choice == "raise" and fit.raise_to is not None and self._settings is not None:
            self._settings.set_value("performance/context_auto", False)
            self._settings.set_value("performance/context_length", fit.raise_to)
            self._window.statusBar().showMessage(
                self.tr("Reloading the model with a context of {0:,} tokens. Your message stays "
                        "in the box: press Send when the model is ready.").format(fit.raise_to)
            )  # fmt: skip
        return None

    def describe(self, fit: ContextFit) -> str:
        """The explanation shown in the question, in the user's language."""
        how = (self.tr("counted with the model's tokenizer") if fit.exact
               else self.tr("estimated"))  # fmt: skip
        lines = [
            self.tr("This message is {0:,} tokens long ({1}). The model's context holds {2:,} "
                    "tokens and keeps {3:,} of them free for the answer, so a question can use "
                    "about {4:,}.").format(fit.tokens, how, fit.n_ctx, fit.n_ctx - fit.budget,
                                           fit.budget - (fit.needed - fit.tokens)),
        ]  # fmt: skip
        if fit.raise_to is not None and self._settings is not None:
            lines.append(self.tr("Raise the context to {0:,} tokens: the model reloads and needs "
                                 "more memory.").format(fit.raise_to))  # fmt: skip
        if fit.shorter_answer is not None:
            lines.append(self.tr("Send anyway: the answer, thinking included, is then limited "
                                 "to {0:,} tokens.").format(fit.shorter_answer))  # fmt: skip
        if fit.raise_to is None and fit.shorter_answer is None:
            lines.append(self.tr("It is too long for this model. Shorten it or split it into "
                                 "parts."))  # fmt: skip
        return "\n\n".join(lines)

    def ask(self, fit: ContextFit) -> str | None:
        """Returns "raise", "send" or None (edit the message); tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Long message"), self.describe(fit),
                          parent=self._window)  # fmt: skip
        choices = {}
        if fit.raise_to is not None and self._settings is not None:
            label = self.tr("Raise the context to {0:,}").format(fit.raise_to)
            choices[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = "raise"
        if fit.shorter_answer is not None:
            label = self.tr("Send anyway")
            choices[box.addButton(label, QMessageBox.ButtonRole.ActionRole)] = "send"
        edit = box.addButton(self.tr("Edit the message"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(edit)
        box.exec()
        return choices.get(box.clickedButton())

    @Slot()
    def _on_about_to_quit(self) -> None:
        if self._tokenizer is not None:
            self._tokenizer.close()
            self._tokenizer = None
