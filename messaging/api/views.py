"""The messages API, with the pages' access rules and the shared refusal rule (`netwerk.api`):
a recipient outside one's reach → 404; one whose file one reads but does not keep → 403; a
recipient the channel cannot reach (no consent, STOP, no number…) → 400 with the reason.

- messages/: the messages one sent (list); send one to a participant or a volunteer.
- message-log/participants/<pk>/, message-log/volunteers/<pk>/: what a person was sent, with
  the replies (audited as a read).
- preferences/me/: one's own way to be reached and quiet hours; preferences/participants/<pk>/:
  a participant's (read by whoever may read the log, changed by their social worker).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from buddies.models import Volunteer
from netwerk.api import BAD_INPUT, NOT_FOUND, REFUSED, NetwerkAPIView
from notifications.models import Message
from participants.models import Participant
from participants.selectors import participant_editable_by, participant_get_for

from .. import selectors, services
from ..models import ContactPreference
from ..selectors import PARTICIPANT_CHANNEL, SENDER_ROLES
from . import serializers as s


def _audit_log_read(membership, person_type: str, person_id: int) -> None:
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        object_type=f"messages to {person_type}",
        object_id=person_id,
    )


class MessageListView(NetwerkAPIView):
    @extend_schema(
        summary="List the messages you sent",
        responses={200: s.SentMessageOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*SENDER_ROLES)
        sent = (
            Message.objects.filter(
                organisation_id=membership.organisation_id, sender_id=membership.user_id
            )
            .prefetch_related("replies")
            .order_by("-created_at", "-id")
        )
        return self.paginated(sent, s.SentMessageOutput)

    @extend_schema(
        summary="Send a message to one participant or volunteer (through the outbox)",
        request=s.SendInput,
        responses={201: s.MessageSendOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*SENDER_ROLES)
        data = self.validated(s.SendInput)
        if data["recipient_type"] == "participant":
            person = selectors.participant_to_message(membership, data["recipient_id"])
            people = selectors.participant_people(Participant.objects.filter(pk=person.pk))
        else:
            person = selectors.volunteer_to_message(membership, data["recipient_id"])
            people = selectors.volunteer_people(Volunteer.objects.filter(pk=person.pk))
        template = data.get("template")
        body = data.get("body") or (template.body if template else "")
        subject = data.get("subject") or (template.subject if template else "")
        values = services.Values(
            sender_name=membership.user.get_short_name(),
            organisation_name=membership.organisation.name,
            date=data.get("date"),
            time=data.get("time"),
            place=data.get("place", ""),
        )
        try:
            result = services.message_send(
                membership=membership,
                people=people,
                channel=data["channel"],
                body=body,
                subject=subject,
                values=values,
                batch=data.get("key") or services.new_batch(),
                about_type=data["recipient_type"],
                about_id=person.pk,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise ValidationError({"recipient_id": error.messages}) from error
            raise
        reached = result.included[0]
        return Response(
            s.MessageSendOutput(
                {
                    "queued": len(result.included),
                    "channel": reached.channel,
                    "text": result.example,
                    "parts": result.parts,
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )


class ParticipantLogView(NetwerkAPIView):
    @extend_schema(
        summary="The messages sent to a participant, with their replies",
        responses={200: s.SentMessageOutput(many=True), 403: REFUSED, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = self.membership
        participant = participant_get_for(membership, pk)
        if not selectors.can_read_participant_log(membership, participant):
            self.refuse()
        log = selectors.message_log(membership.organisation_id, "participant", participant.pk)
        _audit_log_read(membership, "participant", participant.pk)
        return self.paginated(log, s.SentMessageOutput)


class VolunteerLogView(NetwerkAPIView):
    @extend_schema(
        summary="The messages sent to a volunteer, with their replies (coordinators)",
        responses={200: s.SentMessageOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        volunteer = selectors.volunteer_to_message(self.membership, pk)
        log = selectors.message_log(self.membership.organisation_id, "volunteer", volunteer.pk)
        _audit_log_read(self.membership, "volunteer", volunteer.pk)
        return self.paginated(log, s.SentMessageOutput)


def _preference_data(pref: ContactPreference | None, channel: str | None = None) -> dict:
    return {
        "channel": channel if channel is not None else (pref.channel if pref else ""),
        "quiet_from": pref.quiet_from if pref else None,
        "quiet_until": pref.quiet_until if pref else None,
    }


def _preference(person_type: str, person_id: int) -> ContactPreference | None:
    return ContactPreference.objects.filter(person_type=person_type, person_id=person_id).first()


class MyPreferenceView(NetwerkAPIView):
    @extend_schema(
        summary="How you want to be reached", responses={200: s.ContactPreferenceSerializer}
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*Role.values)
        person_type, person_id = selectors.own_person(membership)
        return Response(
            s.ContactPreferenceSerializer(
                _preference_data(_preference(person_type, person_id))
            ).data
        )

    @extend_schema(
        summary="Change how you want to be reached",
        request=s.ContactPreferenceSerializer,
        responses={200: s.ContactPreferenceSerializer, 400: BAD_INPUT},
    )
    def patch(self, request: Request) -> Response:
        membership = self.require_role(*Role.values)
        person_type, person_id = selectors.own_person(membership)
        current = _preference_data(_preference(person_type, person_id))
        data = {**current, **self.validated(s.ContactPreferenceSerializer, partial=True)}
        pref = services.preference_save(
            membership=membership,
            person_type=person_type,
            person_id=person_id,
            channel=data["channel"],
            quiet_from=data["quiet_from"],
            quiet_until=data["quiet_until"],
        )
        return Response(s.ContactPreferenceSerializer(_preference_data(pref)).data)


class ParticipantPreferenceView(NetwerkAPIView):
    def _participant(self, pk: int) -> Participant:
        participant = participant_get_for(self.membership, pk)
        if not selectors.can_read_participant_log(self.membership, participant):
            raise Http404
        return participant

    @extend_schema(
        summary="How a participant wants to be reached",
        responses={200: s.ContactPreferenceSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        participant = self._participant(pk)
        channel = PARTICIPANT_CHANNEL.get(participant.preferred_channel, "")
        pref = _preference("participant", participant.pk)
        return Response(s.ContactPreferenceSerializer(_preference_data(pref, channel)).data)

    @extend_schema(
        summary="Change how a participant wants to be reached (their social worker)",
        request=s.ContactPreferenceSerializer,
        responses={
            200: s.ContactPreferenceSerializer,
            400: BAD_INPUT,
            403: REFUSED,
            404: NOT_FOUND,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        participant = self._participant(pk)
        if not participant_editable_by(self.membership, participant):
            self.refuse()
        channel = PARTICIPANT_CHANNEL.get(participant.preferred_channel, "")
        current = _preference_data(_preference("participant", participant.pk), channel)
        given = self.validated(s.ContactPreferenceSerializer, partial=True)
        data = {**current, **given}
        pref = services.preference_save(
            membership=self.membership,
            person_type="participant",
            person_id=participant.pk,
            channel=given.get("channel"),
            quiet_from=data["quiet_from"],
            quiet_until=data["quiet_until"],
            participant=participant,
        )
        participant.refresh_from_db(fields=["preferred_channel"])
        channel = PARTICIPANT_CHANNEL.get(participant.preferred_channel, "")
        return Response(s.ContactPreferenceSerializer(_preference_data(pref, channel)).data)
