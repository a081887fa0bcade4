from axes.apps import AppConfig as AxesAppConfig


class LoginLockoutConfig(AxesAppConfig):
    """django-axes under a Japanese heading in the admin (its own name is 「Axes」)."""

    verbose_name = "ログインの制限"
