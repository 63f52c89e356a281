package io.invertavatar.jobs;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.invertavatar.config.ConditionalOnRole;

/**
 * In each API process: receives job events from the fanout exchange (on a private, auto-deleted queue) and hands
 * them to whoever watches that job (the SSE endpoint). Every few seconds it also re-reads watched jobs from the
 * database, so a lost event only delays an update.
 */
@Component
@ConditionalOnRole("api")
public class JobEventHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobEventHub.class);

    private final Map<UUID, List<Consumer<JobEvent>>> watchers = new ConcurrentHashMap<>();
    private final Map<UUID, JobEvent> lastSeen = new ConcurrentHashMap<>();
    private final ConnectionFactory connectionFactory;
    private final AmqpAdmin admin;
    private final JobTopology topology;
    private final JobRepository jobs;
    private SimpleMessageListenerContainer container;

    public JobEventHub(ConnectionFactory connectionFactory, AmqpAdmin admin, JobTopology topology,
                       JobRepository jobs) {
        this.connectionFactory = connectionFactory;
        this.admin = admin;
        this.topology = topology;
        this.jobs = jobs;
    }

    /** Calls {@code listener} with every later event of the job; returns the handle that stops it. */
    public Runnable watch(UUID jobId, Consumer<JobEvent> listener) {
        watchers.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> watchers.computeIfPresent(jobId, (k, list) -> {
            list.remove(listener);
            if (list.isEmpty()) {
                lastSeen.remove(jobId);
                return null;
            }
            return list;
        });
    }

    void dispatch(JobEvent e) {
        JobEvent prev = lastSeen.get(e.jobId());
        if (prev != null && prev.equals(e)) {
            return;
        }
        List<Consumer<JobEvent>> list = watchers.get(e.jobId());
        if (list == null) {
            return;
        }
        lastSeen.put(e.jobId(), e);
        for (Consumer<JobEvent> c : list) {
            try {
                c.accept(e);
            } catch (RuntimeException ex) {
                log.debug("Job event watcher failed: {}", ex.getMessage());
            }
        }
    }

    @Scheduled(fixedDelay = 3000)
    public void refreshFromDatabase() {
        for (UUID id : List.copyOf(watchers.keySet())) {
            try {
                jobs.findById(id).map(JobEvent::of).ifPresent(this::dispatch);
            } catch (RuntimeException e) {
                log.debug("Job refresh failed: {}", e.getMessage());
            }
        }
    }

    private void onMessage(Message m) {
        try {
            dispatch(JobEventPublisher.JSON.readValue(m.getBody(), JobEvent.class));
        } catch (RuntimeException e) {
            log.debug("Unreadable job event dropped: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        Queue q = new AnonymousQueue();
        FanoutExchange ex = new FanoutExchange(topology.eventsExchange(), true, false);
        Binding b = BindingBuilder.bind(q).to(ex);
        container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueues(q);
        container.setAmqpAdmin(admin);
        container.setMissingQueuesFatal(false);
        container.setMessageListener(this::onMessage);
        // declare on every (re)connection, so a broker restart restores the private queue and its binding
        connectionFactory.addConnectionListener(c -> {
            try {
                admin.declareExchange(ex);
                admin.declareQueue(q);
                admin.declareBinding(b);
            } catch (RuntimeException e) {
                log.debug("Event queue redeclare failed: {}", e.getMessage());
            }
        });
        container.start();
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return container != null && container.isRunning();
    }
}
