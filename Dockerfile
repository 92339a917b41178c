# Netwerk: one image for the web server (gunicorn), the Celery worker, Celery beat and the
# one-shot migrate service of docker-compose.yml. See docs/operations.md.
#
# No secret is baked in: DJANGO_SECRET_KEY, the database URL and the rest arrive at run time
# (compose secrets and environment). The only key used here is a throwaway one that lets
# settings.py load for collectstatic.

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# A system user without a login shell owns nothing but the two writable folders below.
RUN groupadd --system --gid 10001 netwerk \
 && useradd --system --uid 10001 --gid netwerk --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin netwerk

WORKDIR /app

# Dependencies first, in their own layer, so that a code change does not reinstall them.
# They are exactly the [project] dependencies of pyproject.toml (no dev extras). The project
# itself is not installed into site-packages: a wheel of it would hold the Python packages
# but not templates/, static/ and locale/, and settings.BASE_DIR would point into
# site-packages. The code runs from /app instead (PYTHONPATH below).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
 && pip install --requirement /tmp/requirements.txt \
 && rm /tmp/requirements.txt

COPY . .

# Paths the settings read; the same at build time (collectstatic) and at run time.
ENV PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=netwerk.settings \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    NETWERK_VAR_DIR=/app/var

# The compiled catalogues are committed (no gettext in the image); fail the build if not.
# collectstatic runs with DEBUG off so that whitenoise's CompressedManifestStaticFilesStorage
# writes the hashed, compressed files and their manifest. The key is build-only: settings.py
# refuses to load without one of 50+ characters, and nothing signed with it outlives this
# step.
RUN test -f locale/nl/LC_MESSAGES/django.mo \
 && DJANGO_DEBUG=false \
    DJANGO_SECRET_KEY=build-only-collectstatic-key-never-used-at-run-time-0123456789abcdef \
    python manage.py collectstatic --noinput --verbosity 0 \
 && python -m compileall -q -j 0 /app \
 && mkdir -p /app/var \
 && chown netwerk:netwerk /app/var

USER netwerk

EXPOSE 8000

CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "netwerk.wsgi:application"]
