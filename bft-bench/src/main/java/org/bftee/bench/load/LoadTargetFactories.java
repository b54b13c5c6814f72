package org.bftee.bench.load;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The targets the command line knows, by name. {@link #standard()} is the list {@link LoadMain}
 * uses; a transport adds its target there with one {@link #register} call.
 */
public final class LoadTargetFactories {

    /** Ceiling on the echo delay, so that a slip of the finger does not stall the tool. */
    public static final long ECHO_DELAY_MICROS_MAX = 10_000_000;

    private final Map<String, TargetProvider> providers = new LinkedHashMap<>();

    /**
     * The targets of the tool: {@code echo} (in memory, for trying the tool without replicas),
     * {@code local} (a BFT-EE group started in this process, over Netty on loopback) and
     * {@code unreplicated} (the n = 1 baseline, the same server code without agreement).
     */
    public static LoadTargetFactories standard() {
        return new LoadTargetFactories().register("echo", echo()).register("local", LocalGroupTarget.provider())
                .register("unreplicated", LocalBaselineTarget.provider());
    }

    /** Adds {@code provider} under {@code name}; refuses a taken name or an option outside its name. */
    public LoadTargetFactories register(String name, TargetProvider provider) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a target name is lower case letters, digits and dashes, got '" + name
                    + "'");
        }
        if (providers.containsKey(name)) {
            throw new IllegalArgumentException("a target named " + name + " is already registered");
        }
        for (String option : provider.options().keySet()) {
            if (!option.startsWith(name + "-")) {
                throw new IllegalArgumentException("option --" + option + " of target " + name + " does not start with '"
                        + name + "-'");
            }
        }
        providers.put(name, provider);
        return this;
    }

    public Optional<TargetProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public Map<String, TargetProvider> providers() {
        return Collections.unmodifiableMap(providers);
    }

    /** The target whose option {@code option} is, if any. */
    Optional<String> ownerOf(String option) {
        return providers.entrySet().stream().filter(entry -> entry.getValue().options().containsKey(option))
                .map(Map.Entry::getKey).findFirst();
    }

    private static TargetProvider echo() {
        return TargetProvider.of("in memory: answers each operation with itself, after --echo-delay-micros",
                Map.of("echo-delay-micros", "delay before each answer, in microseconds (default 0: at once)"),
                options -> EchoTarget.factory(
                        Duration.ofNanos(options.number("echo-delay-micros", 0, 0, ECHO_DELAY_MICROS_MAX) * 1000)));
    }
}
