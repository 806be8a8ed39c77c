from django.http import HttpResponse
from django.urls import path

from cvi_assess.urls import urlpatterns as project_urlpatterns


def bare(request):
    """The framework's ceiling: the full middleware stack, no template, no query."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), *project_urlpatterns]
