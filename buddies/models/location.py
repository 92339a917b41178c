"""Where a volunteer or a participant lives, as a point derived from their postcode."""

from typing import Any

from netwerk.postcodes import coordinates_for, normalise


def locate_by_postcode(instance, save_kwargs: dict[str, Any]) -> dict[str, Any]:
    """Set latitude and longitude from the postcode (both empty for a postcode the table does
    not know). Called by the models' save(), so every write path keeps the point in step; returns
    the save() arguments, with the coordinates added to `update_fields` when the postcode is in."""
    update_fields = save_kwargs.get("update_fields")
    if update_fields is not None and "postcode" not in update_fields:
        return save_kwargs
    instance.postcode = normalise(instance.postcode)
    instance.latitude, instance.longitude = coordinates_for(instance.postcode)
    if update_fields is not None:
        save_kwargs = {**save_kwargs, "update_fields": {*update_fields, "latitude", "longitude"}}
    return save_kwargs
