"""API tokens on a user's page: issue one (shown once, in the answer to the post) and revoke one.

Only a token's SHA-256 is stored (iop.auth.services), so the page that answers the post
is the only place it can ever be read; it is not put in a flash message, which would
carry it in the session cookie.
"""

from __future__ import annotations

from flask import flash, redirect, url_for

from iop.admin.user_page import render_user_page, token_form
from iop.auth import services
from iop.auth.schemas import TokenIn
from iop.extensions import db
from iop.web.display import local_date
from iop.web.forms import posted, submit


def issue(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    form = token_form(posted(only=("name",)))
    outcome = submit(form, lambda data: services.issue_token(user=user, **data), schema=TokenIn(),
                     data=form.input(("name",)))
    if not outcome.ok:
        return render_user_page(user, token=form, status=outcome.status)
    return render_user_page(user, new_token=outcome.result, status=201)


def revoke(user_id: int, token_id: int):
    user = services.get_user_by_id(user_id=user_id)
    row = services.revoke_token(token_id=token_id, owner=user)
    db.session.commit()
    flash(f"Token {row.prefix}… är återkallad och fungerar inte längre.", "success")
    return redirect(url_for(".user", user_id=user.id, _anchor="token"))


def renew(user_id: int, token_id: int):
    user = services.get_user_by_id(user_id=user_id)
    row = services.renew_token(token_id=token_id, owner=user)
    db.session.commit()
    flash(f"Token {row.prefix}… är förlängd och fungerar till {local_date(row.expires_at)}.", "success")
    return redirect(url_for(".user", user_id=user.id, _anchor="token"))
