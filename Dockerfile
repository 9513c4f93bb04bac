# The production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm

# WeasyPrint's libraries and the Noto fonts for the six UN languages (Arabic, CJK, Cyrillic).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig \
      fonts-noto-core fonts-noto-cjk curl \
      postgresql-client \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    MEDIA_ROOT=/srv/gcm/media STATIC_ROOT=/srv/gcm/static

RUN useradd --system --create-home --home-dir /srv/gcm gcm
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
# collectstatic needs a key to import the settings; this one is thrown away with the layer.
RUN SECRET_KEY=build-only-thrown-away-with-the-layer-Vq8Rz3Lm6Tx1Wk5Hn9 DEBUG=0 \
    python manage.py collectstatic --noinput --verbosity 0 \
 && SECRET_KEY=build-only-thrown-away-with-the-layer-Vq8Rz3Lm6Tx1Wk5Hn9 \
    python manage.py compilemessages --verbosity 0 \
 && mkdir -p /srv/gcm/media && chown -R gcm /srv/gcm
USER gcm
EXPOSE 8000
CMD ["gunicorn", "gcm_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
