# One image per service, built from the jar `./mvnw -DskipTests package` made:
#   docker build --build-arg SERVICE=auth-service -t parley/auth-service:0.1.0 .
# Layered (dependencies change less often than the application), non-root, read-only-root friendly (/tmp is
# the only path written), JVM sized from the container's memory limit. The runtime is Java 25 (an LTS line; compact
# object headers, docs/upgrading.md), the same Temurin build the tests run on; the jars' bytecode is Java 17.
ARG JRE_IMAGE=eclipse-temurin:25.0.3_9-jre-noble

FROM ${JRE_IMAGE} AS layers
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="parley-${SERVICE}" org.opencontainers.image.source="https://github.com/parley"
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 parley \
    && useradd --system --uid 10001 --gid parley --no-create-home --shell /usr/sbin/nologin parley
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
ENV PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=5 \
    CMD curl -fsS "http://localhost:${PORT}/livez" > /dev/null || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
