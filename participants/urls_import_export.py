"""Routes for importing participants and exporting the caseload."""

urlpatterns: list = []
