package org.bftee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.resource.spi.IllegalStateException;
import java.util.Map;
import java.util.Optional;
import org.bftee.it.support.BuiltArtifacts;
import org.bftee.it.support.JBossCli;
import org.bftee.it.support.TestGroupFiles;
import org.bftee.it.support.TestReplicas;
import org.bftee.it.support.WildFlyServer;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.sample.BankBean;
import org.bftee.sample.BftPingBean;
import org.bftee.sample.KeyValueBean;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The resource adapter in an application server: the built RAR, configured by
 * {@code configure-bft-ra.cli}, serves the built sample application, whose beans reach a group of
 * four replicas running in the test JVM ({@link TestReplicas}) over loopback.
 *
 * <p>The first and last tests run on the client side and drive the server and the group: start
 * them, configure and deploy, then undeploy, restore and stop. The last one stops the server and the
 * replicas whatever happened before. The tests between run inside the server, in the sample WAR.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourceAdapterIT {

    private static final String SAMPLE = "sample";
    private static final WildFlyServer SERVER = WildFlyServer.CLIENT;

    /** Started by the first test, stopped by the last; lives in the test JVM, not in the server. */
    private static TestReplicas replicas;
    private static TestGroupFiles files;
    private static boolean sampleDeployed;

    @EJB
    private BftPingBean pingBean;

    @EJB
    private KeyValueBean keyValue;

    @EJB
    private BankBean bank;

    @Resource(lookup = "java:/eis/bft")
    private BftConnectionFactory connectionFactory;

    @Deployment(name = SAMPLE, managed = false)
    @TargetsContainer("client")
    static WebArchive sample() {
        return BuiltArtifacts.sampleWar()
                .addClass(ResourceAdapterIT.class)
                .addPackage(WildFlyServer.class.getPackage());
    }

    @Test
    @Order(1)
    @RunAsClient
    void startServerConfigureAdapterAndDeploySample(@ArquillianResource ContainerController controller,
            @ArquillianResource Deployer deployer) throws Exception {
        files = TestGroupFiles.write();
        replicas = TestReplicas.start(files);
        SERVER.startFresh(controller);
        JBossCli.run(SERVER, "configure-bft-ra.cli", adapterProperties(files.clientKeyFile().toString()));
        deployer.deploy(SAMPLE);
        sampleDeployed = true;
    }

    private static Map<String, String> adapterProperties(String clientKeyFile) {
        return Map.of(
                "bft.ra.archive", BuiltArtifacts.resourceAdapter().toString(),
                "bft.group.file", files.groupFile().toString(),
                "bft.client.key.file", clientKeyFile,
                "bft.client.id", String.valueOf(TestGroupFiles.CLIENT_ID),
                "bft.invoke.timeout.millis", "20000");
    }

    @Test
    @Order(2)
    @OperateOnDeployment(SAMPLE)
    void theSampleBeanOpensAndClosesAConnection() throws Exception {
        pingBean.openAndClose();
    }

    @Test
    @Order(3)
    @OperateOnDeployment(SAMPLE)
    void aClosedConnectionRefusesInvocations() throws Exception {
        assertNotNull(connectionFactory, "java:/eis/bft is bound");
        BftConnection connection = connectionFactory.getConnection();
        connection.close();

        assertThrows(IllegalStateException.class, () -> connection.invoke(new byte[] {1}));
    }

    @Test
    @Order(4)
    @OperateOnDeployment(SAMPLE)
    void anEnterpriseBeanWritesAndReadsTheReplicatedKeyValueStore() throws Exception {
        keyValue.put("greeting", "hello");
        assertEquals(Optional.of("hello"), keyValue.get("greeting"));

        assertFalse(keyValue.compareAndSet("greeting", "bonjour", "hi"), "another value is there");
        assertTrue(keyValue.compareAndSet("greeting", "hello", "hi"));
        assertTrue(keyValue.delete("greeting"));
        assertEquals(Optional.empty(), keyValue.get("greeting"));
    }

    @Test
    @Order(5)
    @OperateOnDeployment(SAMPLE)
    void theLedgerMovesMoneyAndRefusesAnOverdraftWithItsReason() throws Exception {
        bank.open(1);
        bank.open(2);
        bank.deposit(1, 100);
        assertEquals(70, bank.transfer(1, 2, 30));

        BftOperationRejectedException refused = assertThrows(BftOperationRejectedException.class,
                () -> bank.transfer(1, 2, 71));
        assertEquals("INSUFFICIENT_FUNDS", refused.resultName());
        assertEquals(70, bank.balance(1));
        assertEquals(30, bank.balance(2));
        assertEquals(100, bank.total());
    }

    @Test
    @Order(6)
    @OperateOnDeployment(SAMPLE)
    void aContainerTransactionAppliesBothTransfersAtCommitOrNeither() throws Exception {
        bank.transferBoth(1, 2, 10, 2, 1, 5);
        assertEquals(65, bank.balance(1));
        assertEquals(35, bank.balance(2));

        // The second transfer would overdraw account 2: the replicas abort the whole at commit.
        assertThrows(Exception.class, () -> bank.transferBoth(1, 2, 10, 2, 1, 1_000));
        assertEquals(65, bank.balance(1), "the first transfer was not applied either");
        assertEquals(35, bank.balance(2));
    }

    @Test
    @Order(7)
    @OperateOnDeployment(SAMPLE)
    void everyConnectionWasGivenBack() throws Exception {
        // The pool hands out closed-and-returned managed connections again; a leaked handle would make
        // the connection manager log IJ000100 ("Closing a connection for you").
        for (int i = 0; i < 50; i++) {
            pingBean.openAndClose();
        }
    }

    @Test
    @Order(8)
    @RunAsClient
    void anAdapterGivenAnotherPrincipalsKeyFailsToDeployNamingThePropertyAndTheFile(
            @ArquillianResource Deployer deployer) throws Exception {
        deployer.undeploy(SAMPLE);
        sampleDeployed = false;
        JBossCli.run(SERVER, "restore-bft-ra.cli", Map.of());
        String wrongKey = files.replicaKeyFile(0).toString();

        java.lang.IllegalStateException deploymentFailed = assertThrows(java.lang.IllegalStateException.class,
                () -> JBossCli.run(SERVER, "configure-bft-ra.cli", adapterProperties(wrongKey)));

        String expected = "clientKeyFile: " + wrongKey + ": principal: the file holds the keys of replica-0,"
                + " expected client-" + TestGroupFiles.CLIENT_ID;
        assertTrue(deploymentFailed.getMessage().contains(expected), deploymentFailed.getMessage());
        assertTrue(SERVER.readServerLog().contains(expected), "the server log says it too");
        JBossCli.run(SERVER, "restore-bft-ra.cli", Map.of());
    }

    @Test
    @Order(99)
    @RunAsClient
    void undeployRestoreAndStop(@ArquillianResource ContainerController controller,
            @ArquillianResource Deployer deployer) throws Exception {
        try {
            if (!controller.isStarted(SERVER.qualifier())) {
                return;
            }
            if (sampleDeployed) {
                deployer.undeploy(SAMPLE);
            }
            JBossCli.run(SERVER, "restore-bft-ra.cli", Map.of());
            String log = SERVER.readServerLog();
            assertFalse(log.contains("IJ000100"), "a connection handle was left open and closed by the server");
            assertTrue(log.contains("BFT resource adapter") && log.contains("stopped"), "the adapter stopped");
        } finally {
            try {
                SERVER.stop(controller);
            } finally {
                if (replicas != null) {
                    replicas.close();
                }
            }
        }
    }
}
