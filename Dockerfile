# Web page stage: vite writes the page into target/classes/static (see frontend/vite.config.ts); the README is
# read for the page's API tour.
FROM node:22-bookworm-slim AS web
WORKDIR /src
COPY README.md ./
COPY frontend frontend
RUN rm -rf frontend/node_modules && cd frontend && npm ci --no-audit --no-fund && npm run build

# Build stage: the jar without tests or the face-model fetch (models/ is copied as it is); the page comes from
# the web stage, so Maven skips its own Node steps.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY src src
COPY models models
COPY --from=web /src/target/classes/static target/classes/static
RUN mvn -B -q -DskipTests -Dfrontend.skip=true -DskipFaceModels=true package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/invertavatar-server-*.jar /app/app.jar
COPY models /app/models
# keep freed tensor memory in the process (docs/networks.md, "Native memory"); same value as the pom's
ENV GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
