package org.bftee.it.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code wildfly-config/src/main/cli} against a test server with the provisioned
 * server's own {@code bin/jboss-cli.sh}, exactly as an operator would.
 *
 * <p>The properties file and the CLI's output are kept in {@code target/servers/cli/}, named after the
 * server and the script, so that a failure can be investigated after the run.
 */
public final class JBossCli {

    /** Upper bound for one script, including the CLI's own start. */
    private static final long SCRIPT_TIMEOUT_SECONDS = 180;

    private JBossCli() {
    }

    /**
     * @param server the running server to connect to
     * @param script file name of the script in {@code wildfly-config/src/main/cli}
     * @param properties the script's parameters, passed with {@code --properties}
     * @throws IllegalStateException with the CLI's output if the script fails or times out
     */
    public static void run(WildFlyServer server, String script, Map<String, String> properties)
            throws IOException, InterruptedException {
        Path workDir = Files.createDirectories(TestEnvironment.serversDir().resolve("cli"));
        String name = server.qualifier() + "-" + script.replaceFirst("\\.cli$", "");
        Path propertiesFile = writeProperties(workDir.resolve(name + ".properties"), properties);
        Path output = workDir.resolve(name + ".log");
        Path wildflyHome = TestEnvironment.wildflyHome();

        ProcessBuilder builder = new ProcessBuilder(List.of(
                wildflyHome.resolve("bin").resolve("jboss-cli.sh").toString(),
                "--connect",
                "--controller=" + server.controllerUrl(),
                "--resolve-parameter-values",
                "--properties=" + propertiesFile,
                "--file=" + TestEnvironment.cliDir().resolve(script)))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JBOSS_HOME", wildflyHome.toString());

        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // jboss-cli.sh runs the CLI's JVM as a child process: end it too.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(script + " on server " + server + " did not finish within "
                    + SCRIPT_TIMEOUT_SECONDS + " s; output:\n" + Files.readString(output));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " on server " + server + " failed with exit code "
                    + process.exitValue() + "; output:\n" + Files.readString(output));
        }
    }

    private static Path writeProperties(Path file, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "parameters of the CLI script");
        }
        return file;
    }
}
