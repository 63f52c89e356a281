package io.invertavatar.jobs;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.invertavatar.config.ConditionalOnRole;

/**
 * In a worker process: one listener container per job type that has a handler, manual ack, prefetch 1,
 * {@code invertavatar.jobs.concurrency} consumers each.
 */
@Component
@ConditionalOnRole("worker")
public class JobWorkers implements SmartLifecycle {

    private final Map<JobType, SimpleMessageListenerContainer> containers = new EnumMap<>(JobType.class);
    private volatile boolean running;

    public JobWorkers(ConnectionFactory connectionFactory, JobHandlerRegistry handlers, JobExecutor executor,
                      JobTopology topology, JobsProperties props) {
        for (JobType type : handlers.all().keySet()) {
            SimpleMessageListenerContainer c = new SimpleMessageListenerContainer(connectionFactory);
            c.setQueueNames(topology.queue(type));
            c.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            c.setPrefetchCount(1);
            c.setConcurrentConsumers(props.concurrency());
            c.setDefaultRequeueRejected(true);
            c.setMissingQueuesFatal(false);
            c.setMessageListener((ChannelAwareMessageListener) executor::onMessage);
            c.setBeanName("worker-" + type.name().toLowerCase(java.util.Locale.ROOT));
            containers.put(type, c);
        }
    }

    /** The container of one job type (tests stop and start it to simulate a worker going away). */
    public SimpleMessageListenerContainer container(JobType type) {
        return containers.get(type);
    }

    @Override
    public void start() {
        containers.values().forEach(c -> {
            c.afterPropertiesSet();
            c.start();
        });
        running = true;
    }

    @Override
    public void stop() {
        containers.values().forEach(SimpleMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after everything else (the web server included), stop first
        return Integer.MAX_VALUE - 100;
    }
}
