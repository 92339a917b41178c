"""API routes for participant files (filled in by the participants API)."""

urlpatterns: list = []
