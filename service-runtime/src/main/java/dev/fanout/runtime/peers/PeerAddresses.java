package dev.fanout.runtime.peers;

import io.grpc.ChannelCredentials;
import io.grpc.EquivalentAddressGroup;
import io.grpc.Grpc;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A name resolver for a fixed list of {@code host:port} peers (local runs without DNS service
 * discovery). The list travels as a channel argument, not inside the target URI, so any host form
 * fits; the target is just {@value #TARGET}.
 */
final class PeerAddresses extends NameResolverProvider {

    static final String SCHEME = "fanout-peers";
    static final String TARGET = SCHEME + ":///peers";
    static final NameResolver.Args.Key<List<String>> LIST = NameResolver.Args.Key.create("fanout-peer-list");

    static {
        // Registered in code rather than through META-INF/services: explicit, and native-image safe.
        NameResolverRegistry.getDefaultRegistry().register(new PeerAddresses());
    }

    private PeerAddresses() {
    }

    /** Builds a channel to a peer list: registers this resolver (once) and passes the list on. */
    static ManagedChannelBuilder<?> channelTo(String commaSeparated, ChannelCredentials credentials) {
        return Grpc.newChannelBuilder(TARGET, credentials).setNameResolverArg(LIST, parse(commaSeparated));
    }

    /** Splits "h1:p1, h2:p2" into its entries; every entry needs a port. */
    private static List<String> parse(String commaSeparated) {
        List<String> entries = new ArrayList<>();
        for (String entry : commaSeparated.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("peer \"" + trimmed + "\" needs the form host:port");
            }
            entries.add(trimmed);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no peer in \"" + commaSeparated + "\"");
        }
        return List.copyOf(entries);
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        List<String> peers = args.getArg(LIST);
        return new NameResolver() {
            private Listener2 listener;

            @Override
            public String getServiceAuthority() {
                return "peers";
            }

            @Override
            public void start(Listener2 listener) {
                this.listener = listener;
                resolve();
            }

            @Override
            public void refresh() {
                // Called after connection failures: a host name may now resolve to another address.
                resolve();
            }

            private void resolve() {
                if (peers == null) {
                    listener.onError(Status.INTERNAL.withDescription("no peer list given to " + TARGET));
                    return;
                }
                List<EquivalentAddressGroup> groups = new ArrayList<>();
                for (String peer : peers) {
                    int colon = peer.lastIndexOf(':');
                    String host = peer.substring(0, colon).replace("[", "").replace("]", "");
                    InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(peer.substring(colon + 1)));
                    if (address.isUnresolved()) {
                        listener.onError(Status.UNAVAILABLE.withDescription("cannot resolve peer " + peer));
                        return;
                    }
                    groups.add(new EquivalentAddressGroup(address));
                }
                listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
            }

            @Override
            public void shutdown() {
                // Nothing held.
            }
        };
    }
}
