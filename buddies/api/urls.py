"""API routes for the volunteer pool, buddy requests, matching and matches."""

urlpatterns: list = []
