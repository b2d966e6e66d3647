package dev.fanout.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The process exit codes of every fanout command; --help lists them from here. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNAVAILABLE = 3;
    public static final int DEADLINE = 4;
    /** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }

    /** Code to description, in the order --help shows them. */
    public static Map<String, String> forHelp() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "all ok");
        codes.put("1", "some URLs failed, or the service failed the call");
        codes.put("2", "usage error: an invalid option or argument, or a request the service rejected");
        codes.put("3", "service unavailable: nothing, or not that service, answers there; the mode is not available; or the service is busy");
        codes.put("4", "deadline exceeded (see --deadline)");
        codes.put("130", "cancelled with Ctrl-C: the calls in flight were cancelled first");
        return codes;
    }
}
