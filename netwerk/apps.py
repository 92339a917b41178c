from django.apps import AppConfig


class NetwerkConfig(AppConfig):
    """The project package is an app too, for commands that span several apps (seed_demo)."""

    name = "netwerk"
    verbose_name = "Netwerk"

    def ready(self) -> None:
        from .submit_once import connect_signals

        connect_signals()
