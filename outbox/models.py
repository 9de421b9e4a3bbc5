from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An e-mail waiting to be sent: queued (mail.queue) in the transaction that caused it,
    sent by a task (tasks.py), retried while the mail server is away, sent at most once,
    set aside when it cannot be."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        # Claimed by a worker and committed before it is handed to the mail server.
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    created_at = models.DateTimeField(auto_now_add=True)
    recipient = models.EmailField()
    state = models.CharField(
        max_length=7, choices=State.choices, default=State.PENDING, db_index=True
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # What the mail is about, for the list of mail that could not be sent: a samråd
    # request's reference (never personal data), or empty.
    reference = models.CharField(max_length=20, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.CharField(max_length=200, blank=True)
    # A calendar file sent as an attachment (calendar.py), and its method (REQUEST or
    # CANCEL) for the attachment's content type. Empty for a mail without one.
    calendar = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=10, blank=True)

    class Meta:
        # The table samrad made before the outbox was an app of its own (data kept).
        db_table = "samrad_notification"
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class Reminder(models.Model):
    """A reminder mailed on one day: at most one per subject, recipient key and day, so
    that running the daily reminders twice the same day sends nothing new."""

    # What it reminds of, named by the producer that sent it (e.g. "actions").
    subject = models.CharField(max_length=10)
    # Whom it was for: a party's slug, or the owner function's mailbox.
    key = models.CharField(max_length=254)
    sent_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "samrad_reminder"
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "key", "sent_on"], name="one_reminder_per_day"
            )
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return f"{self.sent_on} {self.subject} {self.key}"
