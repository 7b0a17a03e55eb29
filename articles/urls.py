from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article_short"),
    path(
        "articles/<int:pk>/<str:slug>/",
        views.ArticleDetailView.as_view(),
        name="article_detail",
    ),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<int:year>/", views.ArchiveView.as_view(), name="archive_year"),
    path(
        "archive/<int:year>/<int:month>/",
        views.ArchiveView.as_view(),
        name="archive_month",
    ),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.ArchiveView.as_view(),
        name="archive_day",
    ),
    path(
        "officials/<str:slug>/",
        views.OfficialDetailView.as_view(),
        name="official_detail",
    ),
    path(
        "departments/<str:slug>/",
        views.DepartmentDetailView.as_view(),
        name="department_detail",
    ),
    path(
        "reporters/<str:slug>/",
        views.ReporterDetailView.as_view(),
        name="reporter_detail",
    ),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
]
