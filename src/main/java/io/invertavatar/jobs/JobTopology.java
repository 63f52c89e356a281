package io.invertavatar.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.stereotype.Component;

/**
 * Names and declarations of everything on the broker. A direct exchange routes each job type (routing key =
 * the type's name) to its own durable queue; a second direct exchange feeds one dead-letter queue per type; a
 * fanout exchange carries job events to every API process. Dead-lettering is done by the worker publishing
 * explicitly (with confirms), not by broker arguments, so the same topology works on RabbitMQ and Qpid.
 */
@Component
public class JobTopology {

    private final JobsProperties props;

    public JobTopology(JobsProperties props) {
        this.props = props;
    }

    public String jobsExchange() {
        return props.queuePrefix() + "invertavatar.jobs";
    }

    public String deadLetterExchange() {
        return props.queuePrefix() + "invertavatar.jobs.dlx";
    }

    public String eventsExchange() {
        return props.queuePrefix() + "invertavatar.events";
    }

    public String queue(JobType type) {
        return props.queuePrefix() + type.queueName();
    }

    public String deadLetterQueue(JobType type) {
        return queue(type) + ".dlq";
    }

    public String routingKey(JobType type) {
        return type.name();
    }

    Declarables declarables() {
        List<Declarable> all = new ArrayList<>();
        DirectExchange jobs = new DirectExchange(jobsExchange(), true, false);
        DirectExchange dlx = new DirectExchange(deadLetterExchange(), true, false);
        all.add(jobs);
        all.add(dlx);
        all.add(new FanoutExchange(eventsExchange(), true, false));
        Map<String, Object> args = new HashMap<>();
        if (props.queueExpires() != null && !props.queueExpires().isZero()) {
            args.put("x-expires", props.queueExpires().toMillis());
        }
        for (JobType type : JobType.values()) {
            Queue q = new Queue(queue(type), true, false, false, new HashMap<>(args));
            Queue dlq = new Queue(deadLetterQueue(type), true, false, false, new HashMap<>(args));
            Binding b = BindingBuilder.bind(q).to(jobs).with(routingKey(type));
            Binding db = BindingBuilder.bind(dlq).to(dlx).with(routingKey(type));
            all.add(q);
            all.add(dlq);
            all.add(b);
            all.add(db);
        }
        return new Declarables(all);
    }
}
