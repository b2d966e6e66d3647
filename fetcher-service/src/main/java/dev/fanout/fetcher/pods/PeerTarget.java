package dev.fanout.fetcher.pods;

import io.grpc.EquivalentAddressGroup;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The peer fetchers of PODS mode, from {@code fanout.fetcher.peers}: a {@code dns:///name:port}
 * target (a headless Service: one address per pod) or a comma-separated {@code host:port} list.
 * Either way one channel balances calls over all peers with round_robin.
 */
public final class PeerTarget {

    private static final String DNS = "dns:///";

    private final String spec;

    public PeerTarget(String spec) {
        this.spec = spec.strip();
        if (this.spec.isEmpty()) {
            throw new IllegalArgumentException("fanout.fetcher.peers is empty: give dns:///name:port or host:port,host:port");
        }
        if (!this.spec.startsWith(DNS)) {
            hostPorts(); // fail at startup on a malformed list
        }
    }

    public ManagedChannel openChannel() {
        ManagedChannelBuilder<?> builder = spec.startsWith(DNS)
                ? ManagedChannelBuilder.forTarget(spec)
                : ManagedChannelBuilder.forTarget("fanout-peers:///list").nameResolverFactory(new ListResolverFactory());
        return builder.defaultLoadBalancingPolicy("round_robin").usePlaintext().build();
    }

    /** How many peers there are now: one shard each. A DNS name is resolved again on every call. */
    public int count() {
        if (!spec.startsWith(DNS)) {
            return hostPorts().size();
        }
        try {
            return InetAddress.getAllByName(host(spec.substring(DNS.length()))).length;
        } catch (UnknownHostException e) {
            return 1; // let the channel report the failure on the call itself
        }
    }

    private List<InetSocketAddress> hostPorts() {
        return Arrays.stream(spec.split(","))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .map(part -> {
                    int colon = part.lastIndexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("fanout.fetcher.peers entry '" + part + "' is not host:port");
                    }
                    return InetSocketAddress.createUnresolved(host(part), Integer.parseInt(part.substring(colon + 1)));
                })
                .toList();
    }

    private static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    @Override
    public String toString() {
        return spec;
    }

    /** Resolves the host:port list once per refresh, each entry a separate round_robin subchannel. */
    private final class ListResolverFactory extends NameResolver.Factory {

        @Override
        public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
            return new NameResolver() {
                private Listener2 listener;

                @Override
                public String getServiceAuthority() {
                    return "fanout-peers";
                }

                @Override
                public void start(Listener2 listener) {
                    this.listener = listener;
                    refresh();
                }

                @Override
                public void refresh() {
                    List<EquivalentAddressGroup> groups = hostPorts().stream()
                            .map(unresolved -> new EquivalentAddressGroup(
                                    new InetSocketAddress(unresolved.getHostString(), unresolved.getPort())))
                            .toList();
                    listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
                }

                @Override
                public void shutdown() {
                }
            };
        }

        @Override
        public String getDefaultScheme() {
            return "fanout-peers";
        }
    }
}
