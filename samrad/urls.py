from django.urls import path

from . import agenda_views, export, representatives, views

app_name = "samrad"

urlpatterns = [
    path("ny/", views.start, name="start"),
    path("ny/<slug:mode>/", views.create, name="create"),
    path("mina/", views.mine, name="mine"),
    path("mina/<uuid:pk>/", views.mine_detail, name="mine_detail"),
    path("inkorg/", views.inbox, name="inbox"),
    path("min-vecka/", views.my_week, name="week"),
    path("inkorg/<uuid:pk>/", views.detail, name="detail"),
    path("inkorg/<uuid:pk>/utskrift/", views.record_print, name="record_print"),
    path("inkorg/<uuid:pk>/export.pdf", export.record_export, name="record_export"),
    path("moten/", views.meetings, name="meetings"),
    path("moten/<uuid:pk>/", views.meeting, name="meeting"),
    path(
        "moten/<uuid:pk>/dagordning/",
        agenda_views.coordinator_print,
        name="agenda_print",
    ),
    path(
        "moten/<uuid:pk>/dagordning/allman/",
        agenda_views.room_print,
        name="agenda_print_room",
    ),
    path("representant/", representatives.overview, name="representative"),
    path(
        "representant/moten/<uuid:pk>/",
        representatives.meeting,
        name="representative_meeting",
    ),
    path(
        "representant/atgarder/",
        representatives.actions,
        name="representative_actions",
    ),
    path("moten/<uuid:pk>/stall-in/", views.meeting_cancel, name="meeting_cancel"),
    path("statistik/", views.statistics_view, name="statistics"),
    path("statistik/arsrapport/", views.yearly_report, name="yearly_report"),
    path("logg/", views.audit_log, name="audit_log"),
]
