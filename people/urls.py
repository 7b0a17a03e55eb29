from django.urls import path

from . import views

urlpatterns = [
    path("officials/", views.OfficialListView.as_view(), name="official_list"),
    path("departments/", views.DepartmentListView.as_view(), name="department_list"),
]
