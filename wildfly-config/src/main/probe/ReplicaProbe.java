import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Prints attributes of one MBean of a WildFly server on one line, for {@code bft-cluster status}:
 * {@code java -cp $JBOSS_HOME/bin/client/jboss-client.jar ReplicaProbe.java JMX_URL OBJECT_NAME [ATTRIBUTE...]}
 * (the named attributes in that order, or all of them),
 * where JMX_URL is the server's management interface, {@code service:jmx:remote+http://127.0.0.1:PORT}.
 * It connects as jboss-cli does, with WildFly's local authentication (same user, same machine), so
 * it needs no password and opens no port of its own. Per-reason counters print only their non-zero
 * entries.
 */
public final class ReplicaProbe {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java -cp jboss-client.jar ReplicaProbe.java JMX_URL OBJECT_NAME [ATTRIBUTE...]");
            System.exit(2);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(args[0]))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(args[1]);
            if (!server.isRegistered(name)) {
                System.out.println(name + " is not registered: the replica does not run");
                return;
            }
            String[] names = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length)
                    : Arrays.stream(server.getMBeanInfo(name).getAttributes()).map(MBeanAttributeInfo::getName)
                            .sorted().toArray(String[]::new);
            StringBuilder line = new StringBuilder();
            for (Attribute attribute : server.getAttributes(name, names).asList()) {
                line.append(attribute.getName()).append('=').append(render(attribute.getValue())).append("  ");
            }
            System.out.println(line.toString().strip());
        }
    }

    private static String render(Object value) {
        if (value instanceof TabularData table) {
            Map<String, Object> nonZero = new TreeMap<>();
            for (Object row : table.values()) {
                CompositeData entry = (CompositeData) row;
                Object count = entry.get("value");
                if (!(count instanceof Long number && number == 0L)) {
                    nonZero.put(String.valueOf(entry.get("key")), count);
                }
            }
            return nonZero.toString();
        }
        return String.valueOf(value);
    }
}
