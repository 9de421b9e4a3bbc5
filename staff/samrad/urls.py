from django.urls import path

from . import views

app_name = "samrad"

urlpatterns = [
    path("ny/", views.start, name="start"),
    path("ny/<slug:mode>/", views.create, name="create"),
    path("mina/", views.mine, name="mine"),
    path("mina/<uuid:pk>/", views.mine_detail, name="mine_detail"),
    path("inkorg/", views.inbox, name="inbox"),
    path("inkorg/<uuid:pk>/", views.detail, name="detail"),
    path("inkorg/<uuid:pk>/utskrift/", views.record_print, name="record_print"),
    path("moten/", views.meetings, name="meetings"),
    path("moten/<uuid:pk>/", views.meeting, name="meeting"),
    path("moten/<uuid:pk>/stall-in/", views.meeting_cancel, name="meeting_cancel"),
    path("statistik/", views.statistics_view, name="statistics"),
    path("logg/", views.audit_log, name="audit_log"),
]
