package io.invertavatar.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Backs {@link ConditionalOnRole}. */
final class RoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attrs = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        String wanted = String.valueOf(attrs.get("value")).toLowerCase(Locale.ROOT);
        return hasRole(context.getEnvironment().getProperty("invertavatar.roles", "api,worker"), wanted);
    }

    static boolean hasRole(String roles, String wanted) {
        return Arrays.stream(roles.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .anyMatch(wanted::equals);
    }
}
