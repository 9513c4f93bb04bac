"""Settings helpers that read the environment and reject nonsense.

Modelled on healthchecks' ``envbool``: a value we do not understand stops start-up with a clear,
one-line message instead of silently becoming a default.
"""

import os

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class SettingsError(SystemExit):
    """Stops start-up: Python prints the message as one line on stderr and exits with status 1.

    A SystemExit rather than ImproperlyConfigured, because an operator who forgot a variable
    needs one sentence, not a forty-line traceback.
    """

    def __init__(self, message: str):
        super().__init__(f"gcm_portal settings: {message}")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingsError(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def secret_key_weakness(key: str) -> str | None:
    """Why a SECRET_KEY cannot protect sessions and signed links, or None if it can.

    The rule of Django's `check --deploy` (security.W009): at least 50 characters, at least 5
    different ones, and not a key that `startproject` generated for development.
    """
    if key.startswith("django-insecure-"):
        return "is one of Django's generated development keys"
    if len(key) < 50:
        return f"is {len(key)} characters long; it needs at least 50"
    if len(set(key)) < 5:
        return "is made of fewer than 5 different characters"
    return None
