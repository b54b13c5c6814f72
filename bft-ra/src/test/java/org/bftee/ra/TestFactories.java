package org.bftee.ra;

/** Factories for tests: a managed connection factory with every required property set. */
final class TestFactories {

    static final int CLIENT_ID = 1007;

    private TestFactories() {
    }

    /** Files that need not exist: for tests that never read them. */
    static BftManagedConnectionFactory configured() {
        BftManagedConnectionFactory factory = new BftManagedConnectionFactory();
        factory.setGroupFile("/etc/bft/group.conf");
        factory.setClientKeyFile("/etc/bft/client-7.key");
        factory.setClientId(CLIENT_ID);
        return factory;
    }
}
