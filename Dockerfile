# Bouwplaats production image: one image for web, worker, beat and the migrate step
# (docs/admin/installation.md). Build: docker build -t bouwplaats .

# --- builder: the requirements into a virtualenv ---------------------------------------------------
FROM python:3.11-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements/base.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --upgrade pip && /opt/venv/bin/pip install -r /tmp/requirements.txt

# --- final: slim, without compilers, as a user without privileges -------------------------------
FROM python:3.11-slim-bookworm
# WeasyPrint (the PDF reports) needs Pango; the PostgreSQL client tools make and restore backups.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system bouwplaats && useradd --system --gid bouwplaats --home-dir /app --shell /usr/sbin/nologin bouwplaats
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app/src \
    DJANGO_SETTINGS_MODULE=bouwplaats.conf.production \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    CELERY_BEAT_SCHEDULE_FILENAME=/app/var/celerybeat-schedule \
    BIND=0.0.0.0:8000
WORKDIR /app
COPY manage.py pyproject.toml Procfile ./
COPY bin/ bin/
COPY data/ data/
COPY src/ src/
# The translations and the static files are part of the image. Production settings refuse to load
# without a secret key and a broker, so this step gets throwaway ones that the image does not keep.
RUN python bin/compile_messages.py \
    && SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
       CELERY_BROKER_URL=redis://build-only:6379/0 \
       python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/var/media \
    && chown -R bouwplaats:bouwplaats /app/var
USER bouwplaats
EXPOSE 8000
VOLUME ["/app/var/media"]
ENTRYPOINT ["bin/entrypoint"]
CMD ["web"]
