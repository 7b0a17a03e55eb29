"""The leaders' and departments' index pages (their own pages list articles and
live in the articles app)."""

from django.urls import path

from . import views

urlpatterns = [
    path("officials/", views.OfficialListView.as_view(), name="official_list"),
    path("departments/", views.DepartmentListView.as_view(), name="department_list"),
]
