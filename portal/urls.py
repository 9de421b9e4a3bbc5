from allauth.account import views as account_views
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from base import views as base_views
from base.sitemap import TranslatedSitemap
from recordkeeping import views as recordkeeping_views
from staff import views as staff_views
from translations import views as translation_views

from . import views

# One door: allauth's login with its second factor. The other login and password forms
# that Wagtail mounts send their visitors there (keeping "next") or are not mounted.
single_login_door = [
    path("admin/login/", staff_views.to_account_login),
    # Wagtail's GET logout deletes the cookie and leaves the session valid; allauth's asks
    # on GET and ends the session completely on POST (the admin's own button posts).
    path("admin/logout/", account_views.logout),
    re_path(r"^admin/password_reset/", views.not_found),
    # Shared-password restrictions are not offered (WAGTAIL*_PRIVATE_*_OPTIONS).
    path("documents/authenticate_with_password/<path:rest>", views.not_found),
]

# What else Wagtail's admin mounts and no one here needs: its pages that test the error
# pages (one raises on purpose), and the choosers' "chosen" views where an id that is not
# a number raised a 500 instead of a 404.
closed_admin_views = [
    path("admin/failwhale/", views.not_found),
    path("admin/test404/", views.not_found),
    re_path(r"^admin/(?:documents|images)/chooser/chosen/(?![0-9]+/$)[^/]*/$", views.not_found),
    re_path(r"^admin/snippets/choose/[^/]+/[^/]+/chosen/(?![0-9]+/$)[^/]*/$", views.not_found),
]

# wagtail-localize's PO upload, answered by the portal's import (translations/po_files.py):
# it checks the file before reading it and saves the translated page with it.
translation_file_import = [
    path(
        "admin/localize/translate/<int:translation_id>/pofile/upload/",
        translation_views.import_po,
    ),
]

urlpatterns = (
    single_login_door
    + closed_admin_views
    + translation_file_import
    + [
        path("healthz/", views.healthz, name="healthz"),
        path("robots.txt", base_views.robots_txt, name="robots_txt"),
        path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
        path("admin/", include(wagtailadmin_urls)),
        path("documents/", include(wagtaildocs_urls)),
        # No one signs up: accounts are created by administrators.
        path("accounts/signup/", views.not_found),
        # Re-authentication asks for the password or the second factor, never only a
        # code mailed to the inbox (ACCOUNT_REAUTHENTICATION_METHODS).
        path("accounts/reauthenticate/code/", views.not_found),
        path("accounts/reauthenticate/code/confirm/", views.not_found),
        path("accounts/keepalive/", staff_views.keepalive, name="staff_keepalive"),
        path("accounts/", include("allauth.urls")),
    ]
)

# Swedish pages have no prefix, English pages live under /en/: the language is
# chosen by the address alone, never by a cookie or the browser's headers.
urlpatterns += i18n_patterns(
    path("sok/", base_views.search, name="search"),
    path("personal/konto/", staff_views.profile, name="staff_profile"),
    path("personal/integritet/", recordkeeping_views.privacy_notices, name="privacy_notices"),
    path("personal/samrad/", include("samrad.urls")),
    path("_util/login/", staff_views.to_account_login),
    path("_util/authenticate_with_password/<path:rest>", views.not_found),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "portal.views.server_error"
