# ICS Watch service image. The scheduler runs crawls and digests; data lives in the /data volume.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    ICSWATCH_DATA=/data ICSWATCH_SOURCES=/config/ics_sources.yaml ICSWATCH_RECIPIENTS=/config/recipients.yaml
WORKDIR /app
# installed in place, so config/ (relevance rules) and templates/ stay beside the code that reads them
COPY pyproject.toml README.md ./
COPY monitor ./monitor
COPY store ./store
COPY crawler ./crawler
COPY templates ./templates
COPY config ./config
RUN pip install --no-cache-dir -e '.[postgres]'
COPY config /config
RUN useradd --create-home icswatch && mkdir -p /data && chown icswatch /data
USER icswatch
VOLUME ["/data"]
ENTRYPOINT ["icswatch"]
CMD ["schedule"]
