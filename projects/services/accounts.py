"""Clerks' accounts: deactivating a leaver, the set-password mail, and the record of each.

What was done to an account is written to Django's admin log (LogEntry, the 「履歴」 of the
user's admin page) in plain Japanese: who, when and what (「担当課: 生涯学習課 → 市民課」). The
user model has no django-simple-history of its own; the log is the history of accounts.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.contenttypes.models import ContentType

SET_PASSWORD_SUBJECT = "registration/kyodo_set_password_subject.txt"
SET_PASSWORD_EMAIL = "registration/kyodo_set_password_email.txt"


def account_log(*, user, by, message: str, action_flag: int = CHANGE) -> LogEntry:
    """One line of an account's history (the admin's 「履歴」), by `by` (None: a command)."""
    return LogEntry.objects.create(
        user_id=by.pk if by is not None else _system_user_id(user),
        content_type_id=ContentType.objects.get_for_model(user, for_concrete_model=False).pk,
        object_id=str(user.pk),
        object_repr=str(user)[:200],
        action_flag=action_flag,
        change_message=message,
    )


def _system_user_id(user) -> int:
    # LogEntry needs a user: a command with no --user records the change as the account's own.
    return user.pk


def account_deactivate(*, user, by, reason: str = "退職・異動") -> bool:
    """Turn the account off (is_active): the person can no longer log in, their name stays on
    everything they did. False when it was already off."""
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    account_log(user=user, by=by, message=f"無効にしました（{reason}）")
    return True


class _OneAccountResetForm(PasswordResetForm):
    """Django's password reset mail, sent to one chosen account (also one with no password yet,
    which Django's own form skips)."""

    def __init__(self, *, account, **kwargs):
        super().__init__(data={"email": account.email}, **kwargs)
        self.account = account

    def get_users(self, email):
        return [self.account]


def account_send_password_mail(*, user, by, request) -> bool:
    """Mail `user` a link to set their password (Django's reset token, valid
    PASSWORD_RESET_TIMEOUT). False when the account has no e-mail address or is inactive."""
    if not user.email or not user.is_active:
        return False
    form = _OneAccountResetForm(account=user)
    form.is_valid()
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name=SET_PASSWORD_SUBJECT,
        email_template_name=SET_PASSWORD_EMAIL,
    )
    account_log(user=user, by=by, message=f"パスワード設定のメールを {user.email} に送りました")
    return True
