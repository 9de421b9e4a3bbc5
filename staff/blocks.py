from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from base.blocks import ParagraphBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = ParagraphBlock(label=_("What to do"))

    class Meta:
        icon = "list-ol"
        template = "blocks/step_block.html"
        label = _("Step")
        preview_value = {
            "title": "Fråga om samtycke",
            "text": "<p>Förklara vad samtycket innebär.</p>",
        }


class SituationBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Situation"), max_length=200)
    summary = blocks.TextBlock(label=_("Summary"))
    provisions = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Provisions that apply")
    )
    may_share = ParagraphBlock(label=_("What may be shared"))
    how = ParagraphBlock(label=_("How"))

    class Meta:
        icon = "help"
        template = "blocks/situation_block.html"
        label = _("Situation")
        preview_value = {
            "title": "Samråd med samtycke",
            "summary": "Den enskilde kan häva sekretessen.",
            "provisions": ["OSL 12 kap. 2 §"],
            "may_share": "<p>Det som samtycket omfattar.</p>",
            "how": "<p>Muntligt i samrådet.</p>",
        }


class QuestionBlock(blocks.StructBlock):
    key = blocks.RegexBlock(regex=r"^[a-z0-9-]+$", label=_("Key"), max_length=40)
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    help = blocks.TextBlock(label=_("Help"), required=False)
    yes = blocks.CharBlock(
        label=_("If yes"), max_length=60, help_text=_("step:<key> or answer:<key>")
    )
    no = blocks.CharBlock(
        label=_("If no"), max_length=60, help_text=_("step:<key> or answer:<key>")
    )

    class Meta:
        icon = "help"
        label = _("Question")
        preview_value = {
            "key": "q1",
            "question": "Finns samtycke?",
            "yes": "answer:dela",
            "no": "step:q2",
        }


class AnswerBlock(blocks.StructBlock):
    key = blocks.RegexBlock(regex=r"^[a-z0-9-]+$", label=_("Key"), max_length=40)
    title = blocks.CharBlock(label=_("Answer"), max_length=300)
    text = ParagraphBlock(label=_("Text"))

    class Meta:
        icon = "tick"
        label = _("Answer")
        preview_value = {"key": "dela", "title": "Du får dela", "text": "<p>Inom samtycket.</p>"}
