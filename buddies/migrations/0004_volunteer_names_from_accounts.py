"""Existing volunteer profiles get their own name from their account, so a profile reads the
same whether or not the volunteer has a log-in. (The e-mail address stays the account's:
`Volunteer.contact_email` falls back to it.)"""

from django.db import migrations


def copy_names(apps, schema_editor):
    Volunteer = apps.get_model("buddies", "Volunteer")
    volunteers = list(
        Volunteer.objects.filter(user__isnull=False, first_name="").select_related("user")
    )
    for volunteer in volunteers:
        full_name = (volunteer.user.full_name or "").strip()
        first, _space, rest = full_name.partition(" ")
        volunteer.first_name = first[:80] or volunteer.user.email.split("@")[0][:80]
        volunteer.last_name = rest.strip()[:80]
    Volunteer.objects.bulk_update(volunteers, ["first_name", "last_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("buddies", "0003_volunteer_without_account")]

    operations = [migrations.RunPython(copy_names, migrations.RunPython.noop)]
