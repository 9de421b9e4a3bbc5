"""The translators' admin views: the status of every page translation, one translation's
status with its translator's check, and the import of a translated PO file.

The admin's own door (login, second factor, admin access) is in front of all of them;
each view also asks the page permissions: only someone who may edit the translated page
sees its status, ticks its check or imports into it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail_localize.models import Translation

from . import po_files
from .forms import ImportForm, TranslatorCheckForm
from .models import TranslatorCheck
from .status import page_translations, statuses

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def may_edit(user, page):
    return page.permissions_for_user(user).can_edit()


def editable_status(request, translation_id):
    translation = get_object_or_404(page_translations(), pk=translation_id)
    found = statuses([translation])
    if not found:
        raise Http404
    status = found[0]
    if not may_edit(request.user, status.page):
        raise PermissionDenied
    return status


class TranslationIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/index.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SUBMIT_TRANSLATION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statuses"] = [
            status
            for status in statuses(page_translations())
            if may_edit(self.request.user, status.page)
        ]
        return context


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/status.html"
    page_title = gettext_lazy("Translation")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        self.status = editable_status(request, kwargs["translation_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.status.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("translations:index"), "label": TranslationIndexView.page_title},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            status=self.status,
            check_form=kwargs.get("check_form")
            or TranslatorCheckForm(initial={"checked": self.status.checked}),
            import_form=kwargs.get("import_form") or ImportForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = TranslatorCheckForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(check_form=form))
        translation = self.status.translation
        if form.cleaned_data["checked"]:
            TranslatorCheck.objects.update_or_create(
                translation=translation, defaults={"checked_by": request.user}
            )
            messages.success(request, _("The translation is marked as checked by a translator."))
        else:
            TranslatorCheck.objects.filter(translation=translation).delete()
            messages.success(request, _("The translation is marked as not checked."))
        return redirect("translations:status", translation_id=translation.pk)


def next_url(request, default):
    """Where the editor came from: a path of this site. Anything else ("a b" was read by
    redirect() as the name of a view, a 500) goes back to the default."""
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


@require_admin_access
@require_POST
def import_po(request, translation_id):
    """Mounted over wagtail-localize's upload view (portal/urls.py): its translation
    editor's "Upload PO file" comes here too."""
    status = editable_status(request, translation_id)
    translation: Translation = status.translation
    back = next_url(request, reverse("translations:status", args=[translation.pk]))
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("The file could not be read."))
        return redirect(back)
    try:
        po = po_files.read_po(form.cleaned_data["file"])
        result = po_files.import_po(
            translation, po, request.user, publish=form.cleaned_data["publish"]
        )
    except po_files.UnusableFile as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(
        request,
        _(
            "%(count)s translated texts imported; the translation is not checked until a person says so."
        )
        % {"count": result.strings},
    )
    if result.not_in_source:
        messages.warning(
            request,
            _("%(count)s texts in the file are no longer on the Swedish page and were left out.")
            % {"count": result.not_in_source},
        )
    tell_refused(request, result.refused)
    return redirect(back)


# Each refused text is named; past this many, the rest are counted.
MAX_REFUSED_SHOWN = 20
EXCERPT = 80


def tell_refused(request, refused):
    """Which texts of the file were not imported, and why: the Swedish text names each
    (the translator finds it in the file by it) and its field."""
    for item in refused[:MAX_REFUSED_SHOWN]:
        text = item.source if len(item.source) <= EXCERPT else item.source[: EXCERPT - 1] + "…"
        field = item.context.split(".")[0]
        message = (
            _("Not imported: “%(text)s” (%(field)s) – %(reason)s")
            if field
            else _("Not imported: “%(text)s” – %(reason)s")
        )
        messages.warning(request, message % {"text": text, "field": field, "reason": item.reason})
    if len(refused) > MAX_REFUSED_SHOWN:
        messages.warning(
            request,
            _("%(count)s more texts were not imported: correct the file and import it again.")
            % {"count": len(refused) - MAX_REFUSED_SHOWN},
        )
