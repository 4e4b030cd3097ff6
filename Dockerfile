# fingate: the GraphQL gateway, serving its embedded sandboxes unless FINGATE_* settings
# point it at real providers (see README.md).
FROM python:3.11.14-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FINGATE_DATA_DIR=/var/lib/fingate

WORKDIR /app

# Dependencies in their own layer: it changes only when requirements.txt does.
COPY requirements.txt ./
RUN pip install --no-compile -r requirements.txt

COPY pyproject.toml README.md ./
COPY gateway ./gateway
COPY resolvers ./resolvers
COPY sandbox ./sandbox
COPY schema ./schema
RUN pip install --no-deps --no-compile . \
    && groupadd --system --gid 10001 fingate \
    && useradd --system --uid 10001 --gid fingate --no-create-home --home-dir /nonexistent fingate \
    && mkdir -p /var/lib/fingate \
    && chown fingate:fingate /var/lib/fingate \
    && chmod 0700 /var/lib/fingate

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]

CMD ["fingate", "serve", "--host", "0.0.0.0"]
