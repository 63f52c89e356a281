package io.invertavatar.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers a bean only when this process plays the given role. Roles come from
 * {@code invertavatar.roles} (comma-separated, default {@code api,worker}): {@code api} serves HTTP,
 * {@code worker} consumes job queues. The same jar runs as either or both.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(RoleCondition.class)
public @interface ConditionalOnRole {
    String value();
}
