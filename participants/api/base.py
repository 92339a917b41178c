"""What every participant-file API view adds to the shared base (`netwerk.api`): the file
roles, a file within reach, and read auditing.

Access, in short:
- anything addressed by an id (a file, or a record in it, or a list nested under a file)
  answers 404 when it is outside the caller's reach, so its existence is not revealed;
- the top-level participant list and create answer 404 to roles that never open files
  (coordinators, volunteers, researchers) and to requests without an organisation, as the
  caseload page does;
- a write the caller may read but not make (a colleague with team access, an org admin)
  answers 403, before the input is parsed: only the assigned social worker changes a file.
"""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from netwerk.api import BAD_INPUT, NOT_FOUND, DetailOutput, NetwerkAPIView

from ..models import Participant
from ..selectors.api import participants_for_api
from ..selectors.files import FILE_ROLES

__all__ = ["BAD_INPUT", "FILE_ROLES", "NOT_FOUND", "REFUSED", "FileAPIView"]

READ_ONLY = _("Only the social worker assigned to this file can change it.")

REFUSED = OpenApiResponse(
    DetailOutput, description="The caller may read this file but not change it."
)


class FileAPIView(NetwerkAPIView):
    """Base view of the file API: the shared base plus a file within reach and read audits."""

    refused_message = READ_ONLY

    def file_membership(self) -> Membership:
        """For endpoints not addressed by an id: 404 to roles that never open files."""
        return self.require_role(*FILE_ROLES)

    def participant_within_reach(self, pk: int) -> Participant:
        participant = participants_for_api(self.membership).filter(pk=pk).first()
        if participant is None:
            raise Http404
        return participant

    def audit_read(self, obj: models.Model, fields: tuple[str, ...] = ()) -> None:
        """Every read of a file is recorded (ids and names only, never the content)."""
        audit_record(
            actor=self.request.user,
            organisation=self.membership.organisation,
            action=AuditEvent.Action.READ,
            obj=obj,
            fields=fields,
        )
