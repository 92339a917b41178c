"""Give every volunteer and buddy request the point of their postcode.

Until now the forms asked for latitude and longitude, which nobody filled in, so matching fell
back to "same postcode". From now on the models derive the point from the postcode on save; this
fills in the rows written before. It reads the shipped postcode table through
`netwerk.postcodes`, a module of plain reference data with no models, which is why this
migration may import it.
"""

from django.db import migrations


def backfill(apps, schema_editor):
    from netwerk.postcodes import coordinates_for, normalise

    for name in ("Volunteer", "BuddyRequest"):
        model = apps.get_model("buddies", name)
        changed = []
        for row in model.objects.only("id", "postcode", "latitude", "longitude").iterator():
            postcode = normalise(row.postcode)
            latitude, longitude = coordinates_for(postcode)
            if (row.postcode, row.latitude, row.longitude) != (postcode, latitude, longitude):
                row.postcode, row.latitude, row.longitude = postcode, latitude, longitude
                changed.append(row)
        model.objects.bulk_update(
            changed, ["postcode", "latitude", "longitude"], batch_size=1000
        )


class Migration(migrations.Migration):
    dependencies = [("buddies", "0003_coordinates_from_postcode")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
