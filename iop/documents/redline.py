"""Interim stand-in until the documents branch lands (Word tracked changes)."""


def redline(old: bytes, new: bytes, *, author: str, date) -> bytes:
    return new
