package org.bftee.ra;

/** Factories for tests: a managed connection factory with every required property set. */
final class TestFactories {

    private TestFactories() {
    }

    static BftManagedConnectionFactory configured() {
        BftManagedConnectionFactory factory = new BftManagedConnectionFactory();
        factory.setGroupFile("/etc/bft/group.conf");
        factory.setClientKeyFile("/etc/bft/client-7.key");
        return factory;
    }
}
