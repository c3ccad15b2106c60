"""Lists on pages: paging and filters read leniently from the query string.

A page address is something people bookmark and edit by hand: a bad `page` falls back
to the first page, and a bad filter is shown beside its field instead of failing the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import marshmallow as ma

from iop.extensions import db
from iop.rest import PageArgs, paginate
from iop.web.forms import FormState, flatten_messages

PER_PAGE = 25


@dataclass(frozen=True)
class Pager:
    """One page of a list, with what the pagination links need."""

    items: list
    page: int
    per_page: int
    total: int
    total_pages: int

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.items) - 1 if self.items else 0

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and a few around this one; None for a gap."""
        keep = {1, self.total_pages, *range(self.page - around, self.page + around + 1)}
        pages = sorted(p for p in keep if 1 <= p <= self.total_pages)
        shown: list[int | None] = []
        for number in pages:
            if shown and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def page_args(args: Mapping[str, str], per_page: int = PER_PAGE) -> dict[str, int]:
    try:
        page = PageArgs().load({"page": args.get("page", "1"), "per_page": per_page})
    except ma.ValidationError:
        page = {"page": 1, "per_page": per_page}
    return page


def page_of(statement, *, page: int, per_page: int) -> Pager:
    """A page of a select, counted and fetched the way the API does it."""
    items, header = paginate(db.session, statement, page=page, per_page=per_page)
    meta = json.loads(header["X-Pagination"])
    return Pager(list(items), page, per_page, meta["total"], max(meta["total_pages"], 1))


def load_filters(schema: ma.Schema, args: Mapping[str, str], names, **labels) -> tuple[dict, FormState]:
    """The valid filters among `names`, and a form showing what was asked and what was wrong."""
    form = FormState({name: args.get(name, "") for name in names}, **labels)
    raw = form.input(names)
    try:
        return schema.load(raw), form
    except ma.ValidationError as error:
        for name, messages in flatten_messages(error.messages).items():
            form.add_error(name, messages)
        good = {k: v for k, v in raw.items() if k not in form.errors}
    try:
        return schema.load(good), form
    except ma.ValidationError:  # a rule across fields: list without any filter
        return schema.load({}), form


@dataclass(frozen=True)
class SortHeader:
    """A column header that sorts the list: its link and its `aria-sort` state."""

    label: str
    href: str
    aria_sort: str | None

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Sorting:
    """The column a list is sorted by (`sort` in the address) and the direction (`dir`)."""

    key: str
    descending: bool
    columns: Mapping[str, object]
    chosen: bool = True

    @property
    def args(self) -> dict[str, str]:
        """What the address says, for links that keep the order (nothing for the default order)."""
        return {"sort": self.key, "dir": "desc" if self.descending else "asc"} if self.chosen else {}

    def apply(self, statement, tiebreak):
        """The statement ordered by the chosen column, then by `tiebreak` so pages never overlap."""
        column = self.columns[self.key]
        return statement.order_by(None).order_by(column.desc() if self.descending else column.asc(),
                                                 tiebreak.desc() if self.descending else tiebreak.asc())

    def header(self, label: str, key: str, url: Callable[..., str]) -> SortHeader:
        """A header linking to this list sorted by `key`: the other way round when it already is."""
        if key == self.key:
            descending = not self.descending
            state = "descending" if self.descending else "ascending"
        else:
            descending, state = False, None
        return SortHeader(label, url(sort=key, dir="desc" if descending else "asc"), state)


def sorting_of(args: Mapping[str, str], columns: Mapping[str, object], default: str,
               default_descending: bool = False) -> Sorting:
    """The sorting asked for in the address; an unknown column or direction falls back leniently."""
    key = args.get("sort", "")
    if key not in columns:
        return Sorting(default, default_descending, columns, chosen=False)
    direction = args.get("dir")
    if direction not in ("asc", "desc"):
        return Sorting(key, default_descending if key == default else False, columns)
    return Sorting(key, direction == "desc", columns)
