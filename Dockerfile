# Aftermath in two stages, so `docker compose up --build` needs nothing but Docker on the host.

# 1. Build with the Maven wrapper in a JDK image. The pom is copied first so dependencies stay cached
#    while only the sources change.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -q dependency:resolve
COPY migrations/ migrations/
COPY src/main/ src/main/
RUN ./mvnw -B -ntp -q package -DskipTests

# 2. Run in a JRE image with the tools the shipped runbooks and backups call: pg_dump/pg_restore (client at
#    least as new as the server), rsync and ssh (spool transfer), Dovecot's sieve-filter (sieve refilter).
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client rsync openssh-client dovecot-core dovecot-sieve curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /srv/aftermath --shell /usr/sbin/nologin aftermath \
    && mkdir -p /srv/aftermath/runs /srv/aftermath/backups /srv/aftermath/runbooks /srv/aftermath/ssh \
    && chown -R aftermath:aftermath /srv/aftermath
WORKDIR /srv/aftermath
COPY --from=build /build/target/quarkus-app/ app/
USER aftermath
ENV AFTERMATH_RUNBOOKS_DIR=/srv/aftermath/runbooks \
    AFTERMATH_RUNS_DIR=/srv/aftermath/runs \
    AFTERMATH_BACKUP_DIR=/srv/aftermath/backups \
    JDK_JAVA_OPTIONS=-Xmx512m
EXPOSE 8080
CMD ["java", "-jar", "app/quarkus-run.jar"]
