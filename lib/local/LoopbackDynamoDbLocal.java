import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local from its own command line, as its ServerRunner does, with its HTTP connector
 * bound to 127.0.0.1 instead of every interface: the jar has no option for the address. Run by
 * lib/local/dynamodb-local.ts, compiled once per version of this file and of the jar.
 */
public class LoopbackDynamoDbLocal {
  private static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // The Jetty server is private and built with new Server(port), which listens on 0.0.0.0.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("Cannot bind " + connector + " to " + HOST + "; refusing to listen on every interface");
      }
      ((ServerConnector) connector).setHost(HOST);
    }
    proxy.start();
    for (Connector connector : connectors) {
      ServerConnector bound = (ServerConnector) connector;
      System.out.println("DynamoDB Local listening on " + bound.getHost() + ":" + bound.getLocalPort());
    }
  }
}
