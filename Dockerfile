# Production image: gunicorn with threaded workers, a non-root user, migrations on start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    MARKETPLACE_ENV=production FLASK_APP=marketplace:create_app \
    INSTANCE_PATH=/app/instance

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY marketplace ./marketplace
# Editable, so the app finds templates/, static/ and migrations/ beside the package.
RUN pip install --no-cache-dir -c constraints.txt -e .

COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY gunicorn.conf.py ./

RUN useradd --create-home --uid 10001 marketplace \
    && mkdir -p /app/instance && chown marketplace /app/instance
USER marketplace

EXPOSE 8000
# This is the web process. The same image also runs the second process, the worker (emails and scheduled
# jobs; see the README's "What the worker does"): start one or more containers of it with the command
#   flask worker
# beside the web containers. Several worker nodes share one queue when WORKER_REDIS_URL is set (each job
# still runs once per tick); without it each container keeps its queue in /app/instance (one node only).
CMD ["sh", "-c", "flask db upgrade && flask seed && exec gunicorn --config gunicorn.conf.py 'marketplace:create_app()'"]
