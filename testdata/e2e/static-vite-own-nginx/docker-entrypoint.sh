#!/bin/sh
# The app's own entrypoint: writes a runtime file, then runs the command.
set -e
echo "written by docker-entrypoint.sh as uid $(id -u)" > /tmp/runtime-config.txt
exec "$@"
