package dev.fanout.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The arguments of the run whose {@link LaunchResult} the test method takes, and the exit code it must have. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface Launch {
    String[] value();

    int exitCode() default 0;
}
