package io.invertavatar.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends job events to the fanout exchange, fire-and-forget: an event is a hint for live pages, the database
 * stays the truth (the SSE hub also re-reads it periodically), so a lost event costs a little latency only.
 */
@Component
public class JobEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;
    private final JobTopology topology;

    public JobEventPublisher(RabbitTemplate rabbit, JobTopology topology) {
        this.rabbit = rabbit;
        this.topology = topology;
    }

    public void publish(Job job) {
        publish(JobEvent.of(job));
    }

    public void publish(JobEvent event) {
        try {
            rabbit.send(topology.eventsExchange(), "", MessageBuilder.withBody(JSON.writeValueAsBytes(event))
                    .setContentType("application/json")
                    .setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT)
                    .build());
        } catch (RuntimeException e) {
            log.debug("Job event not sent: {}", e.getMessage());
        }
    }
}
