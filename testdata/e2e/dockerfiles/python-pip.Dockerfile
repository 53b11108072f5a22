# syntax=docker/dockerfile:1

# Build stage: install dependencies into a virtualenv that the final stage copies.
FROM python:3.13-slim-trixie AS build
WORKDIR /app
RUN python -m venv /opt/venv
COPY requirements.txt constraints.txt ./
COPY requirements/base.txt requirements/
RUN --mount=type=cache,target=/root/.cache/pip \
    /opt/venv/bin/pip install -r requirements.txt

# Final stage: the virtualenv and the source, run as an unprivileged user.
FROM python:3.13-slim-trixie
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/opt/venv/bin:$PATH"
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY . .
USER app
EXPOSE 8000
ENV PORT=8000
CMD ["sh", "-c", "exec python app.py --port $PORT"]
