#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /healthz on the admin port, healthy on a 200. Plain bash (/dev/tcp)
# because the JRE base image has no curl, and a JVM per check would cost far more than the check.
set -u
port="${SHADOWGATE_ADMIN_PORT:-9090}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
exec 3<&-
[[ "$status" == "HTTP/1.1 200"* ]]
