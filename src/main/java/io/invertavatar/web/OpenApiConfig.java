package io.invertavatar.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI invertAvatarOpenApi() {
        return new OpenAPI().info(new Info().title("invertavatar-server API").version("v1")
                .description("Photos or a video of a person in, an animatable 3D head avatar out. Work is queued: "
                        + "uploads answer 202 with a job to follow (GET, or Server-Sent Events). Every error is "
                        + "application/problem+json with a stable 'code'."));
    }
}
