"""Who may reach each URL pattern, and the addresses tests/test_url_guard.py requests for it.

A visitor who may not reach an address must be refused there, whatever the method or
language; what each visitor gets exactly is recorded in url_outcomes.txt.
"""

import functools

from wagtail import hooks
from wagtail.contrib.settings.registry import registry as settings_registry

ANONYMOUS = "anonymous"
PASSWORD_ONLY = "password-only"
NOT_SET_UP = "no-second-factor-yet"
NO_ROLE, PROFESSIONAL, COORDINATOR = "no-role", "professional", "coordinator"
# A party's samråd representative with that role alone, and one who is also a professional.
REPRESENTATIVE, REPRESENTATIVE_PROFESSIONAL = "representative", "representative+professional"
EDITOR, ADMINISTRATOR = "editor", "administrator"
VISITORS = [
    ANONYMOUS,
    PASSWORD_ONLY,
    NOT_SET_UP,
    NO_ROLE,
    PROFESSIONAL,
    COORDINATOR,
    REPRESENTATIVE,
    REPRESENTATIVE_PROFESSIONAL,
    EDITOR,
    ADMINISTRATOR,
]

# Who may get past each door. Everyone else is refused, whatever the method or language.
ANYONE = frozenset(VISITORS)
NOBODY = frozenset()
SIGNED_IN = frozenset(
    {
        NO_ROLE,
        PROFESSIONAL,
        COORDINATOR,
        REPRESENTATIVE,
        REPRESENTATIVE_PROFESSIONAL,
        EDITOR,
        ADMINISTRATOR,
    }
)
# The staff area's pages and documents: the roles with access_staff_area (a representative
# alone has not got it) and administrators.
STAFF_AREA = frozenset(
    {PROFESSIONAL, COORDINATOR, REPRESENTATIVE_PROFESSIONAL, EDITOR, ADMINISTRATOR}
)
SEND = frozenset({PROFESSIONAL, COORDINATOR, REPRESENTATIVE_PROFESSIONAL})
COORDINATE = frozenset({COORDINATOR})
REPRESENT = frozenset({REPRESENTATIVE, REPRESENTATIVE_PROFESSIONAL})
EDITORS = frozenset({EDITOR, ADMINISTRATOR})
# Everyone the admin lets in: the coordinators too, who keep the routines there
# (staff/migrations/0009); what each may do in it is Wagtail's page permissions.
ADMIN_USERS = frozenset({EDITOR, COORDINATOR, ADMINISTRATOR})
ADMINISTRATORS = frozenset({ADMINISTRATOR})

ACCESS = {
    "healthz/": ANYONE,
    "robots.txt": ANYONE,
    "sitemap.xml": ANYONE,
    "sok/": ANYONE,
    # Public pages at "/"; the staff area's pages under /personal/ (SAMPLES).
    r"^((?:[\w\-]+/)*)$": ANYONE,
    "documents/^(\\d+)/(.*)$": STAFF_AREA,
    # One door: Wagtail's login forms send to allauth's.
    "admin/login/": NOBODY,
    "_util/login/": NOBODY,
    # Not mounted.
    "documents/authenticate_with_password/<path:rest>": NOBODY,
    "documents/authenticate_with_password/<int:restriction_id>/": NOBODY,
    "_util/authenticate_with_password/<path:rest>": NOBODY,
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": NOBODY,
    "^admin/password_reset/": NOBODY,
    "admin/failwhale/": NOBODY,
    "admin/test404/": NOBODY,
    r"^admin/(?:documents|images)/chooser/chosen/(?![0-9]+/$)[^/]*/$": NOBODY,
    r"^admin/snippets/choose/[^/]+/[^/]+/chosen/(?![0-9]+/$)[^/]*/$": NOBODY,
    "accounts/signup/": NOBODY,
    "accounts/reauthenticate/code/": NOBODY,
    "accounts/reauthenticate/code/confirm/": NOBODY,
    # allauth's pages for signing in, out or choosing a password: open to all.
    "accounts/login/": ANYONE,
    "accounts/logout/": ANYONE,
    "admin/logout/": ANYONE,
    "accounts/inactive/": ANYONE,
    "accounts/password/reset/": ANYONE,
    "accounts/password/reset/done/": ANYONE,
    "accounts/password/reset/key/done/": ANYONE,
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": ANYONE,
    "accounts/confirm-email/": ANYONE,
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": ANYONE,
    "accounts/login/code/confirm/": ANYONE,
    "accounts/2fa/authenticate/": ANYONE,
    "accounts/keepalive/": ANYONE,
    # The signed-in user's own account settings.
    "accounts/reauthenticate/": SIGNED_IN,
    "accounts/email/": SIGNED_IN,
    "accounts/password/change/": SIGNED_IN,
    "accounts/password/set/": SIGNED_IN,
    "accounts/2fa/": SIGNED_IN,
    "accounts/2fa/reauthenticate/": SIGNED_IN,
    "accounts/2fa/totp/activate/": SIGNED_IN,
    "accounts/2fa/totp/deactivate/": SIGNED_IN,
    "accounts/2fa/recovery-codes/": SIGNED_IN,
    "accounts/2fa/recovery-codes/generate/": SIGNED_IN,
    "accounts/2fa/recovery-codes/download/": SIGNED_IN,
    "accounts/sessions/": SIGNED_IN,
    "personal/konto/": SIGNED_IN,
    # The parties' privacy notices (GDPR Art. 13/14): everyone in the staff area.
    "personal/integritet/": STAFF_AREA,
    # Samråd: professionals send and read their own; the coordinator reads all.
    "personal/samrad/ny/": SEND,
    "personal/samrad/ny/<slug:mode>/": SEND,
    "personal/samrad/mina/": SEND,
    # The request is the professional's own; another's is not found.
    "personal/samrad/mina/<uuid:pk>/": frozenset({PROFESSIONAL}),
    "personal/samrad/inkorg/": COORDINATE,
    "personal/samrad/inkorg/sok/": COORDINATE,
    "personal/samrad/min-vecka/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/utskrift/": COORDINATE,
    # The case page's changes, one address each.
    "personal/samrad/inkorg/<uuid:pk>/planera/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/ta-av-motet/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/bjud-in/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/status/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/atgard/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/atgard/<int:action_pk>/klar/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/samtycke-aterkallat/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/samrad/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/maskera/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/komplettering/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/anteckningar/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/export.pdf": COORDINATE,
    "personal/samrad/moten/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/dagordning/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/dagordning/allman/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/stall-in/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/protokoll/": COORDINATE,
    # A party's representative: the meetings its party is invited to, its actions.
    "personal/samrad/representant/": REPRESENT,
    "personal/samrad/representant/moten/<uuid:pk>/": REPRESENT,
    "personal/samrad/representant/atgarder/": REPRESENT,
    "personal/samrad/statistik/": COORDINATE,
    "personal/samrad/statistik/arsrapport/": COORDINATE,
    "personal/samrad/logg/": frozenset({COORDINATOR, ADMINISTRATOR}),
}
# Harmless to anyone: the admin's icon sprite and its translations for scripts.
ADMIN_ASSETS = {"admin/sprite/": ANYONE, "admin/jsi18n/": ANYONE}
# The rest of Wagtail's admin is for editors and administrators; these parts for
# administrators alone. The editor group (staff/migrations/0004_roles.py) has access_admin,
# page permissions on the root page (add, change, publish, lock, unlock: not delete), the
# document permissions on the root collection, choose_image, add and change party, change
# safety settings and submit_translation: nothing over users, groups, sites, locales,
# collections, workflows, redirects, images, the other settings or deleting a party.
# Wagtail's task chooser (a workflow's edit page picks a task with it) lists the active
# tasks' names to anyone in the admin and creates one only with the add_task permission.
TASK_CHOOSER = "admin/workflows/task_chooser/"
ADMIN_ONLY_PREFIXES = (
    "admin/users/",
    "admin/groups/",
    "admin/sites/",
    "admin/locales/",
    "admin/collections/",
    "admin/workflows/",
    "admin/redirects/",
    "admin/images/add/",
    "admin/images/multiple/",
    "admin/images/<int:image_id>/",
    "admin/snippets/organisations/party/delete/",
    # Retention decisions and privacy notices: no role is granted them.
    "admin/snippets/recordkeeping/",
)
# Settings editors may change: the rest of the site's settings (search, samråd) are not theirs.
EDITOR_SETTINGS = {"home.safetysettings"}

# A session that has not given its second factor reaches only these.
SECOND_FACTOR_ENTRY = {"accounts/2fa/reauthenticate/", "accounts/logout/"}
SECOND_FACTOR_SETUP = {
    "accounts/2fa/totp/activate/",
    "accounts/reauthenticate/",
    "accounts/logout/",
}

# Being refused: sent to log in (allauth's page or Wagtail's, which sends there) or to give
# the second factor, 401, 403, 404, 405, or Wagtail's "you do not have permission"
# redirect to its dashboard.
REFUSALS = {
    "302 /accounts/login/",
    "302 /accounts/2fa/reauthenticate/",
    "302 /accounts/2fa/totp/activate/",
    "401",
    "403",
    "404",
    "405",
    "302 /admin/login/",
    "302 /admin/",
}

# Wagtail's own admin views that raise on a POST its pages never send, made by hand by
# someone with the admin permission: Wagtail's bugs, to be reported upstream. No one else
# gets there, and any other 5xx fails the guard; the recorded outcome changes (and the
# guard fails) when a Wagtail upgrade fixes one: then remove it here.
WAGTAIL_ERRORS = {
    # The root page (id 1, on which the editor group holds its page permissions) has no
    # parent: wagtail/admin/views/pages/{move,ordering,lock}.py read the parent's.
    ("admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/", "POST"),
    ("admin/pages/<int:page_to_move_id>/set_position/", "POST"),
    ("admin/pages/<int:page_id>/lock/", "POST"),
    ("admin/pages/<int:page_id>/unlock/", "POST"),
    # Without its url field the external link form cleans None (admin/forms/choosers.py).
    ("admin/choose-external-link/", "POST"),
    # A snippet chooser without a creation form still says its user may create
    # (admin/views/generic/chooser.py: CreateViewMixin.post uses the missing form).
    ("admin/snippets/choose/organisations/party/create/", "POST"),
    ("admin/snippets/choose/recordkeeping/retentiondecision/create/", "POST"),
    ("admin/snippets/choose/recordkeeping/privacynotice/create/", "POST"),
    ("admin/snippets/choose/organisations/county/create/", "POST"),
    ("admin/snippets/choose/samrad/provision/create/", "POST"),
    # Without input_format the import form's clean raises KeyError
    # (contrib/redirects/forms.py).
    ("admin/redirects/import/process/", "POST"),
}

# Patterns answered for objects that exist, so an allowed visitor can get a 200.
REAL_OBJECTS = {
    "personal/samrad/mina/<uuid:pk>/": "personal/samrad/mina/{request}/",
    "personal/samrad/inkorg/<uuid:pk>/": "personal/samrad/inkorg/{request}/",
    "personal/samrad/inkorg/<uuid:pk>/utskrift/": "personal/samrad/inkorg/{request}/utskrift/",
    "personal/samrad/inkorg/<uuid:pk>/planera/": "personal/samrad/inkorg/{request}/planera/",
    "personal/samrad/inkorg/<uuid:pk>/ta-av-motet/": (
        "personal/samrad/inkorg/{request}/ta-av-motet/"
    ),
    "personal/samrad/inkorg/<uuid:pk>/bjud-in/": "personal/samrad/inkorg/{request}/bjud-in/",
    "personal/samrad/inkorg/<uuid:pk>/status/": "personal/samrad/inkorg/{request}/status/",
    "personal/samrad/inkorg/<uuid:pk>/atgard/": "personal/samrad/inkorg/{request}/atgard/",
    "personal/samrad/inkorg/<uuid:pk>/atgard/<int:action_pk>/klar/": (
        "personal/samrad/inkorg/{request}/atgard/{action}/klar/"
    ),
    "personal/samrad/inkorg/<uuid:pk>/samtycke-aterkallat/": (
        "personal/samrad/inkorg/{request}/samtycke-aterkallat/"
    ),
    "personal/samrad/inkorg/<uuid:pk>/samrad/": "personal/samrad/inkorg/{request}/samrad/",
    "personal/samrad/inkorg/<uuid:pk>/maskera/": "personal/samrad/inkorg/{request}/maskera/",
    "personal/samrad/inkorg/<uuid:pk>/komplettering/": (
        "personal/samrad/inkorg/{request}/komplettering/"
    ),
    "personal/samrad/inkorg/<uuid:pk>/anteckningar/": (
        "personal/samrad/inkorg/{request}/anteckningar/"
    ),
    "personal/samrad/inkorg/<uuid:pk>/export.pdf": "personal/samrad/inkorg/{request}/export.pdf",
    "personal/samrad/moten/<uuid:pk>/": "personal/samrad/moten/{meeting}/",
    "personal/samrad/moten/<uuid:pk>/dagordning/": "personal/samrad/moten/{meeting}/dagordning/",
    "personal/samrad/moten/<uuid:pk>/dagordning/allman/": (
        "personal/samrad/moten/{meeting}/dagordning/allman/"
    ),
    "personal/samrad/representant/moten/<uuid:pk>/": (
        "personal/samrad/representant/moten/{meeting}/"
    ),
    "personal/samrad/moten/<uuid:pk>/stall-in/": "personal/samrad/moten/{meeting}/stall-in/",
    "personal/samrad/moten/<uuid:pk>/protokoll/": "personal/samrad/moten/{meeting}/protokoll/",
    "personal/samrad/ny/<slug:mode>/": "personal/samrad/ny/avidentifierad/",
    "documents/^(\\d+)/(.*)$": "{private_document}",
    # The root collection is not edited or deleted: the staff area's is.
    "admin/collections/<int:pk>/": "admin/collections/{collection}/",
    "admin/collections/<int:pk>/delete/": "admin/collections/{collection}/delete/",
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": (
        "admin/workflows/tasks/add/wagtailcore/groupapprovaltask/"
    ),
}
# More addresses for a pattern, with who may reach each.
SAMPLES = {
    r"^((?:[\w\-]+/)*)$": [
        ("personal/", STAFF_AREA),
        ("personal/rutiner/samrad/", STAFF_AREA),
    ],
}


def admin_access(key):
    if key in ADMIN_ASSETS:
        return ADMIN_ASSETS[key]
    if key.startswith(TASK_CHOOSER):
        return ADMIN_USERS
    return ADMINISTRATORS if key.startswith(ADMIN_ONLY_PREFIXES) else ADMIN_USERS


@functools.cache
def registered_admin_samples():
    """The admin routes whose arguments name a model, for each model registered with them:
    the settings (the editor's own and the others) and the bulk actions (on users: not
    the editor's; on the rest Wagtail leaves out what the editor may not touch)."""
    samples = {}
    for model in settings_registry:
        label = model._meta.label_lower
        app, name = label.split(".")
        access = EDITORS if label in EDITOR_SETTINGS else ADMINISTRATORS
        base = "admin/settings/<slug:app_name>/<slug:model_name>/"
        for suffix in ("", "<int:pk>/", "<int:pk>/preview/"):
            path = f"admin/settings/{app}/{name}/" + suffix.replace("<int:pk>", "1")
            samples.setdefault(base + suffix, {})[path] = access
    ids = {"user": "{user}", "page": "3"}
    for action in hooks.get_hooks("register_bulk_action"):
        for model in action.models:
            meta = model._meta
            path = (
                f"admin/bulk/{meta.app_label}/{meta.model_name}/{action.action_type}/"
                f"?id={ids.get(meta.model_name, '1')}"
            )
            access = ADMINISTRATORS if meta.model_name == "user" else ADMIN_USERS
            key = "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/"
            samples.setdefault(key, {})[path] = access
    return {key: list(paths.items()) for key, paths in samples.items()}


def access_for(key):
    if key.startswith("admin/") and key not in ACCESS:
        return admin_access(key)
    return ACCESS.get(key)


def sample_paths(entry):
    """(address template, who may reach it) for a pattern."""
    path = REAL_OBJECTS.get(entry.key, entry.path)
    if entry.key.startswith("admin/users/") and "<int:pk>" in entry.key:
        path = entry.key.replace("<int:pk>", "{user}")
    extra = SAMPLES.get(entry.key, []) + registered_admin_samples().get(entry.key, [])
    return [(path, access_for(entry.key)), *extra]


def may_reach(visitor, key, access):
    if visitor == PASSWORD_ONLY:
        return key in SECOND_FACTOR_ENTRY
    if visitor == NOT_SET_UP:
        return key in SECOND_FACTOR_SETUP
    return visitor in access
