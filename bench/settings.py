"""The production settings plus one bare view, for bench/speed.py only."""

from cvi_assess.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
