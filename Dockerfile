# shadowgate container image.
#   docker build -t shadowgate .
#   docker run -e MODEL_URL=... -e CANDIDATE_URL=... -p 8080:8080 -p 9090:9090 shadowgate
# docker-compose.yaml beside this file runs it with two sample models, Prometheus and Grafana.
# docker/check-build.sh runs this file's build steps by hand, without Docker.

# --- build: Maven and the JDK make the shaded jar. Tests run in CI (.ci/run), not in the image build.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
# Dependencies and plugins in their own layer: a source change does not download them again.
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

# --- run: a JRE only, as a user without privileges.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 shadowgate \
 && useradd --system --uid 10001 --gid shadowgate --home-dir /var/lib/shadowgate --shell /usr/sbin/nologin shadowgate \
 && mkdir -p /var/lib/shadowgate /etc/shadowgate \
 && chown shadowgate:shadowgate /var/lib/shadowgate
COPY --from=build /build/target/shadowgate.jar /opt/shadowgate/shadowgate.jar
COPY docker/healthcheck.sh /opt/shadowgate/healthcheck.sh
COPY config/container.yaml /etc/shadowgate/shadowgate.yaml

# Sized by the container's memory limit, not the host's: 75% of it for the heap leaves room for
# Netty's direct buffers, metaspace and threads. Exit on OutOfMemoryError so the orchestrator
# restarts a clean process instead of keeping a broken one.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC" \
    SHADOWGATE_PORT=8080 \
    SHADOWGATE_ADMIN_PORT=9090

# The state file and the audit log (rollout.stateFile, rollout.auditLog) live here.
VOLUME /var/lib/shadowgate
WORKDIR /var/lib/shadowgate
USER 10001:10001
# Proxy (clients send scoring requests here) and admin (/healthz, /readyz, /metrics, /status, rollout commands).
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["/opt/shadowgate/healthcheck.sh"]

# exec: java is PID 1 and gets SIGTERM itself, so the gateway drains (server.drainTimeout) and exits 0.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /opt/shadowgate/shadowgate.jar \"$@\"", "shadowgate"]
CMD ["run", "--config", "/etc/shadowgate/shadowgate.yaml"]
