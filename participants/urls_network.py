"""Routes for the network map, measurements and family group plans of one participant file."""

urlpatterns: list = []
