package dev.fanout.cli.support;

/** The two Fanout services, with the names errors use to tell the user what to fix. */
public enum Service {
    COMPUTE("compute service", "--compute", "FANOUT_COMPUTE"),
    FETCHER("fetcher service", "--fetcher", "FANOUT_FETCHER");

    private final String label;
    private final String option;
    private final String env;

    Service(String label, String option, String env) {
        this.label = label;
        this.option = option;
        this.env = env;
    }

    public String label() {
        return label;
    }

    /** How the user points the client at this service. */
    public String howToSet() {
        return option + " HOST:PORT or " + env;
    }
}
