"""The one reader of settings from the environment.

Every setting that differs between installations comes through ``env``; the
settings modules never read ``os.environ`` directly.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# A local ``.env`` file is a convenience for developers; the real environment wins.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
