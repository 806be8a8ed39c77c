from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError


@pytest.mark.django_db
def test_it_answers_200_with_a_small_json_body_when_the_database_answers():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_it_answers_503_when_the_database_does_not():
    with mock.patch("cvi_assess.views.connection.cursor", side_effect=OperationalError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}


@pytest.mark.django_db
def test_it_answers_503_when_the_cache_does_not():
    with mock.patch(
        "cvi_assess.views.cache.get", side_effect=RedisConnectionError("Connection refused")
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}
