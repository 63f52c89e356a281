package io.invertavatar.security;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.util.List;

/** The first key of a deployment comes from the command line: {@code --create-key NAME [--admin]}. */
@Component
public class CreateKeyRunner implements ApplicationRunner {

    private final ApiKeyService keys;
    private final ApplicationContext context;

    public CreateKeyRunner(ApiKeyService keys, ApplicationContext context) {
        this.keys = keys;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(CreateKeyModeEnvironment.OPTION)) {
            return;
        }
        // both "--create-key=NAME" and "--create-key NAME" (Spring sees the latter as a flag plus a plain argument)
        List<String> names = args.getOptionValues(CreateKeyModeEnvironment.OPTION);
        String name = names == null || names.isEmpty() || names.get(0).isBlank()
                ? (args.getNonOptionArgs().isEmpty() ? "" : args.getNonOptionArgs().get(0)) : names.get(0);
        if (name.isBlank()) {
            System.err.println("usage: --create-key NAME [--admin]");
            System.exit(SpringApplication.exit(context, () -> 2));
            return;
        }
        Role role = args.containsOption("admin") ? Role.ADMIN : Role.USER;
        ApiKeyService.CreatedKey k = keys.create(name, role, null);
        // the only place the token is ever shown; never logged
        System.out.println("Created " + role.name().toLowerCase() + " key '" + k.key().getName() + "' for owner "
                + k.key().getOwnerId() + ". Store it now, it is not shown again:");
        System.out.println(k.token());
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
