"""Accounts (ユーザー) in the admin: the coordinator adds clerks, resets their passwords or mails
them a set-password link, and deactivates leavers; only a superuser makes superusers or gives
the coordinator's role (projects.permissions.can_manage_account).

Enforced on the server, not by hiding buttons: the coordinator's forms have no is_superuser,
is_staff, groups or user_permissions field (a forged POST of them is ignored by the form and
checked again before saving), superusers are not in their list, and a coordinator's or a
superuser's account (their own too) is read only to them. Every change is in the account's
「履歴」 (Django's admin log; projects.services.accounts).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm, UsernameField
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from projects.history import japanese_name
from projects.models import Department
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP, can_manage_account
from projects.services import accounts

User = get_user_model()


def _departments_field():
    return forms.ModelMultipleChoiceField(
        queryset=Department.objects.order_by("-active", "name"),
        required=False,
        label="担当課",
        help_text="この職員が協働事業を追加・変更・削除できる担当課。",
        widget=FilteredSelectMultiple("担当課", is_stacked=False),
    )


class AccountCreationForm(AdminUserCreationForm):
    departments = _departments_field()

    class Meta:
        model = User
        field_classes = {"username": UsernameField}
        fields = ("username", "last_name", "first_name", "email")


class AccountChangeForm(UserChangeForm):
    departments = _departments_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["departments"].initial = list(self.instance.departments.all())


def _shown(fields):
    return tuple("department_list" if name == "departments" else name for name in fields)


NAME_AND_MAIL = ("last_name", "first_name", "email")
PASSWORD_FIELDS = ("usable_password", "password1", "password2")


class AccountAdmin(UserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    list_display = (
        "username",
        "full_name",
        "email",
        "department_list",
        "role",
        "is_active",
        "last_login",
    )
    list_filter = ("is_active", "groups", "departments")
    search_fields = ("username", "first_name", "last_name", "email", "departments__name")
    actions = ["send_password_mail", "deactivate"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("departments", "groups")
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_fieldsets(self, request, obj=None):
        fieldsets = self._fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only: the department field is shown as the list it is.
            fieldsets = tuple(
                (title, {**options, "fields": _shown(options["fields"])})
                for title, options in fieldsets
            )
        return fieldsets

    def _fieldsets(self, request, obj):
        if request.user.is_superuser:
            if obj is None:
                return (
                    (None, {"fields": ("username", *PASSWORD_FIELDS)}),
                    ("氏名とメール", {"fields": NAME_AND_MAIL}),
                    ("担当課", {"fields": ("departments",)}),
                )
            return (*super().get_fieldsets(request, obj), ("担当課", {"fields": ("departments",)}))
        if obj is None:
            return (
                (None, {"fields": ("username", *NAME_AND_MAIL)}),
                ("担当課", {"fields": ("departments",)}),
                (
                    "パスワード",
                    {
                        "fields": PASSWORD_FIELDS,
                        "description": "「無効」にして保存し、一覧の「パスワード設定メールを"
                        "送る」で本人に設定してもらうこともできます。",
                    },
                ),
            )
        return (
            (None, {"fields": ("username", "password")}),
            ("氏名とメール", {"fields": NAME_AND_MAIL}),
            ("担当課", {"fields": ("departments",)}),
            ("状態", {"fields": ("is_active", "last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        return ("last_login", "date_joined")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and can_manage_account(request.user, None)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_manage_account(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: what a person did keeps their name.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        found = super().get_actions(request)
        if not can_manage_account(request.user, None):
            found.pop("send_password_mail", None)
            found.pop("deactivate", None)
        return found

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            # The form has no such field; a forged POST could not set them, and this says so.
            if obj.is_superuser or (change and not can_manage_account(request.user, obj)):
                raise PermissionDenied
            obj.is_staff = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if "departments" in form.cleaned_data:
            user.departments.set(form.cleaned_data["departments"])
        if not request.user.is_superuser:
            if not change:
                user.groups.add(Group.objects.get(name=CLERK_GROUP))
            if user.groups.filter(name=COORDINATOR_GROUP).exists():
                raise PermissionDenied

    @admin.display(description="氏名", ordering="last_name")
    def full_name(self, obj):
        return japanese_name(obj) or "-"

    @admin.display(description="担当課")
    def department_list(self, obj):
        return "、".join(d.name for d in obj.departments.all()) or "-"

    @admin.display(description="役割")
    def role(self, obj):
        if obj.is_superuser:
            return "管理者"
        names = {g.name for g in obj.groups.all()}
        return "、".join(n for n in (COORDINATOR_GROUP, CLERK_GROUP) if n in names) or "-"

    def _manageable(self, request, queryset):
        chosen = [u for u in queryset if can_manage_account(request.user, u)]
        skipped = len(queryset) - len(chosen)
        if skipped:
            messages.warning(
                request, f"{skipped}件は協働推進担当・管理者のアカウントのため、対象外にしました。"
            )
        return chosen

    @admin.action(description="パスワード設定メールを送る", permissions=["change"])
    def send_password_mail(self, request, queryset):
        sent, missing = [], []
        for user in self._manageable(request, queryset):
            done = accounts.account_send_password_mail(user=user, by=request.user, request=request)
            (sent if done else missing).append(user.get_username())
        if sent:
            messages.success(request, f"パスワード設定のメールを送りました: {'、'.join(sent)}")
        if missing:
            messages.warning(
                request, f"メールアドレスがないか無効のため送れませんでした: {'、'.join(missing)}"
            )

    @admin.action(description="無効にする（退職・異動）", permissions=["change"])
    def deactivate(self, request, queryset):
        done = [
            user.get_username()
            for user in self._manageable(request, queryset)
            if accounts.account_deactivate(user=user, by=request.user)
        ]
        if done:
            messages.success(
                request, f"無効にしました（ログインできなくなります）: {'、'.join(done)}"
            )


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)

__all__ = ["AccountAdmin"]
