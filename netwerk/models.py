"""The project's own tables: what every app shares."""

from django.conf import settings
from django.db import models


class SubmittedForm(models.Model):
    """A create form that was sent and saved something: its one-time token is used up.

    `netwerk.submit_once` writes the row in the same transaction as the record the form
    created, so the token is used exactly when the record exists. `link` is the page that
    shows what was created (a path on this site, ids only: no personal data).
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="submitted_form_created_idx")]

    def __str__(self) -> str:
        return f"submitted form {self.pk}"
