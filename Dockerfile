# ICS Watch service image. The scheduler runs crawls and digests; data lives in the /data volume.
# The tool is installed from a wheel like any user's: templates and the default config ship inside the
# package. The deployment's own files (ics_sources.yaml, recipients.yaml, relevance.yaml, written by
# `icswatch init`) are read at run time from /config, mounted from ./config (ICSWATCH_CONFIG): an edit
# there needs a restart, never a rebuild. .dockerignore keeps config/recipients.yaml out of the image.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 ICSWATCH_DATA=/data ICSWATCH_CONFIG=/config
WORKDIR /src
COPY pyproject.toml README.md ./
COPY monitor ./monitor
COPY store ./store
COPY crawler ./crawler
COPY templates ./templates
COPY config ./config
RUN pip install --no-cache-dir '.[postgres]' && rm -rf /src
WORKDIR /home/icswatch
# an empty /config when nothing is mounted: every file then falls back to the shipped copy
RUN useradd --create-home icswatch && mkdir -p /data /config && chown icswatch /data
USER icswatch
VOLUME ["/data"]
ENTRYPOINT ["icswatch"]
CMD ["schedule"]
