package coigraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j 5 server for coi-graph's tests: the community database embedded in this JVM, with
 * the Bolt connector on 127.0.0.1 only (never another interface), authentication on, and the
 * password of user neo4j set from the environment variable COI_NEO4J_PASSWORD (never from
 * an argument, which any user could read in the process list).
 *
 * <pre>
 *   java -cp ... coigraph.TestServer --home DIR --ready-file FILE [--port N] [--watch-pid PID]
 * </pre>
 *
 * Port 0 (the default) lets the system pick a free port; the port actually bound is written
 * to the ready file once Bolt accepts logins, which is how the caller knows the server is up.
 * The server stops on SIGTERM/SIGINT, and also when the process given by --watch-pid is gone,
 * so a killed test run never leaves a database behind.
 */
public final class TestServer {
    private TestServer() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        Path ready = null;
        int port = 0;
        long watchPid = -1;
        String pagecache = "128m";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--home" -> { home = Path.of(value); i++; }
                case "--ready-file" -> { ready = Path.of(value); i++; }
                case "--port" -> { port = Integer.parseInt(value); i++; }
                case "--watch-pid" -> { watchPid = Long.parseLong(value); i++; }
                case "--pagecache" -> { pagecache = value; i++; }
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (home == null || ready == null) {
            fail("usage: TestServer --home DIR --ready-file FILE [--port N] [--watch-pid PID]");
        }
        String password = System.getenv("COI_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("set COI_NEO4J_PASSWORD (at least 8 characters) in the environment");
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                           org.neo4j.io.ByteUnit.parse(pagecache))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "coi-neo4j-shutdown"));

        // The embedded API runs with full rights: set the password on the system database,
        // so that Bolt clients must log in with it (no "change your password" step).
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int bound = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(bound) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("neo4j test server: bolt://127.0.0.1:" + bound + " (home " + home + ")");
        System.out.flush();

        if (watchPid > 0) {
            ProcessHandle watched = ProcessHandle.of(watchPid).orElse(null);
            while (watched != null && watched.isAlive()) {
                Thread.sleep(Duration.ofSeconds(1).toMillis());
            }
            System.out.println("neo4j test server: process " + watchPid + " is gone, stopping");
            System.exit(0);  // runs the shutdown hook
        }
        Thread.currentThread().join();  // until SIGTERM
    }

    private static void fail(String message) {
        System.err.println("TestServer: " + message);
        System.exit(2);
    }
}
