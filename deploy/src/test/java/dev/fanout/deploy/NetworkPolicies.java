package dev.fanout.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Answers "may this connection happen?" for a set of NetworkPolicies, with the API's semantics: a
 * pod selected by no policy of a direction is open in that direction; a selected pod admits a
 * connection when any rule of any selecting policy matches its peer and port. Supports what Fanout's
 * policies use (matchLabels selectors, ipBlocks, numbered ports) and refuses the rest.
 */
record NetworkPolicies(List<NetworkPolicy> policies, String namespace) {

    /** One end of a connection: a pod (its namespace and labels) or an address outside the cluster. */
    record Endpoint(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels, String ip) {

        static Endpoint pod(String namespace, Map<String, String> podLabels) {
            return new Endpoint(namespace, Map.of("kubernetes.io/metadata.name", namespace), podLabels, null);
        }

        static Endpoint address(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), ip);
        }

        boolean isPod() {
            return ip == null;
        }
    }

    boolean allows(Endpoint from, Endpoint to, String protocol, int port) {
        return allowedBy(from, "Egress", to, protocol, port) && allowedBy(to, "Ingress", from, protocol, port);
    }

    /** Whether {@code subject}'s policies of one direction admit traffic with {@code peer}. */
    private boolean allowedBy(Endpoint subject, String direction, Endpoint peer, String protocol, int port) {
        if (!subject.isPod() || !namespace.equals(subject.namespace())) {
            return true; // outside this namespace's policies
        }
        List<NetworkPolicy> selecting = policies.stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains(direction))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), subject.podLabels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().anyMatch(policy -> direction.equals("Ingress")
                ? policy.getSpec().getIngress().stream().anyMatch(rule -> admits(rule.getFrom(), rule.getPorts(), peer, protocol, port))
                : policy.getSpec().getEgress().stream().anyMatch(rule -> admits(rule.getTo(), rule.getPorts(), peer, protocol, port)));
    }

    private boolean admits(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, Endpoint peer, String protocol, int port) {
        boolean portMatches = ports.isEmpty() || ports.stream().anyMatch(p -> protocolOf(p).equals(protocol) && portOf(p) == port);
        boolean peerMatches = peers.isEmpty() || peers.stream().anyMatch(p -> matches(p, peer));
        return portMatches && peerMatches;
    }

    private boolean matches(NetworkPolicyPeer rule, Endpoint peer) {
        if (rule.getIpBlock() != null) {
            return !peer.isPod() && inBlock(peer.ip(), rule.getIpBlock());
        }
        if (!peer.isPod()) {
            return false;
        }
        boolean namespaceMatches = rule.getNamespaceSelector() == null
                ? namespace.equals(peer.namespace())
                : matches(rule.getNamespaceSelector(), peer.namespaceLabels());
        boolean podMatches = rule.getPodSelector() == null || matches(rule.getPodSelector(), peer.podLabels());
        return namespaceMatches && podMatches;
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (!selector.getMatchExpressions().isEmpty()) {
            throw new UnsupportedOperationException("matchExpressions: teach NetworkPolicies to evaluate them");
        }
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static String protocolOf(NetworkPolicyPort port) {
        return port.getProtocol() == null ? "TCP" : port.getProtocol();
    }

    private static int portOf(NetworkPolicyPort port) {
        if (port.getPort() == null || port.getPort().getIntVal() == null || port.getEndPort() != null) {
            throw new UnsupportedOperationException("only single numbered ports are evaluated: " + port);
        }
        return port.getPort().getIntVal();
    }

    private static boolean inBlock(String ip, IPBlock block) {
        return inCidr(ip, block.getCidr()) && block.getExcept().stream().noneMatch(except -> inCidr(ip, except));
    }

    static boolean inCidr(String ip, String cidr) {
        try {
            byte[] address = InetAddress.getByName(ip).getAddress();
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            if (address.length != network.length) {
                return false;
            }
            int bits = address.length * 8;
            int prefix = Integer.parseInt(parts[1]);
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip + " or " + cidr, e);
        }
    }
}
