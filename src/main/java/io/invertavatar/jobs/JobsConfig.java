package io.invertavatar.jobs;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class JobsConfig {

    /** Picked up by Spring AMQP's RabbitAdmin, which declares it on every (re)connection. */
    @Bean
    Declarables jobDeclarables(JobTopology topology) {
        return topology.declarables();
    }
}
