"""How a download reacts to a server's reply: retry, give up on the source, or read it.

The reply is checked before anything touches the part file, so an error page or a Wi-Fi
sign-in page can never replace bytes already downloaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.downloads.sources import NOT_THERE, REFUSED
from desktop.core.downloads.transfer import page_type
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import requests


class SourceFailed(Exception):
    """Give up on this source and try the next one."""


class Retry(Exception):
    """A transient problem: wait, then resume from where the file ends."""


class Unreachable(Retry):
    """No connection could be made at all (refused, name not found): maybe offline."""


class SourceUnreachable(SourceFailed):
    """The source could not be reached on any try."""


class VerifyFailed(Exception):
    """The finished part had the wrong size or sha256 (already deleted)."""


def check_reply(resp: requests.Response) -> None:
    """Raise SourceFailed or Retry unless ``resp`` is a 200 or 206 carrying a file."""
    status = resp.status_code
    if status in (404, 410):
        raise SourceFailed(NOT_THERE)
    if status in (401, 403):
        raise SourceFailed(REFUSED.format(status=status))
    answer = f"{status} {resp.reason or ''}".rstrip()
    if status == 429 or status >= 500 or status == 416:
        msg = QT_TRANSLATE_NOOP("Download", "the server answered {answer}")
        raise Retry(msg.format(answer=answer))
    if status not in (200, 206):
        msg = QT_TRANSLATE_NOOP("Download", "unexpected answer {answer}")
        raise SourceFailed(msg.format(answer=answer))
    kind = page_type(resp.headers.get("Content-Type", ""))
    if kind:  # a Wi-Fi sign-in page, a proxy's notice, an API error
        msg = QT_TRANSLATE_NOOP(
            "Download",
            "it sent a web page ({type}) instead of the file; a Wi-Fi sign-in page (hotel, "
            "airport) or a proxy may be in the way. Sign in in your browser, then resume",
        )
        raise SourceFailed(msg.format(type=kind))
