"""The site's URLs and the floor page the benchmark measures against."""

from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

from .views import floor

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *site_urlpatterns]
