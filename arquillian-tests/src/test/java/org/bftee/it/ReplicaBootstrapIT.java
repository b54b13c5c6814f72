package org.bftee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJB;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.bftee.it.support.BuiltArtifacts;
import org.bftee.it.support.JBossCli;
import org.bftee.it.support.TestGroupFiles;
import org.bftee.it.support.WildFlyServer;
import org.bftee.replica.ReplicaBootstrap;
import org.bftee.replica.ReplicaSettings;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replica EAR on its own server: {@code configure-replica.cli} sets the replica's identity and
 * deploys the built EAR, whose startup singleton must come up with that identity, run the replica
 * (alone: its peers are not started here) and show it as an MXBean until it is undeployed.
 *
 * <p>The singleton is inspected from a small probe WAR that holds this test and reaches the EAR's
 * EJB module and libraries through module dependencies; the EAR itself is deployed as built.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaBootstrapIT {

    private static final String PROBE = "replica-probe";
    private static final int REPLICA_ID = 0;
    private static final WildFlyServer SERVER = WildFlyServer.replica(REPLICA_ID);
    /** What the probe expects, written into it on the client side where the test knows the paths. */
    private static final String EXPECTED = "expected-replica.properties";

    @EJB(lookup = "java:global/bft-replica/bft-replica-ejb/ReplicaBootstrap!org.bftee.replica.ReplicaBootstrap")
    private ReplicaBootstrap bootstrap;

    @Deployment(name = PROBE, managed = false)
    @TargetsContainer("replica-0")
    static WebArchive probe() throws IOException {
        TestGroupFiles files = TestGroupFiles.location();
        return ShrinkWrap.create(WebArchive.class, PROBE + ".war")
                .addClass(ReplicaBootstrapIT.class)
                .addPackage(WildFlyServer.class.getPackage())
                .addAsResource(new StringAsset("replicaId=" + REPLICA_ID
                        + "\ngroupId=" + TestGroupFiles.GROUP_ID
                        + "\nn=" + (3 * TestGroupFiles.F + 1)
                        + "\ngroupFile=" + files.groupFile().toAbsolutePath() + "\n"), EXPECTED)
                .addAsWebInfResource(new StringAsset("""
                        <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
                            <deployment>
                                <dependencies>
                                    <module name="deployment.bft-replica.ear"/>
                                    <module name="deployment.bft-replica.ear.bft-replica-ejb.jar"/>
                                </dependencies>
                            </deployment>
                        </jboss-deployment-structure>
                        """), "jboss-deployment-structure.xml");
    }

    @Test
    @Order(1)
    @RunAsClient
    void startServerAndDeployTheReplica(@ArquillianResource ContainerController controller,
            @ArquillianResource Deployer deployer) throws Exception {
        SERVER.startFresh(controller);
        TestGroupFiles files = TestGroupFiles.write();
        JBossCli.run(SERVER, "configure-replica.cli", Map.of(
                "bft.replica.archive", BuiltArtifacts.replicaEar().toString(),
                "bft.replica.id", String.valueOf(REPLICA_ID),
                "bft.group.file", files.groupFile().toString(),
                "bft.replica.key.file", files.replicaKeyFile(REPLICA_ID).toString()));
        deployer.deploy(PROBE);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(PROBE)
    void theReplicaStartedWithTheConfiguredIdentity() throws IOException {
        Properties expected = new Properties();
        try (InputStream in = ReplicaBootstrapIT.class.getClassLoader().getResourceAsStream(EXPECTED)) {
            expected.load(in);
        }

        ReplicaSettings settings = bootstrap.settings();

        assertEquals(Integer.parseInt(expected.getProperty("replicaId")), settings.replicaId());
        assertEquals(Path.of(expected.getProperty("groupFile")), settings.groupFile().toAbsolutePath());
        assertEquals(Integer.parseInt(expected.getProperty("groupId")), settings.group().groupId());
        assertEquals(Integer.parseInt(expected.getProperty("n")), settings.group().n());
        assertEquals(settings.replicaId(), bootstrap.replicaId());
    }

    @Test
    @Order(3)
    @OperateOnDeployment(PROBE)
    void theRunningReplicaShowsItsStateAsAnMXBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("org.bftee:type=Replica,replica=" + REPLICA_ID);

        assertEquals(name, bootstrap.managementName());
        assertTrue(server.isRegistered(name), name + " is registered");
        assertEquals(true, server.getAttribute(name, "Running"));
        assertEquals(0L, server.getAttribute(name, "View"));
        assertEquals("shipped", server.getAttribute(name, "Service"));
    }

    @Test
    @Order(99)
    @RunAsClient
    void undeployingStopsTheReplica(@ArquillianResource ContainerController controller,
            @ArquillianResource Deployer deployer) throws Exception {
        try {
            if (!controller.isStarted(SERVER.qualifier())) {
                return;
            }
            deployer.undeploy(PROBE);
            JBossCli.run(SERVER, "restore-replica.cli", Map.of());
            String log = SERVER.readServerLog();
            assertTrue(log.contains("BFT replica " + REPLICA_ID + " of group " + TestGroupFiles.GROUP_ID), "start logged");
            assertTrue(log.contains("BFT replica " + REPLICA_ID + " stopped"), "@PreDestroy logged the stop");
            assertTrue(log.contains("management bean org.bftee:type=Replica,replica=" + REPLICA_ID + " unregistered"),
                    "the MXBean was unregistered");
        } finally {
            SERVER.stop(controller);
        }
    }
}
