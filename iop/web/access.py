"""Who may see a page: login first, then the role's permission from the one PERMISSIONS table."""

from __future__ import annotations

from functools import wraps

from flask_login import current_user

from iop.extensions import login_manager
from iop.roles import allows, authorize


def permission_required(permission: str):
    """Send an anonymous visitor to the login page; refuse (403 page) a role without `permission`."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            authorize(current_user, permission)
            return view(*args, **kwargs)

        wrapper._iop_permission = permission
        return wrapper

    return decorator


def may(permission: str) -> bool:
    """For templates: show a link or button only to those who may use it."""
    return bool(current_user.is_authenticated and allows(current_user.role, permission))
