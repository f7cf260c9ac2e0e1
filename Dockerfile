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
# gcc builds the PDF fast path (monitor/extract/_scan.c) and is removed again: without it the image
# would install fine and read every page with pdfminer alone, several times slower
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && pip install --no-cache-dir '.[postgres]' \
    && apt-get purge -y gcc libc6-dev && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* /src
WORKDIR /home/icswatch
# an empty /config when nothing is mounted: every file then falls back to the shipped copy
RUN useradd --create-home icswatch && mkdir -p /data /config && chown icswatch /data
USER icswatch
VOLUME ["/data"]
ENTRYPOINT ["icswatch"]
CMD ["schedule"]
