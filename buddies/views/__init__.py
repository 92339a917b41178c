"""Buddy pages: the coordinator's pool, waiting list, matching and match follow-up; the social
worker's request; the volunteer's own contacts. Every record is fetched within reach (404)."""
