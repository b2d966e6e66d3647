package dev.fanout.deploy;

/** A running topology of the main job's services ({@link LocalTopology#SERVICES}): each one's process id; close stops them all. */
interface ServicePids extends AutoCloseable {

    long pid(String service) throws java.io.IOException;
}
