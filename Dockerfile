# Build stage: the jar without tests, the web page or the face-model fetch (models/ is copied as it is).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY src src
COPY models models
RUN mvn -B -q -DskipTests -Dfrontend.skip=true -DskipFaceModels=true package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/invertavatar-server-*.jar /app/app.jar
COPY models /app/models
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
