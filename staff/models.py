from itertools import groupby
from operator import attrgetter

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from base.blocks import RICH_TEXT_FEATURES
from base.models import BasePage
from organisations.models import County, Party
from portal.email_addresses import validate_mail_address

from .blocks import AnswerBlock, QuestionBlock, SituationBlock, StepBlock


class User(AbstractUser):
    """A staff account. Professionals and coordinators belong to one party."""

    # Samråd mail goes to it (coordinators are told of new requests, a professional's is
    # the request's contact address to begin with): the portal's stricter rule.
    email = models.EmailField(_("email address"), blank=True, validators=[validate_mail_address])
    # Added in migration 0002, as Wagtail's migrations (and so guidance's, where the party
    # model began) need the user first.
    party = models.ForeignKey(
        "organisations.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("party"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Granted to the role groups by migration (staff/migrations/0005_role_permissions.py).
        permissions = [("access_staff_area", _("Can read the staff area and its documents"))]

    @property
    def county_id(self):
        """The county of the user's party: the only county whose case data the user reaches
        (samrad.scope). None without a party: such an account reaches no case data."""
        return self.party.county_id if self.party_id else None


def county_parties(page):
    """The parties of the county whose site holds the page: a county's consent form and
    contact directory name its own parties only."""
    return Party.objects.filter(county__in=County.objects.of_page(page))


class StaffPage(BasePage):
    """Base for every page of the staff area: kept out of public search and menus, and
    served only to staff roles (staff/wagtail_hooks.py)."""

    staff_only = True

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        return []


class StaffHomePage(StaffPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "staff.RoutineIndexPage",
        "staff.ConsentFormPage",
        "staff.SecrecyGuidePage",
        "staff.ContactDirectoryPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("staff home page")


class RoutineIndexPage(StaffPage):
    parent_page_types = ["staff.StaffHomePage"]
    subpage_types = ["staff.RoutinePage"]

    class Meta:
        verbose_name = _("routine index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        routines = RoutinePage.objects.child_of(self).live().order_by("topic", "title")
        context["topics"] = [
            (topic, list(items)) for topic, items in groupby(routines, key=attrgetter("topic"))
        ]
        return context


class RoutinePage(StaffPage):
    topic = models.CharField(_("topic"), max_length=80)
    purpose = RichTextField(_("purpose"), features=RICH_TEXT_FEATURES)
    applies_to = RichTextField(_("who it applies to"), features=RICH_TEXT_FEATURES)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"))
    version_date = models.DateField(_("version date"))
    next_review = models.DateField(_("next review"))
    owner_function = models.CharField(
        _("owner function"),
        max_length=200,
        help_text=_("The function that owns the routine, not a named person."),
    )
    owner_mailbox = models.EmailField(
        _("owner function's mailbox"),
        blank=True,
        validators=[validate_mail_address],
        help_text=_(
            "The owner function's shared mailbox: it is reminded when the next review date "
            "has come. Never a named person's address."
        ),
    )

    content_panels = StaffPage.content_panels[:2] + [
        FieldPanel("topic"),
        FieldPanel("purpose"),
        FieldPanel("applies_to"),
        FieldPanel("steps"),
        StaffPage.content_panels[2],
        MultiFieldPanel(
            [
                FieldPanel("version_date"),
                FieldPanel("next_review"),
                FieldPanel("owner_function"),
                FieldPanel("owner_mailbox"),
            ],
            heading=_("Version"),
        ),
    ]
    search_fields = StaffPage.search_fields + [index.SearchField("purpose")]
    parent_page_types = ["staff.RoutineIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("routine")

    def clean(self):
        super().clean()
        if self.version_date and self.next_review and self.next_review < self.version_date:
            raise ValidationError(
                {"next_review": _("The next review cannot be before the version date.")}
            )

    @classmethod
    def due_for_review(cls, today):
        """Live routines whose next review date has come (today or earlier)."""
        return cls.objects.live().filter(next_review__lte=today).order_by("next_review", "title")


class ReviewedMixin(models.Model):
    """Legal content shows when it was last reviewed."""

    reviewed_on = models.DateField(_("reviewed on"))
    reviewed_by = models.CharField(_("reviewed by (function)"), max_length=200, blank=True)

    review_panels = [
        MultiFieldPanel([FieldPanel("reviewed_on"), FieldPanel("reviewed_by")], heading=_("Review"))
    ]

    class Meta:
        abstract = True


class ConsentFormPage(ReviewedMixin, StaffPage):
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("official form (file)"),
    )
    form_heading = models.CharField(_("form heading"), max_length=200)
    person_intro = models.TextField(_("about the person"))
    parties_intro = models.TextField(_("about the parties"))
    information_items = models.TextField(
        _("information that may be exchanged"), help_text=_("One item per line.")
    )
    purpose = models.TextField(_("purpose"))
    duration = models.TextField(_("validity"))
    withdrawal = models.TextField(_("right to withdraw"))
    signature_note = models.TextField(_("text above the signatures"))

    content_panels = (
        StaffPage.content_panels
        + [FieldPanel("document")]
        + ReviewedMixin.review_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("form_heading"),
                    FieldPanel("person_intro"),
                    FieldPanel("parties_intro"),
                    FieldPanel("information_items"),
                    FieldPanel("purpose"),
                    FieldPanel("duration"),
                    FieldPanel("withdrawal"),
                    FieldPanel("signature_note"),
                ],
                heading=_("The printable form"),
            )
        ]
    )
    parent_page_types = ["staff.StaffHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consent form page")

    def information_list(self):
        return [line.strip() for line in self.information_items.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parties"] = county_parties(self)
        return context


def guide_link(target):
    """The query string for a guide target written as "step:<key>" or "answer:<key>"."""
    kind, _, key = target.partition(":")
    return f"?svar={key}" if kind == "answer" else f"?steg={key}"


class SecrecyGuidePage(ReviewedMixin, StaffPage):
    situations = StreamField([("situation", SituationBlock())], verbose_name=_("situations"))
    questions = StreamField(
        [("question", QuestionBlock())], verbose_name=_("“May I share this?” questions")
    )
    answers = StreamField(
        [("answer", AnswerBlock())], verbose_name=_("“May I share this?” answers")
    )

    content_panels = (
        StaffPage.content_panels
        + ReviewedMixin.review_panels
        + [FieldPanel("situations"), FieldPanel("questions"), FieldPanel("answers")]
    )
    parent_page_types = ["staff.StaffHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("secrecy guidance page")

    def get_context(self, request, *args, **kwargs):
        """One question of the guide at a time, chosen by ?steg= or ?svar=, so no JavaScript is needed."""
        context = super().get_context(request, *args, **kwargs)
        questions = {block.value["key"]: block.value for block in self.questions}
        answers = {block.value["key"]: block.value for block in self.answers}
        answer = answers.get(request.GET.get("svar", ""))
        question = None if answer else questions.get(request.GET.get("steg", ""))
        if question is None and answer is None and questions:
            question = next(iter(questions.values()))
        context.update(
            guide_question=question,
            guide_answer=answer,
            guide_started="steg" in request.GET or "svar" in request.GET,
        )
        if question is not None:
            context.update(
                guide_yes=guide_link(question["yes"]), guide_no=guide_link(question["no"])
            )
        return context


class ContactDirectoryPage(StaffPage):
    parent_page_types = ["staff.StaffHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contact directory page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parties"] = county_parties(self).prefetch_related("contact_functions")
        return context
