"""samrad/migrations/0030_county_scope gives the rows made before it their county: a request
its referring party's, a meeting its coordinator's, an audit entry its request's (or, for
one about no request, its user's), and the one county where neither tells. Run on
PostgreSQL, where the schema changes roll back with the test (CI)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from organisations.models import Party

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

BEFORE = [("samrad", "0029_single_ground_removed")]
AFTER = [("samrad", "0030_county_scope")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DDL rolled back on PostgreSQL")
def test_rows_made_before_the_migration_get_their_county():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    party = old.get_model("organisations", "Party").objects.get(slug="krokom")
    user = old.get_model("staff", "User").objects.create(username="fore", party_id=party.pk)
    nobody = old.get_model("staff", "User").objects.create(username="utan-part")
    samrad_request = old.get_model("samrad", "SamradRequest").objects.create(
        created_by_id=user.pk,
        referring_party_id=party.pk,
        mode="deidentified",
        kind="planning",
        urgency="weekly",
        reference="MIGRATE1",
    )
    meeting = old.get_model("samrad", "Meeting").objects.create(
        kind="weekly", starts_at=timezone.now(), place="x", created_by_id=nobody.pk
    )
    AuditEntry = old.get_model("samrad", "AuditEntry")
    about_request = AuditEntry.objects.create(event="viewed", request_id=samrad_request.pk)
    about_nothing = AuditEntry.objects.create(event="exported", user_id=nobody.pk)

    # The test's own rows' checks, before the tables are altered (PostgreSQL).
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    jamtland = Party.objects.get(slug="krokom").county_id
    assert new.get_model("samrad", "SamradRequest").objects.get(pk=samrad_request.pk).county_id == (
        jamtland
    )
    # Its coordinator has no party: the installation's one county.
    assert new.get_model("samrad", "Meeting").objects.get(pk=meeting.pk).county_id == jamtland
    entries = new.get_model("samrad", "AuditEntry").objects
    assert entries.get(pk=about_request.pk).county_id == jamtland
    assert entries.get(pk=about_nothing.pk).county_id == jamtland
