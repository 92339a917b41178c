"""API routes for network members, snapshots, measurements and family group plans."""

urlpatterns: list = []
