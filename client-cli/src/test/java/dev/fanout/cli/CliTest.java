package dev.fanout.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs fanout: its test methods take a {@link Launcher}, or a {@link LaunchResult}
 * of the arguments in {@link Launch}. In this JVM by default; {@code packaged = true} runs the packaged
 * client as a process of its own (the native executable where one was built, else the jar).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CliLauncher.class)
@interface CliTest {
    boolean packaged() default false;
}
