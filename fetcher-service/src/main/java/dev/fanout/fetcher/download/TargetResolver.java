package dev.fanout.fetcher.download;

import dev.fanout.fetcher.net.AddressPolicy;
import dev.fanout.fetcher.net.HostSpelling;
import dev.fanout.v1.FetchError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Resolves a target's host and applies the SSRF guard. The clients then connect to exactly the
 * address returned here, so a second DNS answer cannot swap in an internal address (no rebinding).
 */
public final class TargetResolver {

    private final AddressPolicy policy;

    public TargetResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    /** True when resolving needs no lookup, so it can run on an event loop. */
    public static boolean isLiteral(FetchTarget target) {
        return HostSpelling.isIpLiteral(target.host());
    }

    /**
     * The address to connect to. Every address the name has must be allowed: otherwise a name with
     * one public and one internal record could reach the internal one.
     */
    public InetAddress resolve(FetchTarget target) throws FetchFailure {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.host());
        } catch (UnknownHostException e) {
            throw new FetchFailure(FetchError.FETCH_ERROR_DNS, "host name '" + target.host() + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> denial = policy.denial(address);
            if (denial.isPresent()) {
                throw new FetchFailure(FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "'" + target.host() + "' is "
                        + address.getHostAddress() + ", a " + denial.get() + " address the fetcher refuses"
                        + " (open it with fanout.fetcher.allowed-networks)");
            }
        }
        return addresses[0];
    }
}
