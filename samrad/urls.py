from django.urls import path

from . import export
from .views import case, coordinator, professional, representative

app_name = "samrad"

urlpatterns = [
    path("ny/", professional.start, name="start"),
    path("ny/<slug:mode>/", professional.create, name="create"),
    path("mina/", professional.mine, name="mine"),
    path("mina/<uuid:pk>/", professional.mine_detail, name="mine_detail"),
    path("inkorg/", coordinator.inbox, name="inbox"),
    path("inkorg/sok/", coordinator.person_search, name="person_search"),
    path("min-vecka/", coordinator.my_week, name="week"),
    path("inkorg/<uuid:pk>/", case.detail, name="detail"),
    # The case page's changes, one address each (POST only).
    path("inkorg/<uuid:pk>/planera/", case.plan, name="case_plan"),
    path("inkorg/<uuid:pk>/ta-av-motet/", case.take_off, name="case_take_off"),
    path("inkorg/<uuid:pk>/bjud-in/", case.invite, name="case_invite"),
    path("inkorg/<uuid:pk>/status/", case.change_status, name="case_status"),
    path("inkorg/<uuid:pk>/atgard/", case.add_action, name="case_action"),
    path(
        "inkorg/<uuid:pk>/atgard/<int:action_pk>/klar/",
        case.toggle_action,
        name="case_action_done",
    ),
    path(
        "inkorg/<uuid:pk>/samtycke-aterkallat/",
        case.withdraw_consent,
        name="case_consent_withdrawn",
    ),
    path("inkorg/<uuid:pk>/samrad/", case.record, name="case_record"),
    path("inkorg/<uuid:pk>/maskera/", case.redact, name="case_redact"),
    path("inkorg/<uuid:pk>/komplettering/", case.ask, name="case_ask"),
    path("inkorg/<uuid:pk>/anteckningar/", case.notes, name="case_notes"),
    path("inkorg/<uuid:pk>/export.pdf", export.record_export, name="record_export"),
    path("inkorg/<uuid:pk>/utskrift/", coordinator.record_print, name="record_print"),
    path("moten/", coordinator.meetings, name="meetings"),
    path("moten/<uuid:pk>/", coordinator.meeting, name="meeting"),
    path(
        "moten/<uuid:pk>/dagordning/",
        coordinator.coordinator_print,
        name="agenda_print",
    ),
    path(
        "moten/<uuid:pk>/dagordning/allman/",
        coordinator.room_print,
        name="agenda_print_room",
    ),
    path("representant/", representative.overview, name="representative"),
    path(
        "representant/moten/<uuid:pk>/",
        representative.meeting,
        name="representative_meeting",
    ),
    path(
        "representant/atgarder/",
        representative.actions,
        name="representative_actions",
    ),
    path("moten/<uuid:pk>/protokoll/", coordinator.minutes_print, name="minutes_print"),
    path("moten/<uuid:pk>/stall-in/", coordinator.meeting_cancel, name="meeting_cancel"),
    path("statistik/", coordinator.statistics_view, name="statistics"),
    path("statistik/arsrapport/", coordinator.yearly_report, name="yearly_report"),
    path("logg/", coordinator.audit_log, name="audit_log"),
]
